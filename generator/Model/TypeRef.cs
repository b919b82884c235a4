namespace YEScale.Toolkit.Generator.Model
{
    internal enum TypeRefKind
    {
        String,
        Int32,
        Int64,
        Double,
        Boolean,
        Uri,
        Bytes,

        /// <summary>A type a <c>format</c> maps to (dates, Unix times, GUIDs, decimals...): the row of <see cref="ScalarFormats"/> named by <see cref="TypeRef.Name"/>.</summary>
        Scalar,

        /// <summary>A file to upload (<c>format: binary</c> in a form, or Swagger 2's <c>type: file</c>).</summary>
        File,

        /// <summary>Any JSON: a schema with no type, or one the generator does not map to a C# type.</summary>
        Json,

        /// <summary>A generated model class, named by <see cref="TypeRef.Name"/>.</summary>
        Model,

        /// <summary>A generated string enumeration, named by <see cref="TypeRef.Name"/>.</summary>
        Enum,

        /// <summary>A generated integer enumeration (a C# enum), named by <see cref="TypeRef.Name"/>.</summary>
        IntEnum,

        /// <summary>A list of <see cref="TypeRef.Item"/>.</summary>
        Array,

        /// <summary>A string-keyed dictionary of <see cref="TypeRef.Item"/>.</summary>
        Map,

        /// <summary>A generated union (oneOf/anyOf) class, named by <see cref="TypeRef.Name"/>.</summary>
        Union,
    }

    /// <summary>The C# type of a property, parameter or response, as a small value.</summary>
    internal sealed record TypeRef(TypeRefKind Kind, string? Name = null, TypeRef? Item = null)
    {
        /// <summary>For list items and map values of a value type: null is a value, so the C# type carries <c>?</c>.</summary>
        public bool Nullable { get; init; }

        public static readonly TypeRef String = new TypeRef(TypeRefKind.String);
        public static readonly TypeRef Json = new TypeRef(TypeRefKind.Json);

        public bool IsValueType => Kind switch
        {
            TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Double or TypeRefKind.Boolean or TypeRefKind.Json
                or TypeRefKind.Enum or TypeRefKind.IntEnum => true,
            TypeRefKind.Scalar => ScalarFormats.Of(this).IsValueType,
            _ => false,
        };

        /// <summary>True for types a path, query or header value can be written from.</summary>
        public bool IsScalar => Kind switch
        {
            TypeRefKind.Model or TypeRefKind.Array or TypeRefKind.Map or TypeRefKind.Json or TypeRefKind.Bytes or TypeRefKind.File or TypeRefKind.Union => false,
            _ => true,
        };
    }
}
