using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator.Http
{
    /// <summary>
    /// A request's body as JSON: the parsed JSON body, or a form's fields (files by name). Read and checked against the
    /// operation's request schema: it must parse and carry the schema's top-level required members.
    /// </summary>
    internal sealed class RequestPayload
    {
        private RequestPayload(JsonNode? body)
        {
            Body = body;
        }

        /// <summary>The body; null when the request has none (or the operation takes none).</summary>
        public JsonNode? Body { get; }

        /// <summary>Every string in the body, at any depth (where a failure trigger such as <c>[fail]</c> is looked for).</summary>
        public IEnumerable<string> Strings() => StringsIn(Body);

        /// <summary>The payload, or the 400 answer that refuses it.</summary>
        /// <param name="jsonWhenUndeclared">Reads a JSON body even when the operation declares none (chat completions always take one).</param>
        public static async Task<(RequestPayload? Payload, SimulatorAnswer? Refusal)> ReadAsync(HttpContext context, SpecOperation operation, bool jsonWhenUndeclared = false)
        {
            var request = context.Request;
            var declared = operation.Request;
            if (declared is null && jsonWhenUndeclared)
            {
                declared = new SpecRequestBody(true, new[] { new SpecMediaType("application/json", null) });
            }

            if (declared is null)
            {
                return (new RequestPayload(null), null);
            }

            var media = declared.Select(request.ContentType);
            JsonNode? body;
            if (request.HasFormContentType)
            {
                body = await ReadFormAsync(request).ConfigureAwait(false);
                media = declared.Media.FirstOrDefault(m => m.IsForm) ?? media;
            }
            else if (media.IsJson || MediaTypes.IsJson(request.ContentType?.Split(';')[0].Trim()))
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
                if (buffer.Length == 0 && !declared.Required)
                {
                    return (new RequestPayload(null), null);
                }

                try
                {
                    body = JsonNode.Parse(buffer.ToArray());
                }
                catch (JsonException)
                {
                    return (null, SimulatorAnswer.InvalidRequest("The request body is not valid JSON."));
                }
            }
            else
            {
                // Raw uploads (audio, images) are taken as they are.
                return (new RequestPayload(null), null);
            }

            var required = operation.Document.RequiredMembers(media.Schema);
            if (required.Count > 0 && body is not JsonObject)
            {
                return (null, SimulatorAnswer.InvalidRequest("The request body must be an object."));
            }

            var missing = required.Where(name => body is JsonObject obj && (!obj.TryGetPropertyValue(name, out var value) || value is null)).ToArray();
            if (missing.Length > 0)
            {
                var names = string.Join(", ", missing.Select(n => "'" + n + "'"));
                return (null, SimulatorAnswer.InvalidRequest($"Missing required {(missing.Length == 1 ? "member" : "members")}: {names}."));
            }

            return (new RequestPayload(body), null);
        }

        private static async Task<JsonObject> ReadFormAsync(HttpRequest request)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            var fields = new JsonObject();
            foreach (var (name, values) in form)
            {
                fields[name] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }

            // A file part counts as its member being present; its name is what the task keeps of it.
            foreach (var file in form.Files)
            {
                fields[file.Name] ??= JsonValue.Create(file.FileName);
            }

            return fields;
        }

        private static IEnumerable<string> StringsIn(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    return obj.SelectMany(p => StringsIn(p.Value));
                case JsonArray array:
                    return array.SelectMany(StringsIn);
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    return new[] { value.GetValue<string>() };
                default:
                    return Enumerable.Empty<string>();
            }
        }
    }
}
