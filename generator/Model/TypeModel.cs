namespace YEScale.Toolkit.Generator.Model
{
    internal enum TypeModelKind
    {
        /// <summary>A class with properties.</summary>
        Object,

        /// <summary>A string enumeration that keeps values it does not know.</summary>
        StringEnum,
    }

    /// <summary>A named type to generate: a model class or an extensible string enumeration.</summary>
    internal sealed record TypeModel(
        string Name,
        TypeModelKind Kind,
        Documentation Docs,
        bool Deprecated,
        EquatableArray<PropertyModel> Properties,
        EquatableArray<EnumMemberModel> EnumMembers);

    /// <summary>One property of a model class.</summary>
    /// <param name="Name">The C# property name.</param>
    /// <param name="JsonName">The member name on the wire.</param>
    /// <param name="Required">Listed in the schema's <c>required</c>: written even when null.</param>
    /// <param name="Nullable">May be absent or null: the C# type carries <c>?</c>.</param>
    internal sealed record PropertyModel(
        string Name,
        string JsonName,
        TypeRef Type,
        bool Required,
        bool Nullable,
        bool Deprecated,
        Documentation Docs);

    internal sealed record EnumMemberModel(string Name, string Value);

    /// <summary>Text for XML docs, kept raw here and escaped by the emitter.</summary>
    internal sealed record Documentation(string? Summary, string? Remarks, string? Example)
    {
        public static readonly Documentation None = new Documentation(null, null, null);
    }
}
