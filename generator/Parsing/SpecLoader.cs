using System;
using System.Collections.Generic;
using System.Threading;
using NJsonSchema;
using NSwag;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>Turns a document's text into NSwag's object model, or into a diagnostic at the offending line.</summary>
    internal static class SpecLoader
    {
        public static OpenApiDocument? Load(SpecInput input, SpecText text, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var schemaType = IsSwagger2(text) ? SchemaType.Swagger2 : SchemaType.OpenApi3;
            var isJson = text.LooksLikeJson;
            try
            {
                // No document path: NSwag would read sibling files itself, which an analyzer must not do.
                var task = isJson
                    ? OpenApiDocument.FromJsonAsync(input.Text, null, schemaType, null, cancellationToken)
                    : OpenApiYamlDocument.FromYamlAsync(input.Text, null, schemaType, null, cancellationToken);
                var document = task.GetAwaiter().GetResult();
                if (document.Paths is null || document.Info is null)
                {
                    diagnostics.Add(Invalid(text, "it has no 'info' or 'paths' section"));
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
                diagnostics.Add(FromException(exception, text));
                return null;
            }
        }

        private static bool IsSwagger2(SpecText text)
        {
            var location = text.Find(new[] { "swagger" });
            return location.Length > 0 && location.StartColumn <= 2;
        }

        private static DiagnosticInfo FromException(Exception exception, SpecText text)
        {
            for (var current = exception; current != null; current = current.InnerException)
            {
                switch (current)
                {
                    case Newtonsoft.Json.JsonReaderException json when json.LineNumber > 0:
                        return Syntax(text.AtLineColumn(json.LineNumber, json.LinePosition), current.Message);
                    case YamlDotNet.Core.YamlException yaml:
                        return Syntax(text.AtLineColumn((int)yaml.Start.Line, (int)yaml.Start.Column), current.Message);
                    case Newtonsoft.Json.JsonException json:
                        return Syntax(text.AtLineColumn(1, 1), json.Message);
                }
            }

            var innermost = exception;
            while (innermost.InnerException != null)
            {
                innermost = innermost.InnerException;
            }

            return Invalid(text, innermost.Message);
        }

        private static DiagnosticInfo Syntax(SpecLocation location, string message)
            => new DiagnosticInfo(DiagnosticCatalog.InvalidSpecSyntax.Id, location, new[] { SpecParser.OneLine(message) }.ToEquatableArray());

        private static DiagnosticInfo Invalid(SpecText text, string message)
            => new DiagnosticInfo(DiagnosticCatalog.InvalidSpecDocument.Id, text.AtLineColumn(1, 1), new[] { SpecParser.OneLine(message) }.ToEquatableArray());
    }
}
