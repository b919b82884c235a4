using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace YEScale.Simulator.Spec
{
    /// <summary>
    /// An OpenAPI document as a JSON tree, with what the simulator needs from it: local <c>$ref</c>s resolved, and
    /// schemas looked up along JSON pointers (through <c>allOf</c> and array items).
    /// </summary>
    internal sealed class OpenApiDocument
    {
        // Enough for any sane chain of references; a cycle ends here instead of looping.
        private const int MaxReferenceDepth = 32;

        public OpenApiDocument(JsonObject root, string source)
        {
            Root = root;
            Source = source;
        }

        public JsonObject Root { get; }

        /// <summary>Where the document came from, for messages.</summary>
        public string Source { get; }

        /// <summary>The embedded YEScale spec, or the file at <paramref name="path"/>.</summary>
        public static OpenApiDocument Load(string? path)
        {
            var source = path ?? OpenApiDocumentReader.EmbeddedSpecName;
            var text = path is null ? OpenApiDocumentReader.ReadEmbeddedText() : File.ReadAllText(path);
            return OpenApiDocumentReader.Parse(text, source) is JsonObject root
                ? new OpenApiDocument(root, source)
                : throw new InvalidDataException($"{source} is not an OpenAPI document (its root is not an object).");
        }

        /// <summary>Follows <c>$ref</c>s (local ones, <c>#/components/...</c>) until a node without one; a broken one resolves to null.</summary>
        public JsonNode? Resolve(JsonNode? node)
        {
            for (var depth = 0; depth < MaxReferenceDepth; depth++)
            {
                if (node is not JsonObject obj || !obj.TryGetPropertyValue("$ref", out var reference))
                {
                    return node;
                }

                var text = reference is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
                if (text is null || !text.StartsWith('#'))
                {
                    return null;
                }

                node = JsonPointer.TryParse(Uri.UnescapeDataString(text[1..]))?.Get(Root);
            }

            return null;
        }

        /// <summary>The resolved object at <paramref name="node"/>, or null when it is not one.</summary>
        public JsonObject? ResolveObject(JsonNode? node) => Resolve(node) as JsonObject;

        /// <summary>
        /// The schema of the value at <paramref name="pointer"/> inside a value of <paramref name="schema"/>: member by member
        /// through <c>properties</c> (of the schema and its <c>allOf</c>, <c>oneOf</c> and <c>anyOf</c> parts), and into
        /// <c>items</c> for an array. Null when the schema does not describe it.
        /// </summary>
        public JsonObject? SchemaAt(JsonNode? schema, JsonPointer pointer)
        {
            var current = ResolveObject(schema);
            foreach (var token in pointer.Tokens)
            {
                if (current is null)
                {
                    return null;
                }

                current = TypeOf(current) == "array" || (JsonPointer.IsIndex(token, out _) && Property(current, token) is null)
                    ? ResolveObject(Find(current, "items"))
                    : Property(current, token);
            }

            return current;
        }

        /// <summary>A member's schema, looked for in the schema and its composition parts.</summary>
        public JsonObject? Property(JsonObject schema, string name)
        {
            foreach (var part in Parts(schema))
            {
                if (part["properties"] is JsonObject properties && properties.TryGetPropertyValue(name, out var property))
                {
                    return ResolveObject(property);
                }
            }

            return null;
        }

        /// <summary>The member names the schema describes, through <c>allOf</c>.</summary>
        public IReadOnlyList<string> PropertyNames(JsonNode? schema)
        {
            var names = new List<string>();
            if (ResolveObject(schema) is { } resolved)
            {
                foreach (var part in Parts(resolved, includeAlternatives: false))
                {
                    if (part["properties"] is JsonObject properties)
                    {
                        names.AddRange(properties.Select(p => p.Key).Where(k => !names.Contains(k)));
                    }
                }
            }

            return names;
        }

        /// <summary>The <c>required</c> members of an object schema, through <c>allOf</c> (not through alternatives: any one of them may apply).</summary>
        public IReadOnlyList<string> RequiredMembers(JsonNode? schema)
        {
            var names = new List<string>();
            if (ResolveObject(schema) is { } resolved)
            {
                foreach (var part in Parts(resolved, includeAlternatives: false))
                {
                    if (part["required"] is JsonArray required)
                    {
                        names.AddRange(required.Select(Text).OfType<string>().Where(k => !names.Contains(k)));
                    }
                }
            }

            return names;
        }

        /// <summary>The schema's type (<c>string</c>, <c>integer</c>...), through <c>allOf</c>; 3.1's <c>[X, "null"]</c> is X. Null when none is given.</summary>
        public string? TypeOf(JsonNode? schema)
        {
            if (ResolveObject(schema) is not { } resolved)
            {
                return null;
            }

            foreach (var part in Parts(resolved))
            {
                switch (part["type"])
                {
                    case JsonValue value when Text(value) is { } type:
                        return type;
                    case JsonArray types when types.Select(Text).FirstOrDefault(t => t is not null and not "null") is { } first:
                        return first;
                }

                // An enum alone says what kind of value it holds.
                if (part["enum"] is JsonArray values && values.FirstOrDefault(v => v is not null) is JsonValue sample)
                {
                    return sample.GetValueKind() switch
                    {
                        JsonValueKind.String => "string",
                        JsonValueKind.Number => Text(sample)!.Contains('.', StringComparison.Ordinal) ? "number" : "integer",
                        JsonValueKind.True or JsonValueKind.False => "boolean",
                        _ => null,
                    };
                }
            }

            return null;
        }

        /// <summary>The schema's <c>enum</c> values as text, through <c>allOf</c>; empty when it has none.</summary>
        public IReadOnlyList<string> EnumValues(JsonNode? schema)
        {
            if (ResolveObject(schema) is { } resolved)
            {
                foreach (var part in Parts(resolved))
                {
                    if (part["enum"] is JsonArray values)
                    {
                        return values.Select(Text).OfType<string>().ToArray();
                    }
                }
            }

            return Array.Empty<string>();
        }

        /// <summary>A keyword's value from the schema or one of its parts (<c>maximum</c>, <c>format</c>, <c>example</c>...).</summary>
        public JsonNode? Find(JsonObject schema, string keyword)
        {
            foreach (var part in Parts(schema))
            {
                if (part.TryGetPropertyValue(keyword, out var value) && value is not null)
                {
                    return value;
                }
            }

            return null;
        }

        /// <summary>A scalar's text in invariant form (numbers and booleans too); null for null, objects and arrays.</summary>
        public static string? Text(JsonNode? node)
        {
            if (node is not JsonValue value)
            {
                return null;
            }

            return value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => value.TryGetValue<long>(out var integer)
                    ? integer.ToString(CultureInfo.InvariantCulture)
                    : value.TryGetValue<double>(out var real) ? real.ToString("R", CultureInfo.InvariantCulture) : value.ToJsonString(),
                _ => null,
            };
        }

        /// <summary>A number's value, whether it was read as an integer or not; null for anything else.</summary>
        public static double? Number(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? value.TryGetValue<long>(out var integer) ? integer : value.TryGetValue<double>(out var real) ? real : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture)
            : null;

        /// <summary>The schema and, depth first, the parts it is composed of.</summary>
        private IEnumerable<JsonObject> Parts(JsonObject schema, bool includeAlternatives = true, int depth = 0)
        {
            yield return schema;
            if (depth >= MaxReferenceDepth)
            {
                yield break;
            }

            var keywords = includeAlternatives ? new[] { "allOf", "oneOf", "anyOf" } : new[] { "allOf" };
            foreach (var keyword in keywords)
            {
                if (schema[keyword] is not JsonArray parts)
                {
                    continue;
                }

                foreach (var part in parts)
                {
                    if (ResolveObject(part) is { } resolved)
                    {
                        foreach (var nested in Parts(resolved, includeAlternatives, depth + 1))
                        {
                            yield return nested;
                        }
                    }
                }
            }
        }
    }
}
