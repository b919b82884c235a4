using System;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>The C# text for a <see cref="TypeRef"/>: its type, how to read and write it as JSON, how to format it in a URL.</summary>
    internal static class TypeExpressions
    {
        public const string Json = "global::System.Text.Json";
        public const string ApiJson = "global::YEScale.Toolkit.Json.ApiJson";
        public const string TaskPath = "global::YEScale.Toolkit.Polling.TaskPath";
        public const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

        public static string TypeName(TypeRef type) => type.Nullable && type.IsValueType ? NonNullTypeName(type) + "?" : NonNullTypeName(type);

        private static string NonNullTypeName(TypeRef type) => type.Kind switch
        {
            TypeRefKind.String => "string",
            TypeRefKind.Int32 => "int",
            TypeRefKind.Int64 => "long",
            TypeRefKind.Single => "float",
            TypeRefKind.Double => "double",
            TypeRefKind.Decimal => "decimal",
            TypeRefKind.Boolean => "bool",
            TypeRefKind.DateTimeOffset => "global::System.DateTimeOffset",
            TypeRefKind.Guid => "global::System.Guid",
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

        /// <summary>An expression that reads a non-null value of <paramref name="type"/> at the current token of reader <paramref name="reader"/>.</summary>
        public static string Read(TypeRef type, string reader, int depth = 0) => type.Kind switch
        {
            TypeRefKind.String => reader + ".GetString()!",
            TypeRefKind.Int32 => reader + ".GetInt32()",
            TypeRefKind.Int64 => reader + ".GetInt64()",
            TypeRefKind.Single => reader + ".GetSingle()",
            TypeRefKind.Double => reader + ".GetDouble()",
            TypeRefKind.Decimal => reader + ".GetDecimal()",
            TypeRefKind.Boolean => reader + ".GetBoolean()",
            TypeRefKind.DateTimeOffset => reader + ".GetDateTimeOffset()",
            TypeRefKind.Guid => reader + ".GetGuid()",
            TypeRefKind.Bytes => reader + ".GetBytesFromBase64()",
            TypeRefKind.Uri => ApiJson + ".ReadUri(ref " + reader + ")",
            TypeRefKind.Json => ApiJson + ".ReadElement(ref " + reader + ")",
            TypeRefKind.Model or TypeRefKind.Enum or TypeRefKind.Union =>
                ConverterName(type.Name!) + ".Instance.Read(ref " + reader + ", typeof(" + type.Name + "), " + ApiJson + ".Options)!",
            TypeRefKind.IntEnum => "(" + type.Name + ")" + reader + ".GetInt64()",
            TypeRefKind.File => "throw new global::System.Text.Json.JsonException(\"A file cannot be read from JSON.\")",
            TypeRefKind.Array => ApiJson + ".ReadList<" + TypeName(type.Item!) + ">(ref " + reader + ", " + ReadLambda(type.Item!, depth + 1) + ")",
            TypeRefKind.Map => ApiJson + ".ReadMap<" + TypeName(type.Item!) + ">(ref " + reader + ", " + ReadLambda(type.Item!, depth + 1) + ")",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, null),
        };

        public static string ReadLambda(TypeRef type, int depth)
        {
            var reader = "reader" + depth;
            return "(ref " + Json + ".Utf8JsonReader " + reader + ") => " + Read(type, reader, depth);
        }

        /// <summary>
        /// An expression that writes the non-null value <paramref name="value"/> of <paramref name="type"/>; models are
        /// given <paramref name="options"/> (the expression of the enclosing converter's options), so a request body leaves
        /// read-only members out all the way down.
        /// </summary>
        public static string Write(TypeRef type, string writer, string value, int depth = 0, string options = "options") => type.Kind switch
        {
            TypeRefKind.String or TypeRefKind.DateTimeOffset or TypeRefKind.Guid => writer + ".WriteStringValue(" + value + ")",
            TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Single or TypeRefKind.Double or TypeRefKind.Decimal => writer + ".WriteNumberValue(" + value + ")",
            TypeRefKind.Boolean => writer + ".WriteBooleanValue(" + value + ")",
            TypeRefKind.Bytes => writer + ".WriteBase64StringValue(" + value + ")",
            TypeRefKind.Uri => writer + ".WriteStringValue(" + value + ".OriginalString)",
            TypeRefKind.Json => ApiJson + ".WriteElement(" + writer + ", " + value + ")",
            TypeRefKind.Model or TypeRefKind.Enum or TypeRefKind.Union => ConverterName(type.Name!) + ".Instance.Write(" + writer + ", " + value + ", " + options + ")",
            TypeRefKind.IntEnum => writer + ".WriteNumberValue((long)" + value + ")",
            TypeRefKind.File => "throw new global::System.Text.Json.JsonException(\"A file cannot be written as JSON.\")",
            TypeRefKind.Array => ApiJson + ".WriteList<" + TypeName(type.Item!) + ">(" + writer + ", " + value + ", " + options + ", " + WriteLambda(type.Item!, depth + 1) + ")",
            TypeRefKind.Map => ApiJson + ".WriteMap<" + TypeName(type.Item!) + ">(" + writer + ", " + value + ", " + options + ", " + WriteLambda(type.Item!, depth + 1) + ")",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, null),
        };

        /// <summary>A lambda (writer, value, options) that writes a non-null value; a nullable item is unwrapped first.</summary>
        public static string WriteLambda(TypeRef type, int depth)
        {
            var writer = "writer" + depth;
            var value = "value" + depth;
            var options = "options" + depth;
            var present = type.Nullable && type.IsValueType ? value + ".GetValueOrDefault()" : value;
            return "(" + writer + ", " + value + ", " + options + ") => " + Write(type, writer, present, depth, options);
        }

        /// <summary>An expression that formats a non-null scalar for a path, query or header.</summary>
        public static string Format(TypeRef type, string value) => type.Kind switch
        {
            TypeRefKind.String => value,
            TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Decimal => value + ".ToString(" + Invariant + ")",
            TypeRefKind.Single or TypeRefKind.Double => value + ".ToString(\"R\", " + Invariant + ")",
            TypeRefKind.Boolean => "(" + value + " ? \"true\" : \"false\")",
            TypeRefKind.DateTimeOffset => value + ".ToString(\"O\", " + Invariant + ")",
            TypeRefKind.Uri => value + ".OriginalString",
            TypeRefKind.Guid or TypeRefKind.Enum => value + ".ToString()",
            TypeRefKind.IntEnum => "((long)" + value + ").ToString(" + Invariant + ")",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "not a scalar"),
        };
    }
}
