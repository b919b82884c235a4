using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// <c>$ref</c>s where OpenAPI wants text (a description, summary or title), as some multi-file specs write them:
    /// NSwag would fail the whole document on one. A reference to a scalar in a listed file (or in this one) becomes
    /// that text; any other is left out with YSG013 at its line. Runs on the main document's untouched tree, first.
    /// </summary>
    internal static class TextReferences
    {
        private static readonly HashSet<string> TextKeys = new HashSet<string>(StringComparer.Ordinal) { "description", "summary", "title" };

        /// <summary>Keys whose object value maps names to things: the names are not keywords (a property may be called "description").</summary>
        private static readonly HashSet<string> NameMaps = new HashSet<string>(StringComparer.Ordinal)
        {
            "properties", "patternProperties", "definitions", "$defs", "schemas", "paths", "responses", "content", "headers",
            "links", "callbacks", "encoding", "variables", "securitySchemes", "requestBodies", "pathItems", "webhooks",
            "securityDefinitions", "parameters", "examples", "scopes", "mapping", "dependentSchemas",
        };

        /// <summary>Keys whose value is the API's data, not the document's: nothing in it is a keyword.</summary>
        private static readonly HashSet<string> DataKeys = new HashSet<string>(StringComparer.Ordinal) { "example", "default", "enum", "const", "value", "x-examples" };

        /// <returns>True when the tree changed.</returns>
        public static bool Inline(JObject root, DocumentSet documents, DiagnosticSink diagnostics)
        {
            var found = new List<(JProperty Property, JObject Holder, string Reference)>();
            Collect(root, false, found);
            if (found.Count == 0)
            {
                return false;
            }

            var main = documents.Main;
            foreach (var (property, holder, reference) in found)
            {
                // Located before anything changes, while the tree still matches the text.
                var location = main.Locate(holder, "$ref");
                if (Resolve(reference, documents, out var reason) is { } text)
                {
                    property.Value = new JValue(text);
                    continue;
                }

                property.Remove();
                diagnostics.Report(DiagnosticCatalog.UnusableTextReference, location, property.Name, reference, reason);
            }

            return true;
        }

        private static void Collect(JToken token, bool keysAreNames, List<(JProperty, JObject, string)> found)
        {
            if (token is JArray array)
            {
                foreach (var item in array)
                {
                    Collect(item, false, found);
                }

                return;
            }

            if (token is not JObject obj)
            {
                return;
            }

            foreach (var property in obj.Properties())
            {
                if (keysAreNames)
                {
                    Collect(property.Value, false, found);
                    continue;
                }

                if (DataKeys.Contains(property.Name) || property.Name.StartsWith("x-", StringComparison.Ordinal))
                {
                    continue;
                }

                if (TextKeys.Contains(property.Name) && property.Value is JObject holder
                    && holder.TryGetValue("$ref", StringComparison.Ordinal, out var reference) && reference.Type == JTokenType.String)
                {
                    found.Add((property, holder, (string)reference!));
                    continue;
                }

                Collect(property.Value, NameMaps.Contains(property.Name) && property.Value is JObject, found);
            }
        }

        /// <summary>The text a reference points at, or null with the reason it gives none.</summary>
        private static string? Resolve(string reference, DocumentSet documents, out string reason)
        {
            reason = string.Empty;
            if (PathText.IsRemote(reference))
            {
                reason = "a remote address is never fetched";
                return null;
            }

            var hash = reference.IndexOf('#');
            var file = hash < 0 ? reference : reference.Substring(0, hash);
            var pointer = hash < 0 ? string.Empty : reference.Substring(hash + 1);
            var document = documents.Main;
            if (file.Length > 0)
            {
                var path = PathText.Resolve(documents.Main.Path, PathText.Unescape(file));
                document = documents.Load(path)!;
                if (document is null)
                {
                    reason = "'" + path + "' is not part of the compilation; add it as <AdditionalFiles Include=\"" + path + "\" />";
                    return null;
                }
            }

            var segments = PathText.PointerSegments(pointer);
            var target = segments is null ? null : PathText.Evaluate(document.Root, segments);
            if (target is JValue { Value: not null } scalar && scalar.Type is JTokenType.String or JTokenType.Integer or JTokenType.Float or JTokenType.Boolean)
            {
                return Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            reason = target is null ? "it points at nothing" : "it points at " + (target.Type == JTokenType.Object ? "an object" : target.Type == JTokenType.Array ? "a list" : "null") + ", not text";
            return null;
        }
    }
}
