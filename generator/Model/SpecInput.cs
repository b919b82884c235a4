namespace YEScale.Toolkit.Generator.Model
{
    /// <summary>One OpenAPI document the project lists, with the settings its item carries.</summary>
    /// <param name="Path">Full path of the document, as the compiler knows it.</param>
    /// <param name="Text">The document's text; compared by value, so an unchanged file stays cached.</param>
    /// <param name="Namespace">The item's <c>Namespace</c> metadata, if set.</param>
    /// <param name="ClientName">The item's <c>ClientName</c> metadata, if set.</param>
    /// <param name="RootNamespace">The project's root namespace, the default namespace's prefix.</param>
    internal sealed record SpecInput(string Path, string Text, string? Namespace, string? ClientName, string? RootNamespace)
    {
        /// <summary>
        /// The other JSON and YAML files of the project this document may refer to with <c>$ref</c>: only those its text
        /// (or theirs, in turn) mentions by file name, so an edit to an unrelated file leaves this input unchanged.
        /// </summary>
        public EquatableArray<AdditionalDocument> Documents { get; init; }

        /// <summary>
        /// The rows of <see cref="ScalarFormats"/> the project cannot compile (no <c>DateOnly</c> before .NET 6): their
        /// formats stay plain strings or numbers. The same for every document, and equal across edits.
        /// </summary>
        public EquatableArray<string> UnavailableFormats { get; init; } = EquatableArray<string>.Empty;

        /// <summary>The item's <c>Accessibility</c> metadata as written (<c>Public</c> or <c>Internal</c>), if set.</summary>
        public string? Accessibility { get; init; }
    }

    /// <summary>A JSON or YAML file the project lists as AdditionalFiles, whatever its item type.</summary>
    /// <param name="Path">Full path, as the compiler knows it.</param>
    /// <param name="Text">The file's text.</param>
    /// <param name="Mentions">Normalized paths of the .json/.yaml/.yml files its text names, resolved against its folder.</param>
    internal sealed record AdditionalDocument(string Path, string Text, EquatableArray<string> Mentions);
}
