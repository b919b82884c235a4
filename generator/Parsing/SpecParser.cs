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
            var model = ParseDocument(input, cancellationToken);
            var isPublic = ReadAccessibility(input, out var invalid);
            return model with
            {
                IsPublic = isPublic,
                DocumentSha256 = DocumentHash.Of(input.Text ?? string.Empty),
                Diagnostics = invalid is null ? model.Diagnostics : model.Diagnostics.Concat(new[] { invalid }).ToEquatableArray(),
            };
        }

        /// <summary>
        /// Internal unless the item says Public: generated types stay inside the project that lists the document, so two
        /// projects that list the same document never clash, and a library exposes them only when it means to.
        /// </summary>
        private static bool ReadAccessibility(SpecInput input, out DiagnosticInfo? invalid)
        {
            invalid = null;
            switch (input.Accessibility?.Trim().ToLowerInvariant())
            {
                case null:
                case "":
                case "internal":
                    return false;
                case "public":
                    return true;
                default:
                    invalid = new DiagnosticInfo(
                        DiagnosticCatalog.InvalidAccessibility.Id,
                        new SpecLocation(input.Path, 0, 0, 0, 0, 0, 0),
                        new[] { input.Accessibility! }.ToEquatableArray());
                    return false;
            }
        }

        private static SpecModel ParseDocument(SpecInput input, CancellationToken cancellationToken)
        {
            var text = new SpecText(input.Path, input.Text);
            var diagnostics = new List<DiagnosticInfo>();
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
                diagnostics.Add(new DiagnosticInfo(
                    DiagnosticCatalog.GeneratorFailure.Id,
                    new SpecLocation(input.Path, 0, 0, 0, 0, 0, 0),
                    new[] { exception.GetType().Name, OneLine(exception.Message) }.ToEquatableArray()));
                return Empty(input, diagnostics);
            }
        }

        internal static string OneLine(string message)
        {
            var line = message.Replace("\r", " ").Replace("\n", " ").Trim();
            return line.Length > 300 ? line.Substring(0, 300) + "..." : line;
        }

        private static SpecModel Empty(SpecInput input, List<DiagnosticInfo> diagnostics)
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
