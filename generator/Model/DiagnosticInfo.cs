namespace YEScale.Toolkit.Generator.Model
{
    /// <summary>A place in a spec file, kept as plain numbers so models stay equatable.</summary>
    internal sealed record SpecLocation(string Path, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
    {
        /// <summary>The file as a whole, for a problem no line of it holds (a setting of the item, a generator failure).</summary>
        public static SpecLocation FileStart(string path) => new SpecLocation(path, 0, 0, 0, 0, 0, 0);
    }

    /// <summary>
    /// A diagnostic to report, by descriptor id; the Roslyn <c>Diagnostic</c> is built only at output time
    /// because its equality compares arguments by reference and would defeat caching.
    /// </summary>
    internal sealed record DiagnosticInfo(string Id, SpecLocation? Location, EquatableArray<string> Arguments);
}
