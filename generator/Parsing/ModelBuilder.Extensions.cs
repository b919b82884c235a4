using System;
using System.Collections.Generic;
using System.Linq;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>Reads the toolkit's x- extensions of the document and its operations into the model.</summary>
    internal sealed partial class ModelBuilder
    {
        /// <summary>Adds wait semantics from <c>x-yescale-task</c> and submit links; needs every model built first.</summary>
        private void ReadTaskSemantics(List<OperationModel> operations)
        {
            var reader = new TaskExtensionReader(_types.ToDictionary(t => t.Name, StringComparer.Ordinal));
            for (var i = 0; i < operations.Count; i++)
            {
                try
                {
                    var task = reader.ReadTask(operations[i], _sources[i].Source);
                    if (task != null)
                    {
                        operations[i] = operations[i] with { Task = task };
                    }
                }
                catch (UnsupportedSpecException problem)
                {
                    _diagnostics.Report(DiagnosticCatalog.InvalidTaskExtension, _text.Find(new[] { "paths", _sources[i].Path, _sources[i].Method, TaskExtensionReader.ExtensionName }), operations[i].OperationId, problem.Message);
                }
            }

            for (var i = 0; i < operations.Count; i++)
            {
                try
                {
                    var link = reader.ReadLink(operations[i], _sources[i].Source, operations);
                    if (link != null)
                    {
                        operations[i] = operations[i] with { SubmitsTask = link };
                    }
                }
                catch (UnsupportedSpecException problem)
                {
                    _diagnostics.Report(DiagnosticCatalog.InvalidTaskExtension, _text.Find(new[] { "paths", _sources[i].Path, _sources[i].Method, "links" }), operations[i].OperationId, problem.Message);
                }
            }
        }

        /// <summary>Adds <c>x-yescale-idempotency</c> and <c>x-yescale-errors</c>: an operation's own, else the document's.</summary>
        private void ReadCallExtensions(List<OperationModel> operations)
        {
            var idempotency = ReadDocumentExtension(CallExtensionReader.IdempotencyName, CallExtensionReader.ReadIdempotency);
            var errors = ReadDocumentExtension(CallExtensionReader.ErrorsName, CallExtensionReader.ReadErrors);
            for (var i = 0; i < operations.Count; i++)
            {
                var extensions = _sources[i].Source.ExtensionData;
                var header = idempotency;
                var rule = errors;
                if (extensions != null && extensions.TryGetValue(CallExtensionReader.IdempotencyName, out var ownIdempotency))
                {
                    header = ReadOperationExtension(i, operations[i], CallExtensionReader.IdempotencyName, () => CallExtensionReader.ReadIdempotency(ownIdempotency), idempotency);
                }

                if (extensions != null && extensions.TryGetValue(CallExtensionReader.ErrorsName, out var ownErrors))
                {
                    rule = ReadOperationExtension(i, operations[i], CallExtensionReader.ErrorsName, () => CallExtensionReader.ReadErrors(ownErrors), errors);
                }

                if (header != null || rule != null)
                {
                    operations[i] = operations[i] with { IdempotencyHeader = header, AnswerErrors = rule };
                }
            }
        }

        private T? ReadDocumentExtension<T>(string name, System.Func<object?, T?> read)
            where T : class
        {
            if (_document.ExtensionData is null || !_document.ExtensionData.TryGetValue(name, out var raw))
            {
                return null;
            }

            try
            {
                return read(raw);
            }
            catch (UnsupportedSpecException problem)
            {
                _diagnostics.Report(DiagnosticCatalog.InvalidCallExtension, _text.Find(new[] { name }), name, "the document", problem.Message);
                return null;
            }
        }

        private T? ReadOperationExtension<T>(int index, OperationModel operation, string name, System.Func<T?> read, T? fallback)
            where T : class
        {
            try
            {
                return read();
            }
            catch (UnsupportedSpecException problem)
            {
                _diagnostics.Report(DiagnosticCatalog.InvalidCallExtension, _text.Find(new[] { "paths", _sources[index].Path, _sources[index].Method, name }), name, operation.OperationId, problem.Message);
                return fallback;
            }
        }
    }
}
