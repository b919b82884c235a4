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
            if (isJson && ReadsAsWritten(input.Text, out var swagger2))
            {
                // Most JSON documents: NSwag can read them as written, which spares building and walking a second tree
                // of a large file. Should it fail (a local $ref to nothing, bad syntax), the careful path below decides.
                try
                {
                    var declared = swagger2 ? SchemaType.Swagger2 : SchemaType.OpenApi3;
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
        /// True when NSwag may read the JSON text as written: every <c>$ref</c> is local ('#...') and every
        /// <c>mapping</c> maps names to text, none of it a URL, which NSwag would fetch. (A mapping value naming a schema
        /// or a file only makes NSwag throw, without reading anything; the careful path then takes over.) Read with the
        /// JSON reader, token by token and without building a tree, so an escaped key (<c>"\u0024ref"</c>) is the key it
        /// spells. False for text that is not JSON: the careful path reports it.
        /// </summary>
        /// <param name="swagger2">True when the top level has a <c>swagger</c> member.</param>
        private static bool ReadsAsWritten(string json, out bool swagger2)
        {
            swagger2 = false;
            try
            {
                using var reader = new JsonTextReader(new System.IO.StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = null };
                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.PropertyName)
                    {
                        continue;
                    }

                    switch ((string)reader.Value!)
                    {
                        case "swagger" when reader.Depth == 1:
                            swagger2 = true;
                            break;
                        case "$ref":
                            if (!reader.Read() || reader.TokenType != JsonToken.String || !((string)reader.Value!).StartsWith("#", StringComparison.Ordinal))
                            {
                                return false;
                            }

                            break;
                        case "mapping":
                            if (!MappingIsLocal(reader))
                            {
                                return false;
                            }

                            break;
                    }
                }

                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>Reads the value of a <c>mapping</c> member: an object of strings, none of them a URL.</summary>
        private static bool MappingIsLocal(JsonTextReader reader)
        {
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                if (!reader.Read() || reader.TokenType != JsonToken.String || PathText.IsRemote((string)reader.Value!))
                {
                    return false;
                }
            }

            return reader.TokenType == JsonToken.EndObject;
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
