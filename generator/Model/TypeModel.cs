namespace YEScale.Toolkit.Generator.Model
{
    internal enum TypeModelKind
    {
        /// <summary>A class with properties.</summary>
        Object,

        /// <summary>A string enumeration that keeps values it does not know.</summary>
        StringEnum,

        /// <summary>An integer enumeration (a C# enum; values the spec does not list still read and write).</summary>
        IntegerEnum,

        /// <summary>A value that is one of several types (oneOf/anyOf): <see cref="TypeModel.Variants"/>.</summary>
        Union,
    }

    /// <summary>A named type to generate: a model class or an extensible string enumeration.</summary>
    internal sealed record TypeModel(
        string Name,
        TypeModelKind Kind,
        Documentation Docs,
        bool Deprecated,
        EquatableArray<PropertyModel> Properties,
        EquatableArray<EnumMemberModel> EnumMembers)
    {
        /// <summary>For unions: the types a value may have, in the spec's order.</summary>
        public EquatableArray<UnionVariantModel> Variants { get; init; } = EquatableArray<UnionVariantModel>.Empty;

        /// <summary>For unions with a discriminator: the member that names the variant.</summary>
        public string? Discriminator { get; init; }

        /// <summary>For a model that extends another (allOf with a discriminated base): the base type's name.</summary>
        public string? BaseType { get; init; }

        /// <summary>For a discriminated base: derived types by discriminator value, read to pick the right one.</summary>
        public EquatableArray<UnionVariantModel> Derived { get; init; } = EquatableArray<UnionVariantModel>.Empty;

        /// <summary>For a discriminated base: the JSON name of the discriminator member.</summary>
        public string? DerivedDiscriminator { get; init; }

        /// <summary>
        /// For a model whose base has members callers must set: their JSON names in the order of the base's
        /// constructor, which this model's constructor passes them on to.
        /// </summary>
        public EquatableArray<string> BaseMustSet { get; init; } = EquatableArray<string>.Empty;
    }

    /// <summary>One variant of a union: the C# name used for it (<c>AsCat</c>, <c>Cat</c>) and its type; <see cref="Tag"/> is its discriminator value.</summary>
    /// <param name="RequiredMembers">For object variants: the JSON names that must be present, used to tell variants apart.</param>
    /// <param name="Members">For object variants: all JSON member names, a weaker hint.</param>
    internal sealed record UnionVariantModel(string Name, TypeRef Type, string? Tag, EquatableArray<string> RequiredMembers, EquatableArray<string> Members)
    {
        /// <summary>
        /// For object variants: members that can hold one value only (<c>enum: [1]</c>, <c>const: "function"</c>), as
        /// name and JSON text pairs: a type tag without a declared discriminator, the surest way to tell variants apart.
        /// </summary>
        public EquatableArray<string> Constants { get; init; } = EquatableArray<string>.Empty;
    }

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
        Documentation Docs)
    {
        /// <summary>Sent by the server only: never written into a request.</summary>
        public bool ReadOnly { get; init; }

        /// <summary>
        /// Null is a value the schema allows (not merely an absent member): setting the C# property to null sends JSON
        /// null, and a null read from the server is written back as null.
        /// </summary>
        public bool AllowsNull { get; init; }

        /// <summary>Set for a property inherited from <see cref="TypeModel.BaseType"/>: declared there, not here.</summary>
        public bool Inherited { get; init; }

        /// <summary>
        /// The caller must set it to create the object: a required, writable member, not a constant, of a model that
        /// travels in requests. Written as C# 11's <c>required</c>.
        /// </summary>
        public bool MustSet { get; init; }

        /// <summary>For a member callers must set: its parameter in the model's constructor.</summary>
        public string? ParameterName { get; init; }

        /// <summary>A spec default, as C# literal text, shown in docs.</summary>
        public string? Default { get; init; }

        /// <summary>The one value the member can hold (a one-value enum or a const), as JSON text; null when it can hold more.</summary>
        public string? Constant { get; init; }

        /// <summary>
        /// The value a new object starts with: a required, writable string member that can hold one value only (a type
        /// tag such as <c>"type": "function"</c>) is set for the user, so a request never goes out without it.
        /// </summary>
        public string? InitialString { get; init; }
    }

    /// <summary>An enumeration member; for integer enums <see cref="Value"/> is the number as text.</summary>
    internal sealed record EnumMemberModel(string Name, string Value);

    /// <summary>Text for XML docs, kept raw here and escaped by the emitter.</summary>
    internal sealed record Documentation(string? Summary, string? Remarks, string? Example)
    {
        public static readonly Documentation None = new Documentation(null, null, null);
    }
}
