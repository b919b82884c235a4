using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace YEScale.Simulator.Spec
{
    /// <summary>One operation of the spec: where it is, what it takes and what it answers on success.</summary>
    internal sealed class SpecOperation
    {
        private static readonly string[] Methods = { "get", "post", "put", "patch", "delete" };

        private SpecOperation(OpenApiDocument document, string method, string path, JsonObject node, IReadOnlyList<JsonObject> parameters)
        {
            Document = document;
            Method = method;
            Path = path;
            Node = node;
            Parameters = parameters;
            OperationId = OpenApiDocument.Text(node["operationId"]);
            Request = ReadRequest(document, document.ResolveObject(node["requestBody"]));
            Success = ReadSuccess(document, node["responses"] as JsonObject);
        }

        public OpenApiDocument Document { get; }

        /// <summary>The HTTP method, upper case.</summary>
        public string Method { get; }

        /// <summary>The path template as the spec writes it (<c>/mj/task/{id}/fetch</c>).</summary>
        public string Path { get; }

        public string? OperationId { get; }

        /// <summary>The operation object itself.</summary>
        public JsonObject Node { get; }

        /// <summary>The path item's and the operation's parameters, resolved (the operation's win).</summary>
        public IReadOnlyList<JsonObject> Parameters { get; }

        /// <summary>The request body's media types, or null when it takes none.</summary>
        public SpecRequestBody? Request { get; }

        /// <summary>The first 2xx response; null when the spec lists none.</summary>
        public SpecResponse? Success { get; }

        /// <summary>For messages and logs: the operation id, else method and path.</summary>
        public string DisplayName => OperationId ?? Method + " " + Path;

        /// <summary>Every operation of the document, in document order.</summary>
        public static IReadOnlyList<SpecOperation> ReadAll(OpenApiDocument document)
        {
            var operations = new List<SpecOperation>();
            if (document.Root["paths"] is not JsonObject paths)
            {
                return operations;
            }

            foreach (var (path, item) in paths)
            {
                if (document.ResolveObject(item) is not { } pathItem)
                {
                    continue;
                }

                var shared = ResolveParameters(document, pathItem["parameters"]);
                foreach (var method in Methods)
                {
                    if (pathItem[method] is not JsonObject operation)
                    {
                        continue;
                    }

                    var own = ResolveParameters(document, operation["parameters"]);
                    var merged = own.Concat(shared.Where(s => !own.Any(o => SameParameter(o, s)))).ToArray();
                    operations.Add(new SpecOperation(document, method.ToUpperInvariant(), path, operation, merged));
                }
            }

            return operations;
        }

        /// <summary>A parameter by name, or null.</summary>
        public JsonObject? Parameter(string name) =>
            Parameters.FirstOrDefault(p => string.Equals(OpenApiDocument.Text(p["name"]), name, StringComparison.Ordinal));

        /// <summary>The names of the path parameters, in order.</summary>
        public IReadOnlyList<string> PathParameterNames() =>
            Parameters.Where(p => OpenApiDocument.Text(p["in"]) == "path").Select(p => OpenApiDocument.Text(p["name"])).OfType<string>().ToArray();

        /// <summary>The first example a media type object gives: <c>example</c>, the first of <c>examples</c>, else its schema's.</summary>
        public static JsonNode? ExampleOf(OpenApiDocument document, JsonObject? media)
        {
            if (media is null)
            {
                return null;
            }

            if (media.TryGetPropertyValue("example", out var example) && example is not null)
            {
                return example;
            }

            if (media["examples"] is JsonObject examples)
            {
                foreach (var (_, entry) in examples)
                {
                    if (document.ResolveObject(entry) is { } resolved && resolved.TryGetPropertyValue("value", out var value) && value is not null)
                    {
                        return value;
                    }
                }
            }

            return document.ResolveObject(media["schema"]) is { } schema ? document.Find(schema, "example") : null;
        }

        private static IReadOnlyList<JsonObject> ResolveParameters(OpenApiDocument document, JsonNode? node) =>
            node is JsonArray items ? items.Select(document.ResolveObject).OfType<JsonObject>().ToArray() : Array.Empty<JsonObject>();

        private static bool SameParameter(JsonObject a, JsonObject b) =>
            OpenApiDocument.Text(a["name"]) == OpenApiDocument.Text(b["name"]) && OpenApiDocument.Text(a["in"]) == OpenApiDocument.Text(b["in"]);

        private static SpecRequestBody? ReadRequest(OpenApiDocument document, JsonObject? body)
        {
            if (body?["content"] is not JsonObject content || content.Count == 0)
            {
                return null;
            }

            var media = content.Select(m => new SpecMediaType(m.Key, document.ResolveObject(m.Value))).ToArray();
            return new SpecRequestBody(body["required"] is JsonValue required && required.TryGetValue<bool>(out var r) && r, media);
        }

        private static SpecResponse? ReadSuccess(OpenApiDocument document, JsonObject? responses)
        {
            if (responses is null)
            {
                return null;
            }

            // The lowest 2xx code; "2XX" ranks after any exact one.
            var success = responses
                .Select(r => (Code: r.Key, Rank: int.TryParse(r.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : r.Key is "2XX" or "2xx" ? 299 : 0, r.Value))
                .Where(r => r.Rank is >= 200 and <= 299)
                .OrderBy(r => r.Rank)
                .FirstOrDefault();
            if (success.Code is null || document.ResolveObject(success.Value) is not { } response)
            {
                return null;
            }

            var media = response["content"] is JsonObject content
                ? content.Select(m => new SpecMediaType(m.Key, document.ResolveObject(m.Value))).ToArray()
                : Array.Empty<SpecMediaType>();
            return new SpecResponse(success.Code, media, response["links"] as JsonObject);
        }
    }

    /// <summary>One media type of a request or response: its name and its media type object.</summary>
    internal sealed record SpecMediaType(string Name, JsonObject? Node)
    {
        public JsonNode? Schema => Node?["schema"];

        public bool IsJson => MediaTypes.IsJson(Name);

        public bool IsForm => MediaTypes.IsForm(Name);
    }

    /// <summary>A request body: whether it is required, and its media types in spec order.</summary>
    internal sealed record SpecRequestBody(bool Required, IReadOnlyList<SpecMediaType> Media)
    {
        /// <summary>The media type matching a request's <c>Content-Type</c>, else the first JSON one, else the first.</summary>
        public SpecMediaType Select(string? contentType)
        {
            var name = contentType?.Split(';')[0].Trim();
            return Media.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? (MediaTypes.IsForm(name) ? Media.FirstOrDefault(m => m.IsForm) : null)
                ?? Media.FirstOrDefault(m => m.IsJson)
                ?? Media[0];
        }
    }

    /// <summary>The success response: its code, media types and links.</summary>
    internal sealed record SpecResponse(string Code, IReadOnlyList<SpecMediaType> Media, JsonObject? Links)
    {
        /// <summary>The media type the simulator answers with: JSON when offered, else the first.</summary>
        public SpecMediaType? Preferred => Media.FirstOrDefault(m => m.IsJson) ?? Media.FirstOrDefault();
    }

    /// <summary>Media type names.</summary>
    internal static class MediaTypes
    {
        public static bool IsJson(string? name) =>
            name is not null && (name.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
                || name.Equals("*/*", StringComparison.Ordinal));

        public static bool IsForm(string? name) =>
            name is not null && (name.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
                || name.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
    }
}
