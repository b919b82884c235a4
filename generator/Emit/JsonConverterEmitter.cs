using System.Linq;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>
    /// Writes a model's JSON converter: a subclass of the runtime's ApiObjectConverter that lists the member names and
    /// gives one line per member to read it and one to write it (the runtime does the rest), so serialization needs no
    /// reflection, works under trimming and Native AOT, and costs the consumer's compiler little.
    /// </summary>
    internal static class JsonConverterEmitter
    {
        private const string Reader = "global::System.Text.Json.Utf8JsonReader";
        private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
        private const string Options = "global::System.Text.Json.JsonSerializerOptions";

        public static void Write(CodeWriter writer, TypeModel type, string accessibility)
        {
            var converter = TypeExpressions.ConverterName(type.Name);
            var runtimeBase = type.Kind switch
            {
                TypeModelKind.StringEnum => "ApiStringEnumConverter",
                TypeModelKind.IntegerEnum => "ApiIntegerEnumConverter",
                _ => "ApiObjectConverter",
            };
            // The converter's bodies are plumbing whose nulls the runtime checks; nullable flow analysis of them cost the
            // consumer's compiler more than the rest of the model (docs/performance.md), so it is switched off for them.
            writer.Line("#nullable disable");
            DocComments.Summary(writer, null, "Reads and writes " + type.Name + " as JSON without reflection.");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block(accessibility + " sealed class " + converter + " : global::YEScale.Toolkit.Json." + runtimeBase + "<" + type.Name + ">"))
            {
                DocComments.Summary(writer, null, "The one instance; the converter keeps no state.");
                writer.Line("public static readonly " + converter + " Instance = new " + converter + "();");
                switch (type.Kind)
                {
                    case TypeModelKind.StringEnum:
                        writer.Line("public " + converter + "() : base(value => new " + type.Name + "(value)) { }");
                        break;
                    case TypeModelKind.IntegerEnum:
                        writer.Line("public " + converter + "() : base(value => (" + type.Name + ")value, value => (long)value) { }");
                        break;
                    default:
                        WriteObjectMembers(writer, type, converter);
                        break;
                }
            }

            writer.Line("#nullable enable");
        }

        private static void WriteObjectMembers(CodeWriter writer, TypeModel type, string converter)
        {
            // Files travel in multipart bodies only; a JSON converter has nothing to read them from.
            var properties = type.Properties.Where(p => p.Type.Kind != TypeRefKind.File).ToList();
            var names = properties.Count == 0 ? "global::System.Array.Empty<string>()" : "new[] { " + string.Join(", ", properties.Select(p => CSharpText.Literal(p.JsonName))) + " }";
            var required = Indexes(properties, p => p.Required);
            var readOnly = Indexes(properties, p => p.ReadOnly);
            writer.Line("public " + converter + "() : base(" + CSharpText.Literal(type.Name) + ", " + names
                + (required.Length > 0 ? ", required: new[] { " + required + " }" : string.Empty)
                + (readOnly.Length > 0 ? ", readOnly: new[] { " + readOnly + " }" : string.Empty) + ") { }");
            writer.Line("protected override " + type.Name + " Create() => new " + type.Name + (type.Properties.Any(p => p.MustSet) ? "(default(" + ModelEmitter.ModelReading + "))" : "()") + ";");
            if (type.Derived.Count > 0)
            {
                WriteDerivedDispatch(writer, type);
            }

            using (writer.Block("protected override void ReadMember(ref " + Reader + " reader, " + type.Name + " value, int member)"))
            {
                if (properties.Count > 0)
                {
                    using (writer.Block("switch (member)"))
                    {
                        for (var i = 0; i < properties.Count; i++)
                        {
                            writer.Line("case " + i + ": value." + properties[i].Name + " = " + TypeExpressions.ReadMember(properties[i].Type) + "; break;");
                        }
                    }
                }
            }

            using (writer.Block("protected override void WriteMembers(global::YEScale.Toolkit.Json.ApiObjectWriter w, " + type.Name + " value)"))
            {
                for (var i = 0; i < properties.Count; i++)
                {
                    writer.Line(TypeExpressions.WriteMember(properties[i].Type, properties[i].Nullable, i, "value." + properties[i].Name));
                }
            }
        }

        private static string Indexes(System.Collections.Generic.List<PropertyModel> properties, System.Func<PropertyModel, bool> test)
            => string.Join(", ", properties.Select((p, i) => test(p) ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : null).Where(i => i != null));

        private static string Identifiers(UnionVariantModel derived) => "derived" + derived.Type.Name + "__";

        /// <summary>A discriminated base reads the discriminator first and lets the derived type's converter read the value; writing goes to the derived type's converter too.</summary>
        private static void WriteDerivedDispatch(CodeWriter writer, TypeModel type)
        {
            using (writer.Block("public override " + type.Name + " Read(ref " + Reader + " reader, global::System.Type typeToConvert, " + Options + " options)"))
            {
                writer.Line("var element__ = " + TypeExpressions.ApiJson + ".ReadElement(ref reader);");
                writer.Line("var tag__ = " + TypeExpressions.ApiJson + ".GetString(element__, " + CSharpText.Literal(type.DerivedDiscriminator!) + ");");
                foreach (var derived in type.Derived)
                {
                    writer.Line("if (tag__ == " + CSharpText.Literal(derived.Tag!) + ") return " + TypeExpressions.ApiJson + ".ReadFrom(element__, " + TypeExpressions.Converter(derived.Type) + ");");
                }

                writer.Line("return ReadObject(element__);");
            }

            using (writer.Block("public override void Write(" + Writer + " writer, " + type.Name + " value, " + Options + " options)"))
            {
                foreach (var derived in type.Derived)
                {
                    writer.Line("if (value is " + derived.Type.Name + " " + Identifiers(derived) + ") { " + TypeExpressions.Converter(derived.Type) + ".Write(writer, " + Identifiers(derived) + ", options); return; }");
                }

                writer.Line("base.Write(writer, value, options);");
            }
        }
    }
}
