using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace YEScale.Simulator.Spec
{
    /// <summary>
    /// Loads an OpenAPI document (YAML or JSON) into <see cref="JsonNode"/>s. YAML goes through YamlDotNet's
    /// representation model only, and every node is built eagerly, so the tree is reflection-free (Native AOT) and safe
    /// to read from concurrent requests.
    /// </summary>
    internal static partial class OpenApiDocumentReader
    {
        /// <summary>The logical name of the spec embedded in this assembly (see the project file).</summary>
        public const string EmbeddedSpecName = "yescale.openapi.yaml";

        /// <summary>The embedded spec's text.</summary>
        public static string ReadEmbeddedText()
        {
            using var stream = typeof(OpenApiDocumentReader).Assembly.GetManifestResourceStream(EmbeddedSpecName)
                ?? throw new InvalidOperationException($"The embedded spec '{EmbeddedSpecName}' is missing from the simulator assembly.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        /// <summary>Parses YAML or JSON text; <paramref name="source"/> names it in error messages.</summary>
        public static JsonNode Parse(string text, string source)
        {
            ArgumentNullException.ThrowIfNull(text);
            var trimmed = text.AsSpan().TrimStart();
            try
            {
                if (trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
                {
                    // JSON is YAML too, but reading it as JSON keeps its number and string types exact.
                    using var json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                    return FromJson(json.RootElement) ?? throw new InvalidDataException($"{source} is empty.");
                }

                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                if (stream.Documents.Count == 0)
                {
                    throw new InvalidDataException($"{source} is empty.");
                }

                return FromYaml(stream.Documents[0].RootNode) ?? throw new InvalidDataException($"{source} is empty.");
            }
            catch (YamlException exception)
            {
                throw new InvalidDataException($"{source} is not valid YAML (line {exception.Start.Line}): {exception.Message}", exception);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{source} is not valid JSON (line {exception.LineNumber + 1}): {exception.Message}", exception);
            }
        }

        /// <summary>A YAML node as JSON: mappings to objects (keys as text), sequences to arrays, plain scalars typed by the YAML 1.2 core schema.</summary>
        public static JsonNode? FromYaml(YamlNode node) => node switch
        {
            YamlMappingNode mapping => FromMapping(mapping),
            YamlSequenceNode sequence => FromSequence(sequence),
            YamlScalarNode scalar => FromScalar(scalar),
            _ => null,
        };

        private static JsonObject FromMapping(YamlMappingNode mapping)
        {
            var result = new JsonObject();
            foreach (var (key, value) in mapping.Children)
            {
                // A later duplicate key wins, as most YAML readers do.
                var name = key is YamlScalarNode { Value: { } text } ? text : key.ToString();
                result[name] = FromYaml(value);
            }

            return Materialized(result);
        }

        private static JsonArray FromSequence(YamlSequenceNode sequence)
        {
            var result = new JsonArray();
            foreach (var item in sequence.Children)
            {
                result.Add(FromYaml(item));
            }

            return Materialized(result);
        }

        private static JsonNode? FromScalar(YamlScalarNode scalar)
        {
            var value = scalar.Value ?? string.Empty;
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            if (tag is "tag:yaml.org,2002:str" or "!!str")
            {
                return JsonValue.Create(value);
            }

            // Quoted and block scalars are always text: "true", '1.0' and "2025-07-02" stay strings.
            if (scalar.Style != ScalarStyle.Plain && tag is null)
            {
                return JsonValue.Create(value);
            }

            switch (value)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return null;
                case "true" or "True" or "TRUE":
                    return JsonValue.Create(true);
                case "false" or "False" or "FALSE":
                    return JsonValue.Create(false);
            }

            if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return JsonValue.Create(integer);
            }

            if (HexPattern().IsMatch(value) && long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                return JsonValue.Create(hex);
            }

            // Infinity and NaN have no JSON form; they stay text.
            if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            {
                return JsonValue.Create(real);
            }

            return JsonValue.Create(value);
        }

        /// <summary>A JSON element as a fully built node tree (JsonNode.Parse would build it lazily, which is not safe to share).</summary>
        private static JsonNode? FromJson(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new JsonObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        result[property.Name] = FromJson(property.Value);
                    }

                    return Materialized(result);
                case JsonValueKind.Array:
                    var array = new JsonArray();
                    foreach (var item in element.EnumerateArray())
                    {
                        array.Add(FromJson(item));
                    }

                    return Materialized(array);
                case JsonValueKind.String:
                    return JsonValue.Create(element.GetString()!);
                case JsonValueKind.Number:
                    return element.TryGetInt64(out var integer) ? JsonValue.Create(integer) : JsonValue.Create(element.GetDouble());
                case JsonValueKind.True:
                    return JsonValue.Create(true);
                case JsonValueKind.False:
                    return JsonValue.Create(false);
                default:
                    return null;
            }
        }

        /// <summary>
        /// Touches the container's storage, which an empty one creates lazily on first read: the tree is then shared
        /// by concurrent requests with reads only.
        /// </summary>
        private static T Materialized<T>(T node)
            where T : JsonNode
        {
            _ = node is JsonObject obj ? obj.Count : node.AsArray().Count;
            return node;
        }

        [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
        private static partial Regex IntegerPattern();

        [GeneratedRegex("^0x[0-9a-fA-F]+$", RegexOptions.CultureInvariant)]
        private static partial Regex HexPattern();

        [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
        private static partial Regex FloatPattern();
    }
}
