using System;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>The C# text for a <see cref="TypeRef"/>: its type, how to read and write it as JSON, how to format it in a URL.</summary>
    internal static class TypeExpressions
    {
        public const string Json = "global::System.Text.Json";
        public const string ApiJson = "global::YEScale.Toolkit.Json.ApiJson";
        public const string Codecs = "global::YEScale.Toolkit.Json.ApiCodecs";
        public const string TaskPath = "global::YEScale.Toolkit.Polling.TaskPath";
        public const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

        public static string TypeName(TypeRef type) => type.Nullable && type.IsValueType ? NonNullTypeName(type) + "?" : NonNullTypeName(type);

        private static string NonNullTypeName(TypeRef type) => type.Kind switch
        {
            TypeRefKind.String => "string",
            TypeRefKind.Int32 => "int",
            TypeRefKind.Int64 => "long",
            TypeRefKind.Double => "double",
            TypeRefKind.Boolean => "bool",
            TypeRefKind.Scalar => ScalarFormats.Of(type).CSharpType,
            TypeRefKind.Uri => "global::System.Uri",
            TypeRefKind.Bytes => "byte[]",
            TypeRefKind.Json => Json + ".JsonElement",
            TypeRefKind.Model or TypeRefKind.Enum or TypeRefKind.IntEnum or TypeRefKind.Union => type.Name!,
            TypeRefKind.File => "global::YEScale.Toolkit.FileUpload",
            TypeRefKind.Array => "global::System.Collections.Generic.IList<" + TypeName(type.Item!) + ">",
            TypeRefKind.Map => "global::System.Collections.Generic.IDictionary<string, " + TypeName(type.Item!) + ">",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, null),
        };

        public static string TypeName(TypeRef type, bool nullable) => TypeName(type) + (nullable ? "?" : string.Empty);

        /// <summary>The name of the generated converter for a model or enum type.</summary>
        public static string ConverterName(string typeName) => typeName + "JsonConverter";

        /// <summary>
        /// An expression for the JsonConverter of <paramref name="type"/>: a generated converter's Instance, one of the
        /// runtime's scalar converters, or a list, map or nullable converter composed of those (cached by the runtime).
        /// </summary>
        public static string Converter(TypeRef type)
        {
            var converter = NonNullConverter(type);
            return type.Nullable && type.IsValueType ? Codecs + ".Nullable(" + converter + ")" : converter;
        }

        private static string NonNullConverter(TypeRef type) => type.Kind switch
        {
            TypeRefKind.String => Codecs + ".String",
            TypeRefKind.Int32 => Codecs + ".Int32",
            TypeRefKind.Int64 => Codecs + ".Int64",
            TypeRefKind.Double => Codecs + ".Double",
            TypeRefKind.Boolean => Codecs + ".Boolean",
            TypeRefKind.Scalar => ScalarFormats.Of(type).Converter,
            TypeRefKind.Uri => Codecs + ".Uri",
            TypeRefKind.Bytes => Codecs + ".Bytes",
            TypeRefKind.Json => Codecs + ".Json",
            TypeRefKind.File => Codecs + ".File",
            TypeRefKind.Model or TypeRefKind.Enum or TypeRefKind.IntEnum or TypeRefKind.Union => ConverterName(type.Name!) + ".Instance",
            TypeRefKind.Array => Codecs + ".ListOf(" + Converter(type.Item!) + ")",
            TypeRefKind.Map => Codecs + ".MapOf(" + Converter(type.Item!) + ")",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, null),
        };

        /// <summary>The expression that reads a member of <paramref name="type"/> at the current (non-null) token of <c>reader</c> inside a generated object converter.</summary>
        public static string ReadMember(TypeRef type) => type.Kind switch
        {
            TypeRefKind.String => "reader.GetString()!",
            TypeRefKind.Int32 => "reader.GetInt32()",
            TypeRefKind.Int64 => "reader.GetInt64()",
            TypeRefKind.Double => "reader.GetDouble()",
            TypeRefKind.Boolean => "reader.GetBoolean()",
            TypeRefKind.Array => "ReadList(ref reader, " + Converter(type.Item!) + ")",
            TypeRefKind.Map => "ReadMap(ref reader, " + Converter(type.Item!) + ")",
            _ => "Read(ref reader, " + NonNullConverter(type) + ")",
        };

        /// <summary>
        /// The statement that writes member <paramref name="index"/> (C# expression <paramref name="value"/>, of a
        /// nullable C# type when <paramref name="nullable"/>) through an ApiObjectWriter <c>w</c>.
        /// </summary>
        public static string WriteMember(TypeRef type, bool nullable, int index, string value) => type.Kind switch
        {
            TypeRefKind.String => "w.String(" + index + ", " + value + ");",
            TypeRefKind.Int32 => "w.Int32(" + index + ", " + value + ");",
            TypeRefKind.Int64 => "w.Int64(" + index + ", " + value + ");",
            TypeRefKind.Double => "w.Double(" + index + ", " + value + ");",
            TypeRefKind.Boolean => "w.Boolean(" + index + ", " + value + ");",
            TypeRefKind.Array => "w.List(" + index + ", " + value + ", " + Converter(type.Item!) + ");",
            TypeRefKind.Map => "w.Map(" + index + ", " + value + ", " + Converter(type.Item!) + ");",
            _ when type.IsValueType && nullable => "w.Struct(" + index + ", " + value + ", " + NonNullConverter(type) + ");",
            _ => "w.Value(" + index + ", " + value + ", " + NonNullConverter(type) + ");",
        };

        /// <summary>An expression that formats a non-null scalar for a path, query or header.</summary>
        public static string Format(TypeRef type, string value) => type.Kind switch
        {
            TypeRefKind.String => value,
            TypeRefKind.Int32 or TypeRefKind.Int64 => value + ".ToString(" + Invariant + ")",
            TypeRefKind.Double => value + ".ToString(\"R\", " + Invariant + ")",
            TypeRefKind.Boolean => "(" + value + " ? \"true\" : \"false\")",
            TypeRefKind.Scalar => string.Format(System.Globalization.CultureInfo.InvariantCulture, ScalarFormats.Of(type).UrlText, value),
            TypeRefKind.Uri => value + ".OriginalString",
            TypeRefKind.Enum => value + ".ToString()",
            TypeRefKind.IntEnum => "((long)" + value + ").ToString(" + Invariant + ")",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "not a scalar"),
        };
    }
}
