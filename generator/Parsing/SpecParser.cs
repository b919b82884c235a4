using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NJsonSchema;
using NSwag;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Reads one OpenAPI document with NSwag and builds the generator's model from it.
    /// Every failure ends as a diagnostic in the returned model: nothing is thrown.
    /// </summary>
    internal static class SpecParser
    {
        public static SpecModel Parse(SpecInput input, CancellationToken cancellationToken)
        {
            var diagnostics = new DiagnosticSink();
            var model = ParseDocument(input, diagnostics, cancellationToken);
            var isPublic = ReadAccessibility(input, diagnostics);
            return model with
            {
                IsPublic = isPublic,
                DocumentSha256 = DocumentHash.Of(input.Text ?? string.Empty),
                Diagnostics = diagnostics.ToEquatableArray(),
            };
        }

        /// <summary>
        /// Internal unless the item says Public: generated types stay inside the project that lists the document, so two
        /// projects that list the same document never clash, and a library exposes them only when it means to.
        /// </summary>
        private static bool ReadAccessibility(SpecInput input, DiagnosticSink diagnostics)
        {
            switch (input.Accessibility?.Trim().ToLowerInvariant())
            {
                case null:
                case "":
                case "internal":
                    return false;
                case "public":
                    return true;
                default:
                    diagnostics.Report(DiagnosticCatalog.InvalidAccessibility, SpecLocation.FileStart(input.Path), input.Accessibility!);
                    return false;
            }
        }

        private static SpecModel ParseDocument(SpecInput input, DiagnosticSink diagnostics, CancellationToken cancellationToken)
        {
            var text = new SpecText(input.Path, input.Text);
            try
            {
                var document = SpecLoader.Load(input, text, diagnostics, cancellationToken);
                if (document is null)
                {
                    return Empty(input, diagnostics);
                }

                return new ModelBuilder(input, document, text, diagnostics, cancellationToken).Build();
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception exception)
            {
                // Last line of defence: a bug in the generator becomes a diagnostic, never CS8785.
                diagnostics.Report(DiagnosticCatalog.GeneratorFailure, SpecLocation.FileStart(input.Path), exception.GetType().Name, OneLine(exception.Message));
                return Empty(input, diagnostics);
            }
        }

        internal static string OneLine(string message)
        {
            var line = message.Replace("\r", " ").Replace("\n", " ").Trim();
            return line.Length > 300 ? line.Substring(0, 300) + "..." : line;
        }

        private static SpecModel Empty(SpecInput input, DiagnosticSink diagnostics)
            => new SpecModel(
                input.Path,
                input.Namespace ?? "OpenApi",
                input.ClientName ?? "OpenApiClient",
                null,
                null,
                null,
                AuthModel.None,
                EquatableArray<TypeModel>.Empty,
                EquatableArray<OperationModel>.Empty,
                diagnostics.ToEquatableArray());
    }
}
