namespace YEScale.Toolkit.Generator.Model
{
    /// <summary>
    /// A generated client that a referenced assembly declares (its <c>[assembly: OpenApiClient]</c>) and this project can
    /// see: plain strings, so the step that finds them stays equal across edits of the project's own code.
    /// </summary>
    /// <param name="Namespace">The client's namespace.</param>
    /// <param name="Name">The client class.</param>
    /// <param name="DocumentSha256">The hash of the document it was generated from.</param>
    /// <param name="Assembly">The referenced assembly's name.</param>
    /// <param name="HasHosting">True when this project already sees an <c>Add{Client}()</c> registration for it.</param>
    internal sealed record ReferencedClient(string Namespace, string Name, string DocumentSha256, string Assembly, bool HasHosting)
    {
        public string FullName => Namespace + "." + Name;
    }
}
