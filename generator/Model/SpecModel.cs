namespace YEScale.Toolkit.Generator.Model
{
    /// <summary>Everything the emitters need to write the code for one document; nothing from NSwag or Roslyn.</summary>
    internal sealed record SpecModel(
        string SpecPath,
        string Namespace,
        string ClientName,
        string? Title,
        string? Description,
        string? DefaultBaseAddress,
        AuthModel Auth,
        EquatableArray<TypeModel> Types,
        EquatableArray<OperationModel> Operations,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>True when the document could not be read at all: only diagnostics are reported.</summary>
        public bool IsEmpty => Types.Count == 0 && Operations.Count == 0;

        /// <summary>The sub-clients, one per tag of the document's operations, in document order; empty for a flat client.</summary>
        public EquatableArray<ClientGroupModel> Groups { get; init; } = EquatableArray<ClientGroupModel>.Empty;

        /// <summary>True when the generated types are <c>public</c>; by default they are <c>internal</c> to the project.</summary>
        public bool IsPublic { get; init; }

        /// <summary>The C# keyword for the generated types' accessibility.</summary>
        public string Accessibility => IsPublic ? "public" : "internal";

        /// <summary>SHA-256 of the document's text (LF line endings), lower-case hex: tells one version of a document from another.</summary>
        public string DocumentSha256 { get; init; } = string.Empty;
    }

    /// <summary>A sub-client: the operations of one tag, as a property of the client.</summary>
    /// <param name="PropertyName">The client's property (<c>Kling</c>).</param>
    /// <param name="TypeName">The sub-client's type (<c>KlingClient</c>).</param>
    /// <param name="Tag">The tag as the document writes it.</param>
    internal sealed record ClientGroupModel(string PropertyName, string TypeName, string Tag, string? Description);

    internal enum AuthKind
    {
        None,
        Bearer,
        ApiKeyHeader,
        ApiKeyQuery,
    }

    /// <summary>How the client sends the user's key, from the document's security schemes.</summary>
    internal sealed record AuthModel(AuthKind Kind, string? ParameterName)
    {
        public static readonly AuthModel None = new AuthModel(AuthKind.None, null);
    }
}
