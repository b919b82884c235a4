using System;
using System.Collections.Generic;

namespace YEScale.Toolkit.Generator.Model
{
    /// <summary>The kind of JSON value a scalar is sent as.</summary>
    internal enum ScalarJsonKind
    {
        String,
        Number,
    }

    /// <summary>
    /// How one OpenAPI format maps to a C# type: everything the parser and the emitters need to know about it. A
    /// <see cref="TypeRef"/> of kind <see cref="TypeRefKind.Scalar"/> names its row by <see cref="Format"/>.
    /// </summary>
    /// <param name="Format">The <c>format</c> keyword's value; also the row's key.</param>
    /// <param name="Kind">The JSON type the schema must have for the row to apply (<c>integer</c> counts as a number).</param>
    /// <param name="CSharpType">The C# type, fully qualified.</param>
    /// <param name="IsValueType">True for structs: an optional member of this type carries <c>?</c>.</param>
    /// <param name="Converter">An expression for its <c>JsonConverter&lt;T&gt;</c>.</param>
    /// <param name="UrlText">The expression that formats a value (<c>{0}</c>) for a path, query or header.</param>
    /// <param name="Fits">
    /// For union variants: a test that a JSON <c>element</c> of the row's kind holds such a value; null when every value
    /// of that kind does (a variant of this type then reads whatever comes).
    /// </param>
    internal sealed record ScalarFormat(string Format, ScalarJsonKind Kind, string CSharpType, bool IsValueType, string Converter, string UrlText, string? Fits)
    {
        /// <summary>
        /// A type the project must have for the row to apply, as a metadata name, with an optional member it must
        /// have; without it, the schema stays what its type alone says (a string, a number).
        /// </summary>
        public string? RequiresType { get; init; }

        /// <inheritdoc cref="RequiresType"/>
        public string? RequiresMember { get; init; }
    }

    /// <summary>
    /// Every OpenAPI format the generator maps to a C# type of its own: the one place to add a mapping. (Plain strings,
    /// <c>integer</c>/<c>int32</c>, <c>number</c>, <c>boolean</c>, <c>byte</c> and <c>binary</c> are kinds of their
    /// own, with fast paths in the converters.)
    /// </summary>
    internal static class ScalarFormats
    {
        private const string Codecs = "global::YEScale.Toolkit.Json.ApiCodecs";
        private const string Metadata = "global::System.Text.Json.Serialization.Metadata.JsonMetadataServices";
        private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

        public static readonly IReadOnlyList<ScalarFormat> All = new[]
        {
            new ScalarFormat("float", ScalarJsonKind.Number, "float", true, Codecs + ".Single", "{0}.ToString(\"R\", " + Invariant + ")", null),
            new ScalarFormat("decimal", ScalarJsonKind.Number, "decimal", true, Codecs + ".Decimal", "{0}.ToString(" + Invariant + ")", "element.TryGetDecimal(out _)"),
            new ScalarFormat("date-time", ScalarJsonKind.String, "global::System.DateTimeOffset", true, Codecs + ".DateTimeOffset", "{0}.ToString(\"O\", " + Invariant + ")", "element.TryGetDateTimeOffset(out _)"),
            new ScalarFormat("uuid", ScalarJsonKind.String, "global::System.Guid", true, Codecs + ".Guid", "{0}.ToString()", "element.TryGetGuid(out _)"),
            new ScalarFormat("date", ScalarJsonKind.String, "global::System.DateOnly", true, Metadata + ".DateOnlyConverter", "{0}.ToString(\"yyyy-MM-dd\", " + Invariant + ")",
                "global::System.DateOnly.TryParseExact(element.GetString(), \"yyyy-MM-dd\", " + Invariant + ", global::System.Globalization.DateTimeStyles.None, out _)")
            {
                RequiresType = "System.Text.Json.Serialization.Metadata.JsonMetadataServices",
                RequiresMember = "DateOnlyConverter",
            },

            // Unix times: the spec marks them (spec/yescale.openapi.yaml does); a bare integer stays a number.
            new ScalarFormat("unix-time", ScalarJsonKind.Number, "global::System.DateTimeOffset", true, Codecs + ".UnixSeconds", "{0}.ToUnixTimeSeconds().ToString(" + Invariant + ")", "element.TryGetDouble(out _)"),
            new ScalarFormat("unix-time-ms", ScalarJsonKind.Number, "global::System.DateTimeOffset", true, Codecs + ".UnixMilliseconds", "{0}.ToUnixTimeMilliseconds().ToString(" + Invariant + ")", "element.TryGetDouble(out _)"),
        };

        private static readonly Dictionary<string, ScalarFormat> ByFormat = Index();

        /// <summary>The row for a TypeRef of kind <see cref="TypeRefKind.Scalar"/>.</summary>
        public static ScalarFormat Of(TypeRef type)
            => type.Kind == TypeRefKind.Scalar && type.Name != null && ByFormat.TryGetValue(type.Name, out var row)
                ? row
                : throw new ArgumentException("Not a mapped scalar: " + type.Kind + " " + type.Name, nameof(type));

        /// <summary>
        /// The mapped type for a schema of JSON kind <paramref name="kind"/> and format <paramref name="format"/>, or null
        /// when no row applies (or the project lacks what the row needs: <paramref name="unavailable"/> lists those rows).
        /// </summary>
        public static TypeRef? Find(ScalarJsonKind kind, string? format, EquatableArray<string> unavailable)
        {
            if (format is null || !ByFormat.TryGetValue(format, out var row) || row.Kind != kind)
            {
                return null;
            }

            foreach (var missing in unavailable)
            {
                if (missing == row.Format)
                {
                    return null;
                }
            }

            return new TypeRef(TypeRefKind.Scalar, row.Format);
        }

        private static Dictionary<string, ScalarFormat> Index()
        {
            var index = new Dictionary<string, ScalarFormat>(StringComparer.Ordinal);
            foreach (var row in All)
            {
                index.Add(row.Format, row);
            }

            return index;
        }
    }
}
