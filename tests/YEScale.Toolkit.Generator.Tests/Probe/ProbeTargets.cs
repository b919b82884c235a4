using System;
using System.Collections.Generic;
using System.Linq;
using NJsonSchema;
using NSwag;
using YEScale.Toolkit.Generator.Model;
using YEScale.Toolkit.Generator.Parsing;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>One JSON body the client reads (an answer) or writes (a request): the schema it is sampled from and the C# type the client uses.</summary>
    internal sealed record ProbeTarget(string OperationId, ProbeDirection Direction, TypeRef Type, JsonSchema? Schema)
    {
        public string Name => OperationId + " " + (Direction == ProbeDirection.Response ? "response" : "request");
    }

    /// <summary>
    /// Finds the JSON bodies of a document's operations: the answer of every operation the client reads as JSON
    /// (<see cref="ResponseKind.Json"/>) and every JSON request body (<see cref="BodyKind.Json"/>), with the schema the
    /// generator built each type from, chosen the way <see cref="ModelBuilder"/> chooses it.
    /// </summary>
    internal static class ProbeTargets
    {
        public static List<ProbeTarget> Find(ProbeSpec spec)
        {
            var targets = new List<ProbeTarget>();
            foreach (var operation in spec.Model.Operations)
            {
                var source = FindOperation(spec.Document, operation);
                if (source is null)
                {
                    throw new InvalidOperationException("No operation " + operation.HttpMethod + " " + operation.Path + " in the document");
                }

                if (operation.Response.Kind == ResponseKind.Json && operation.Response.Type is { } responseType && !HasFile(responseType))
                {
                    targets.Add(new ProbeTarget(operation.OperationId, ProbeDirection.Response, responseType, ResponseSchema(source)));
                }

                if (operation.Body is { Kind: BodyKind.Json } body && !HasFile(body.Type))
                {
                    targets.Add(new ProbeTarget(operation.OperationId, ProbeDirection.Request, body.Type, RequestSchema(source, body)));
                }
            }

            return targets;
        }

        private static bool HasFile(TypeRef type) => type.Kind == TypeRefKind.File || (type.Item != null && HasFile(type.Item));

        private static OpenApiOperation? FindOperation(OpenApiDocument document, OperationModel operation)
        {
            if (!document.Paths.TryGetValue(operation.Path, out var item))
            {
                return null;
            }

            return item.TryGetValue(operation.HttpMethod.ToLowerInvariant(), out var found) || item.TryGetValue(operation.HttpMethod, out found) ? found : null;
        }

        /// <summary>The schema of the answer the client reads: as ModelBuilder.BuildResponse picks it.</summary>
        private static JsonSchema? ResponseSchema(OpenApiOperation operation)
        {
            var success = ModelBuilder.SuccessResponse(operation)!;
            if (success.Content.Count == 0)
            {
                return success.Schema;
            }

            var json = success.Content.FirstOrDefault(pair => IsJson(pair.Key) && pair.Key != "*/*");
            if (json.Key is null)
            {
                json = success.Content.FirstOrDefault(pair => IsJson(pair.Key));
            }

            return json.Value?.Schema;
        }

        /// <summary>The schema of the JSON body: the requestBody's media type the generator chose, or Swagger 2's body parameter.</summary>
        private static JsonSchema? RequestSchema(OpenApiOperation operation, BodyModel body)
        {
            var content = operation.RequestBody?.ActualRequestBody?.Content;
            if (content != null && content.Count > 0)
            {
                return content.TryGetValue(body.MediaType, out var media) ? media.Schema : null;
            }

            var parameter = operation.ActualParameters.Select(p => p.ActualParameter).FirstOrDefault(p => p.Kind == OpenApiParameterKind.Body);
            return parameter?.Schema ?? parameter;
        }

        private static bool IsJson(string mediaType)
        {
            var type = mediaType.Split(';')[0].Trim();
            return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                   || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
                   || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
                   || type == "*/*";
        }
    }
}
