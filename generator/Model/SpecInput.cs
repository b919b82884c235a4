namespace YEScale.Toolkit.Generator.Model
{
    /// <summary>One OpenAPI document the project lists, with the settings its item carries.</summary>
    /// <param name="Path">Full path of the document, as the compiler knows it.</param>
    /// <param name="Text">The document's text; compared by value, so an unchanged file stays cached.</param>
    /// <param name="Namespace">The item's <c>Namespace</c> metadata, if set.</param>
    /// <param name="ClientName">The item's <c>ClientName</c> metadata, if set.</param>
    /// <param name="RootNamespace">The project's root namespace, the default namespace's prefix.</param>
    internal sealed record SpecInput(string Path, string Text, string? Namespace, string? ClientName, string? RootNamespace);
}
