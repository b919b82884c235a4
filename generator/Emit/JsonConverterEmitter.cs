using System.Linq;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>
    /// Writes a model's JSON converter: Utf8JsonReader/Utf8JsonWriter code with pre-encoded member names,
    /// so serialization needs no reflection and works under trimming and Native AOT.
    /// </summary>
    internal static class JsonConverterEmitter
    {
        private const string Reader = "global::System.Text.Json.Utf8JsonReader";
        private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
        private const string Options = "global::System.Text.Json.JsonSerializerOptions";
        private const string TokenType = "global::System.Text.Json.JsonTokenType";

        public static void Write(CodeWriter writer, TypeModel type, string accessibility)
        {
            var converter = TypeExpressions.ConverterName(type.Name);
            DocComments.Summary(writer, null, "Reads and writes " + type.Name + " as JSON without reflection.");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block(accessibility + " sealed class " + converter + " : global::System.Text.Json.Serialization.JsonConverter<" + type.Name + ">"))
            {
                DocComments.Summary(writer, null, "The one instance; the converter keeps no state.");
                writer.Line("public static readonly " + converter + " Instance = new " + converter + "();");
                writer.Line();
                switch (type.Kind)
                {
                    case TypeModelKind.StringEnum:
                        WriteEnumMembers(writer, type);
                        break;
                    case TypeModelKind.IntegerEnum:
                        WriteIntegerEnumMembers(writer, type);
                        break;
                    default:
                        WriteObjectMembers(writer, type);
                        break;
                }
            }
        }

        private static void WriteEnumMembers(CodeWriter writer, TypeModel type)
        {
            writer.Line("/// <inheritdoc />");
            writer.Open("public override " + type.Name + " Read(ref " + Reader + " reader, global::System.Type typeToConvert, " + Options + " options)");
            writer.Line("return new " + type.Name + "(reader.GetString() ?? string.Empty);");
            writer.Close();
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Open("public override void Write(" + Writer + " writer, " + type.Name + " value, " + Options + " options)");
            writer.Line("writer.WriteStringValue(value.ToString());");
            writer.Close();
        }

        private static void WriteIntegerEnumMembers(CodeWriter writer, TypeModel type)
        {
            writer.Line("/// <inheritdoc />");
            writer.Open("public override " + type.Name + " Read(ref " + Reader + " reader, global::System.Type typeToConvert, " + Options + " options)");
            writer.Line("return (" + type.Name + ")reader.GetInt64();");
            writer.Close();
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Open("public override void Write(" + Writer + " writer, " + type.Name + " value, " + Options + " options)");
            writer.Line("writer.WriteNumberValue((long)value);");
            writer.Close();
        }

        private static void WriteObjectMembers(CodeWriter writer, TypeModel type)
        {
            // Files travel in multipart bodies only; a JSON converter has nothing to read them from.
            var properties = type.Properties.Where(p => p.Type.Kind != TypeRefKind.File).ToList();
            foreach (var property in properties)
            {
                writer.Line("private static readonly global::System.Text.Json.JsonEncodedText " + property.Name + "Property = global::System.Text.Json.JsonEncodedText.Encode(" + CSharpText.Literal(property.JsonName) + ");");
            }

            if (type.Properties.Count > 0)
            {
                writer.Line();
            }

            if (type.Derived.Count > 0)
            {
                WriteDerivedDispatch(writer, type);
            }

            var readSignature = type.Derived.Count > 0
                ? "private static " + type.Name + " ReadObject(ref " + Reader + " reader)"
                : "public override " + type.Name + " Read(ref " + Reader + " reader, global::System.Type typeToConvert, " + Options + " options)";
            if (type.Derived.Count == 0)
            {
                writer.Line("/// <inheritdoc />");
            }

            using (writer.Block(readSignature))
            {
                writer.Line(TypeExpressions.ApiJson + ".Expect(ref reader, " + TokenType + ".StartObject, \"an object for " + type.Name + "\");");
                writer.Line("var value = new " + type.Name + "();");
                writer.Line("value.JsonNulls__.FromJson = true;");
                using (writer.Block("while (reader.Read() && reader.TokenType != " + TokenType + ".EndObject)"))
                {
                    var keyword = "if";
                    foreach (var property in properties)
                    {
                        // One line a member: an explicit null is remembered (MoveToValue), so it reads as null and is written back as null.
                        writer.Line(keyword + " (reader.ValueTextEquals(" + property.Name + "Property.EncodedUtf8Bytes)) { if (" + TypeExpressions.ApiJson + ".MoveToValue(ref reader, value, " + CSharpText.Literal(property.JsonName) + ")) value." + property.Name + " = " + TypeExpressions.Read(property.Type, "reader") + "; }");

                        keyword = "else if";
                    }

                    // A member the spec does not describe is kept, so it can be read and is written back.
                    writer.Line((properties.Count == 0 ? string.Empty : "else ") + TypeExpressions.ApiJson + ".ReadUnknownMember(ref reader, value);");
                }

                writer.Line("return value;");
            }

            writer.Line();
            writer.Line("/// <inheritdoc />");
            using (writer.Block("public override void Write(" + Writer + " writer, " + type.Name + " value, " + Options + " options)"))
            {
                foreach (var derived in type.Derived)
                {
                    writer.Line("if (value is " + derived.Type.Name + " " + Identifiers(derived) + ") { " + TypeExpressions.ConverterName(derived.Type.Name!) + ".Instance.Write(writer, " + Identifiers(derived) + ", options); return; }");
                }

                writer.Line("writer.WriteStartObject();");
                foreach (var property in properties.Where(p => !p.ReadOnly))
                {
                    WriteProperty(writer, property);
                }

                // Read-only members are the server's to send: a request body leaves them out, anything else (a saved answer) keeps them.
                var readOnly = properties.Where(p => p.ReadOnly).ToList();
                if (readOnly.Count > 0)
                {
                    using (writer.Block("if (!" + TypeExpressions.ApiJson + ".IsRequest(options))"))
                    {
                        foreach (var property in readOnly)
                        {
                            WriteProperty(writer, property);
                        }
                    }
                }

                writer.Line(TypeExpressions.ApiJson + ".WriteUnknownMembers(writer, value);");

                writer.Line("writer.WriteEndObject();");
            }
        }

        private static string Identifiers(UnionVariantModel derived) => "derived" + derived.Type.Name + "__";

        /// <summary>A discriminated base reads the discriminator first and lets the derived type's converter read the value.</summary>
        private static void WriteDerivedDispatch(CodeWriter writer, TypeModel type)
        {
            writer.Line("/// <inheritdoc />");
            using (writer.Block("public override " + type.Name + " Read(ref " + Reader + " reader, global::System.Type typeToConvert, " + Options + " options)"))
            {
                writer.Line("var element__ = " + TypeExpressions.ApiJson + ".ReadElement(ref reader);");
                writer.Line("var tag__ = " + TypeExpressions.ApiJson + ".GetString(element__, " + CSharpText.Literal(type.DerivedDiscriminator!) + ");");
                foreach (var derived in type.Derived)
                {
                    writer.Line("if (tag__ == " + CSharpText.Literal(derived.Tag!) + ") return " + TypeExpressions.ApiJson + ".ReadFrom(element__, " + TypeExpressions.ReadLambda(derived.Type, 1) + ");");
                }

                writer.Line("return " + TypeExpressions.ApiJson + ".ReadFrom(element__, (ref " + Reader + " reader1) => ReadObject(ref reader1));");
            }

            writer.Line();
        }

        private static void WriteProperty(CodeWriter writer, PropertyModel property)
        {
            var access = "value." + property.Name;
            var canBeNull = property.Nullable || !property.Type.IsValueType;
            if (!canBeNull)
            {
                writer.Line("writer.WritePropertyName(" + property.Name + "Property);");
                writer.Line(TypeExpressions.Write(property.Type, "writer", access) + ";");
                return;
            }

            var present = property.Type.IsValueType ? access + ".Value" : access;
            writer.Line("if (" + access + " != null) { writer.WritePropertyName(" + property.Name + "Property); " + TypeExpressions.Write(property.Type, "writer", present) + "; }");

            // Required members are written even when null, so the server sees them (unless an answer left them out); others only when null was read or set.
            writer.Line(property.Required
                ? "else if (value.JsonNulls__.WritesRequiredNull(" + CSharpText.Literal(property.JsonName) + ")) writer.WriteNull(" + property.Name + "Property);"
                : "else if (value.JsonNulls__.Contains(" + CSharpText.Literal(property.JsonName) + ")) writer.WriteNull(" + property.Name + "Property);");
        }
    }
}
