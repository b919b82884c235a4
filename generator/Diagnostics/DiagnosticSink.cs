using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Diagnostics
{
    /// <summary>
    /// Where every stage of one document's parse reports a problem: a descriptor of <see cref="DiagnosticCatalog"/>, a
    /// place (from <see cref="Parsing.SpecText"/>: a path of keys, a parser's line and column, or the file's start), and
    /// the message's arguments. Kept as plain values; the Roslyn <c>Diagnostic</c> is built at output time.
    /// </summary>
    internal sealed class DiagnosticSink
    {
        private readonly List<DiagnosticInfo> _reported = new List<DiagnosticInfo>();

        public int Count => _reported.Count;

        public void Report(DiagnosticDescriptor descriptor, SpecLocation? where, params string[] arguments)
            => _reported.Add(new DiagnosticInfo(descriptor.Id, where, arguments.ToEquatableArray()));

        public EquatableArray<DiagnosticInfo> ToEquatableArray() => _reported.ToEquatableArray();
    }
}
