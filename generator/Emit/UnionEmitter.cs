using System.Collections.Generic;
using System.Linq;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>
    /// Writes a oneOf/anyOf union: a class holding exactly one variant, built from any of them (constructors and
    /// implicit conversions), read with <c>IsX</c>/<c>AsX</c>, <c>Match</c> or <c>Switch</c>, never by casting object.
    /// A value that fits no variant is kept as JSON (<c>Unknown</c>) and written back unchanged.
    /// </summary>
    internal static class UnionEmitter
    {
        private const string Element = "global::System.Text.Json.JsonElement";

        public static void WriteUnion(CodeWriter writer, TypeModel type, string accessibility)
        {
            var name = type.Name;
            var variants = type.Variants;
            DocComments.Summary(writer, type.Docs.Summary, "One of: " + string.Join(", ", variants.Select(v => v.Name)) + ".");
            DocComments.Element(writer, "remarks", "Holds exactly one of " + string.Join(", ", variants.Select(v => v.Name)) + (type.Discriminator is null ? string.Empty : " (told apart by the JSON member \"" + type.Discriminator + "\")") + ". Build it from any of them; read it with IsX/AsX, Match or Switch. A value that fits none is kept as JSON in Unknown and written back as it came.");
            writer.Line("[" + TypeExpressions.Json + ".Serialization.JsonConverter(typeof(" + TypeExpressions.ConverterName(name) + "))]");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block(accessibility + " sealed partial class " + name))
            {
                writer.Line("private readonly object? _value;");
                writer.Line("private readonly int _kind;");
                writer.Line();
                for (var i = 0; i < variants.Count; i++)
                {
                    var variant = variants[i];
                    var typeName = TypeExpressions.TypeName(variant.Type);
                    DocComments.Summary(writer, null, "Holds a " + variant.Name + ".");
                    using (writer.Block("public " + name + "(" + typeName + " value)"))
                    {
                        writer.Line(variant.Type.IsValueType ? "_value = value;" : "_value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
                        writer.Line("_kind = " + (i + 1) + ";");
                    }

                    writer.Line();
                }

                using (writer.Block("private " + name + "(" + Element + " unknown, bool isUnknown)"))
                {
                    writer.Line("_value = unknown.Clone();");
                    writer.Line("_kind = 0;");
                }

                writer.Line();
                DocComments.Summary(writer, null, "Holds JSON that fits none of the variants (as read from a server that sends something new).");
                writer.Line("public static " + name + " FromUnknown(" + Element + " json) => new " + name + "(json, true);");
                writer.Line();
                DocComments.Summary(writer, null, "True when the value fits none of the variants; see Unknown.");
                writer.Line("public bool IsUnknown => _kind == 0;");
                writer.Line();
                DocComments.Summary(writer, null, "The JSON of a value that fits none of the variants, else null.");
                writer.Line("public " + Element + "? Unknown => _kind == 0 ? (" + Element + ")_value! : null;");
                writer.Line();
                DocComments.Summary(writer, null, "The held value, whatever its variant.");
                writer.Line("public object Value => _value!;");
                for (var i = 0; i < variants.Count; i++)
                {
                    var variant = variants[i];
                    var typeName = TypeExpressions.TypeName(variant.Type);
                    writer.Line();
                    DocComments.Summary(writer, null, "True when the value is a " + variant.Name + ".");
                    writer.Line("public bool Is" + variant.Name + " => _kind == " + (i + 1) + ";");
                    writer.Line();
                    DocComments.Summary(writer, null, "The value as a " + variant.Name + ", or null when it is another variant.");
                    writer.Line("public " + typeName + "? As" + variant.Name + " => _kind == " + (i + 1) + " ? (" + typeName + ")_value! : null;");
                    if (CanConvertImplicitly(variant.Type))
                    {
                        writer.Line();
                        DocComments.Summary(writer, null, "Holds a " + variant.Name + ".");
                        writer.Line("public static implicit operator " + name + "(" + typeName + " value) => new " + name + "(value);");
                    }
                    else if (variant.Type.Kind == TypeRefKind.Array)
                    {
                        // C# allows no conversion from an interface such as IList<T>, so one from each concrete collection
                        // people write: a list or an array (new() { ... } and [ ... ] need a target type and get neither).
                        var item = TypeExpressions.TypeName(variant.Type.Item!);
                        writer.Line();
                        DocComments.Summary(writer, null, "Holds a " + variant.Name + ".");
                        writer.Line("public static implicit operator " + name + "(global::System.Collections.Generic.List<" + item + "> value) => new " + name + "(value);");
                        writer.Line();
                        DocComments.Summary(writer, null, "Holds a " + variant.Name + ".");
                        writer.Line("public static implicit operator " + name + "(" + item + "[] value) => new " + name + "(value);");
                    }
                }

                writer.Line();
                DocComments.Summary(writer, null, "Calls the function for the held variant and returns its result.");
                var functions = variants.Select(v => "global::System.Func<" + TypeExpressions.TypeName(v.Type) + ", TResult> " + ParameterName(v)).ToList();
                functions.Add("global::System.Func<" + Element + ", TResult> unknown");
                using (writer.Block("public TResult Match<TResult>(" + string.Join(", ", functions) + ")"))
                {
                    using (writer.Block("switch (_kind)"))
                    {
                        for (var i = 0; i < variants.Count; i++)
                        {
                            writer.Line("case " + (i + 1) + ": return " + ParameterName(variants[i]) + "((" + TypeExpressions.TypeName(variants[i].Type) + ")_value!);");
                        }

                        writer.Line("default: return unknown((" + Element + ")_value!);");
                    }
                }

                writer.Line();
                DocComments.Summary(writer, null, "Calls the action for the held variant; an unknown value calls unknown, when given.");
                var actions = variants.Select(v => "global::System.Action<" + TypeExpressions.TypeName(v.Type) + "> " + ParameterName(v)).ToList();
                actions.Add("global::System.Action<" + Element + ">? unknown = null");
                using (writer.Block("public void Switch(" + string.Join(", ", actions) + ")"))
                {
                    using (writer.Block("switch (_kind)"))
                    {
                        for (var i = 0; i < variants.Count; i++)
                        {
                            writer.Line("case " + (i + 1) + ": " + ParameterName(variants[i]) + "((" + TypeExpressions.TypeName(variants[i].Type) + ")_value!); break;");
                        }

                        writer.Line("default: unknown?.Invoke((" + Element + ")_value!); break;");
                    }
                }

                writer.Line();
                writer.Line("/// <inheritdoc />");
                writer.Line("public override string ToString() => _value?.ToString() ?? string.Empty;");
            }
        }

        public static void WriteConverter(CodeWriter writer, TypeModel type, string accessibility)
        {
            var name = type.Name;
            var converter = TypeExpressions.ConverterName(name);
            const string Reader = "global::System.Text.Json.Utf8JsonReader";
            const string Options = "global::System.Text.Json.JsonSerializerOptions";
            DocComments.Summary(writer, null, "Reads and writes " + name + ": by discriminator when the spec names one, else by the shape of the JSON.");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block(accessibility + " sealed class " + converter + " : global::System.Text.Json.Serialization.JsonConverter<" + name + ">"))
            {
                DocComments.Summary(writer, null, "The one instance; the converter keeps no state.");
                writer.Line("public static readonly " + converter + " Instance = new " + converter + "();");
                for (var i = 0; i < type.Variants.Count; i++)
                {
                    var variant = type.Variants[i];
                    if (variant.Type.Kind == TypeRefKind.Model)
                    {
                        writer.Line("private static readonly string[] Required" + i + " = { " + string.Join(", ", variant.RequiredMembers.Select(CSharpText.Literal)) + " };");
                        writer.Line("private static readonly string[] Members" + i + " = { " + string.Join(", ", variant.Members.Select(CSharpText.Literal)) + " };");
                    }
                }

                writer.Line();
                writer.Line("/// <inheritdoc />");
                using (writer.Block("public override " + name + " Read(ref " + Reader + " reader, global::System.Type typeToConvert, " + Options + " options)"))
                {
                    writer.Line("var element = " + TypeExpressions.ApiJson + ".ReadElement(ref reader);");
                    if (type.Discriminator != null)
                    {
                        writer.Line("var tag = " + TypeExpressions.ApiJson + ".GetString(element, " + CSharpText.Literal(type.Discriminator) + ");");
                        foreach (var variant in type.Variants.Where(v => v.Tag != null))
                        {
                            writer.Line("if (tag == " + CSharpText.Literal(variant.Tag!) + ") return new " + name + "(" + ReadFrom(variant) + ");");
                        }
                    }

                    WriteShapeMatch(writer, type);
                    writer.Line("return " + name + ".FromUnknown(element);");
                }

                writer.Line();
                writer.Line("/// <inheritdoc />");
                using (writer.Block("public override void Write(global::System.Text.Json.Utf8JsonWriter writer, " + name + " value, " + Options + " options)"))
                {
                    foreach (var variant in type.Variants)
                    {
                        var access = "value.As" + variant.Name + (variant.Type.IsValueType ? ".GetValueOrDefault()" : "!");
                        // A file's write is a throw (files travel as multipart parts, never as JSON): no return after it.
                        writer.Line("if (value.Is" + variant.Name + ") { " + TypeExpressions.Write(variant.Type, "writer", access) + (variant.Type.Kind == TypeRefKind.File ? "; }" : "; return; }"));
                    }

                    writer.Line("value.Unknown!.Value.WriteTo(writer);");
                }
            }
        }

        /// <summary>Without a discriminator (or with an unknown tag), the JSON's kind picks the variant; objects go to the best-fitting model.</summary>
        private static void WriteShapeMatch(CodeWriter writer, TypeModel type)
        {
            var name = type.Name;
            var variants = type.Variants.Select((variant, index) => (Variant: variant, Index: index)).ToList();
            using (writer.Block("switch (element.ValueKind)"))
            {
                WriteCase(writer, "String", variants.Where(v => v.Variant.Type.Kind is TypeRefKind.String or TypeRefKind.Enum or TypeRefKind.DateTimeOffset or TypeRefKind.Guid or TypeRefKind.Bytes or TypeRefKind.Uri), name);
                var integers = variants.Where(v => v.Variant.Type.Kind is TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.IntEnum).ToList();
                var numbers = variants.Where(v => v.Variant.Type.Kind is TypeRefKind.Single or TypeRefKind.Double or TypeRefKind.Decimal).ToList();
                if (integers.Count > 0 || numbers.Count > 0)
                {
                    writer.Line("case global::System.Text.Json.JsonValueKind.Number:");
                    if (integers.Count > 0)
                    {
                        // Integers take a number only when it has no fraction; otherwise a floating-point variant does.
                        writer.Line("    if (element.TryGetInt64(out _)) return new " + name + "(" + ReadFrom(integers[0].Variant) + ");");
                    }

                    writer.Line(numbers.Count > 0 ? "    return new " + name + "(" + ReadFrom(numbers[0].Variant) + ");" : "    break;");
                }

                WriteCase(writer, "True", variants.Where(v => v.Variant.Type.Kind == TypeRefKind.Boolean), name);
                WriteCase(writer, "False", variants.Where(v => v.Variant.Type.Kind == TypeRefKind.Boolean), name);
                WriteCase(writer, "Array", variants.Where(v => v.Variant.Type.Kind == TypeRefKind.Array), name);
                var models = variants.Where(v => v.Variant.Type.Kind is TypeRefKind.Model or TypeRefKind.Union).ToList();
                var others = variants.Where(v => v.Variant.Type.Kind is TypeRefKind.Map or TypeRefKind.Json).ToList();
                if (models.Count > 0 || others.Count > 0)
                {
                    using (writer.Block("case global::System.Text.Json.JsonValueKind.Object:"))
                    {
                        if (models.Count > 0)
                        {
                            // The model whose required members are all present and which knows the most of the object's members wins.
                            writer.Line("var best = -1;");
                            writer.Line("var bestScore = -1;");
                            foreach (var (variant, index) in models.Where(m => m.Variant.Type.Kind == TypeRefKind.Model))
                            {
                                writer.Line("var score" + index + " = " + TypeExpressions.ApiJson + ".MatchScore(element, Required" + index + ", Members" + index + ");");
                                writer.Line("if (score" + index + " > bestScore) { best = " + index + "; bestScore = score" + index + "; }");
                            }

                            foreach (var (variant, index) in models)
                            {
                                var condition = variant.Type.Kind == TypeRefKind.Model ? "best == " + index : "best < 0";
                                writer.Line("if (" + condition + ") return new " + name + "(" + ReadFrom(variant) + ");");
                            }
                        }

                        writer.Line(others.Count > 0 ? "return new " + name + "(" + ReadFrom(others[0].Variant) + ");" : "break;");
                    }
                }
            }
        }

        private static void WriteCase(CodeWriter writer, string kind, IEnumerable<(UnionVariantModel Variant, int Index)> candidates, string name)
        {
            var first = candidates.FirstOrDefault();
            if (first.Variant is null)
            {
                return;
            }

            writer.Line("case global::System.Text.Json.JsonValueKind." + kind + ": return new " + name + "(" + ReadFrom(first.Variant) + ");");
        }

        private static string ReadFrom(UnionVariantModel variant)
            => TypeExpressions.ApiJson + ".ReadFrom(element, " + TypeExpressions.ReadLambda(variant.Type, 1) + ")";

        private static string ParameterName(UnionVariantModel variant) => Parsing.Identifiers.ToCamelCase(variant.Name, "value");

        /// <summary>C# allows no user-defined conversion from an interface (lists, dictionaries) or from object.</summary>
        private static bool CanConvertImplicitly(TypeRef type) => type.Kind is not (TypeRefKind.Array or TypeRefKind.Map or TypeRefKind.Json);
    }
}
