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
    }

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
