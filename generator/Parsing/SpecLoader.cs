using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Turns a document's text into NSwag's object model, or into a diagnostic at the offending line. The text is read
    /// into a JSON tree first (YAML leniently), where references to other files are inlined and unresolvable ones left
    /// out (see <see cref="ReferencePrePass"/>); NSwag then reads that tree as JSON.
    /// </summary>
    internal static class SpecLoader
    {
        private static readonly Regex JsonPosition = new Regex(@",? line \d+, position \d+\.?$", RegexOptions.CultureInvariant);

        public static OpenApiDocument? Load(SpecInput input, SpecText text, DiagnosticSink diagnostics, CancellationToken cancellationToken)
        {
            var isJson = text.LooksLikeJson;
            if (isJson && HasOnlyLocalReferences(input.Text))
            {
                // Most JSON documents: NSwag can read them as written, which spares building and walking a second tree
                // of a large file. Should it fail (a local $ref to nothing, bad syntax), the careful path below decides.
                try
                {
                    var declared = IsSwagger2(text) ? SchemaType.Swagger2 : SchemaType.OpenApi3;
                    var document = OpenApiDocument.FromJsonAsync(input.Text, null, declared, null, cancellationToken).GetAwaiter().GetResult();
                    if (document.Paths != null && document.Info != null)
                    {
                        return document;
                    }
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
                catch (Exception)
                {
                    // Read again below, where every failure becomes the right diagnostic.
                }
            }

            JToken tree;
            try
            {
                tree = DocumentReader.Read(input.Text, isJson);
            }
            catch (Exception exception) when (exception is JsonException || exception is YamlDotNet.Core.YamlException)
            {
                ReportSyntaxError(diagnostics, exception, text);
                return null;
            }

            if (tree is not JObject root)
            {
                ReportInvalid(diagnostics, text, tree.Type == JTokenType.Null ? "the file is empty" : "its top level is not a mapping of OpenAPI fields");
                return null;
            }

            var schemaType = root.ContainsKey("swagger") ? SchemaType.Swagger2 : SchemaType.OpenApi3;
            var main = new SourceDocument(input.Path, input.Text, root, isMain: true);
            var changed = ReferencePrePass.Run(root, main, input.Documents, diagnostics, cancellationToken);

            // Unchanged JSON goes to NSwag as written; YAML, or a tree the pre-pass changed, as compact JSON.
            var json = isJson && !changed ? input.Text : root.ToString(Formatting.None);
            try
            {
                // No document path: NSwag would read sibling files itself, which an analyzer must not do (they were
                // inlined above from the AdditionalFiles the compiler handed in).
                var document = OpenApiDocument.FromJsonAsync(json, null, schemaType, null, cancellationToken).GetAwaiter().GetResult();
                if (document.Paths is null || document.Info is null)
                {
                    ReportInvalid(diagnostics, text, "it has no 'info' or 'paths' section");
                    return null;
                }

                return document;
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception exception)
            {
                var innermost = exception;
                while (innermost.InnerException != null)
                {
                    innermost = innermost.InnerException;
                }

                // Positions in NSwag's messages are in the JSON it was given, not in the user's file.
                var message = isJson && !changed ? innermost.Message : JsonPosition.Replace(innermost.Message.Trim(), string.Empty);
                ReportInvalid(diagnostics, text, message);
                return null;
            }
        }

        /// <summary>
        /// True when NSwag may read the JSON text as written: every <c>$ref</c> is local ('#...') and no mapping names a
        /// URL, which NSwag would fetch. (A mapping value naming a schema or a file only makes NSwag throw, without reading
        /// anything; the careful path then takes over.)
        /// A key spelled with \u escapes could hide from the scan, so such a text is never taken as local.
        /// </summary>
        private static bool HasOnlyLocalReferences(string json)
        {
            for (var i = json.IndexOf("\\u00", StringComparison.OrdinalIgnoreCase); i >= 0; i = json.IndexOf("\\u00", i + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (i + 6 <= json.Length && int.TryParse(json.Substring(i + 4, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code)
                    && (code == '$' || (code >= 'A' && code <= 'Z') || (code >= 'a' && code <= 'z')))
                {
                    return false;
                }
            }

            foreach (var reference in RefLocator.RefValues(json))
            {
                if (!reference.StartsWith("#", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return MappingsAreLocal(json);
        }

        /// <summary>Reads each <c>"mapping": { "key": "value", ... }</c>; false at a remote value or anything unexpected.</summary>
        private static bool MappingsAreLocal(string json)
        {
            const string Key = "\"mapping\"";
            var index = 0;
            while ((index = json.IndexOf(Key, index, StringComparison.Ordinal)) >= 0)
            {
                index += Key.Length;
                var i = SkipWhitespace(json, index);
                if (i >= json.Length || json[i] != ':')
                {
                    continue; // the word in a string, not a key
                }

                i = SkipWhitespace(json, i + 1);
                if (i >= json.Length || json[i] != '{')
                {
                    return false;
                }

                i = SkipWhitespace(json, i + 1);
                while (i < json.Length && json[i] != '}')
                {
                    if (json[i] != '"' || RefLocator.ReadScalar(json, i) is null)
                    {
                        return false;
                    }

                    i = SkipWhitespace(json, SkipString(json, i));
                    if (i >= json.Length || json[i] != ':')
                    {
                        return false;
                    }

                    i = SkipWhitespace(json, i + 1);
                    if (i >= json.Length || json[i] != '"' || RefLocator.ReadScalar(json, i) is not string value || PathText.IsRemote(value))
                    {
                        return false;
                    }

                    i = SkipWhitespace(json, SkipString(json, i));
                    if (i < json.Length && json[i] == ',')
                    {
                        i = SkipWhitespace(json, i + 1);
                    }
                }
            }

            return true;
        }

        private static int SkipWhitespace(string text, int i)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i;
        }

        /// <summary>The index after the JSON string starting at <paramref name="i"/>.</summary>
        private static int SkipString(string text, int i)
        {
            for (i++; i < text.Length; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                }
                else if (text[i] == '"')
                {
                    return i + 1;
                }
            }

            return text.Length;
        }

        /// <summary>"swagger" as a top-level key, for the fast path (the careful path reads it from the tree).</summary>
        private static bool IsSwagger2(SpecText text)
        {
            var location = text.Find(new[] { "swagger" });
            return location.Length > 0 && location.StartColumn <= 2;
        }

        /// <summary>A syntax error, at the line and column its parser gives.</summary>
        private static void ReportSyntaxError(DiagnosticSink diagnostics, Exception exception, SpecText text)
        {
            var where = exception switch
            {
                JsonReaderException json when json.LineNumber > 0 => text.AtLineColumn(json.LineNumber, json.LinePosition),
                YamlDotNet.Core.YamlException yaml => text.AtLineColumn((int)yaml.Start.Line, (int)yaml.Start.Column),
                _ => text.AtLineColumn(1, 1),
            };
            diagnostics.Report(DiagnosticCatalog.InvalidSpecSyntax, where, SpecParser.OneLine(exception.Message));
        }

        private static void ReportInvalid(DiagnosticSink diagnostics, SpecText text, string message)
            => diagnostics.Report(DiagnosticCatalog.InvalidSpecDocument, text.AtLineColumn(1, 1), SpecParser.OneLine(message));
    }
}
