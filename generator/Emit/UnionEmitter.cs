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

        public static void WriteUnion(CodeWriter writer, TypeModel type, string accessibility, bool nullFlowAttributes = false)
        {
            var name = type.Name;
            var variants = type.Variants;
            DocComments.Summary(writer, type.Docs.Summary, "One of: " + string.Join(", ", variants.Select(v => v.Name)) + ".");
            DocComments.Element(writer, "remarks", "Holds exactly one of " + string.Join(", ", variants.Select(v => v.Name)) + (type.Discriminator is null ? string.Empty : " (told apart by the JSON member \"" + type.Discriminator + "\")") + ". Build it from any of them (a constructor or an implicit conversion); read it with IsX/AsX, Match or Switch. A value that fits none is kept as JSON in Unknown and written back as it came.");
            writer.Line("[" + TypeExpressions.Json + ".Serialization.JsonConverter(typeof(" + TypeExpressions.ConverterName(name) + "))]");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);

            // The held value, its variant number, Unknown and ToString live in the runtime's ApiUnion, once for every union.
            using (writer.Block(accessibility + " sealed partial class " + name + " : global::YEScale.Toolkit.Json.ApiUnion"))
            {
                for (var i = 0; i < variants.Count; i++)
                {
                    var variant = variants[i];
                    var typeName = TypeExpressions.TypeName(variant.Type);
                    var kind = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    writer.Line("public " + name + "(" + typeName + " value) : base(" + (variant.Type.IsValueType ? "value" : "value ?? throw new global::System.ArgumentNullException(nameof(value))") + ", " + kind + ") { }");
                    writer.Line("public bool Is" + variant.Name + " => Kind == " + kind + ";");

                    // (T?)Value unboxes a value type straight to Nullable<T>: a user-defined conversion from string cannot turn the null into a value.
                    writer.Line("public " + typeName + "? As" + variant.Name + " => Kind == " + kind + " ? (" + typeName + "?)Value : null;");
                    if (CanConvertImplicitly(variant.Type))
                    {
                        WriteConversion(writer, name, typeName, !variant.Type.IsValueType, nullFlowAttributes);
                    }
                    else if (variant.Type.Kind == TypeRefKind.Array)
                    {
                        // C# allows no conversion from an interface such as IList<T>, so one from each concrete collection
                        // people write: a list or an array (new() { ... } and [ ... ] need a target type and get neither).
                        var item = TypeExpressions.TypeName(variant.Type.Item!);
                        WriteConversion(writer, name, "global::System.Collections.Generic.List<" + item + ">", true, nullFlowAttributes);
                        WriteConversion(writer, name, item + "[]", true, nullFlowAttributes);
                    }
                }

                writer.Line("private " + name + "(" + Element + " unknown, bool isUnknown) : base(unknown.Clone(), 0) { }");
                DocComments.Summary(writer, null, "Holds JSON that fits none of the variants (as read from a server that sends something new).");
                writer.Line("public static " + name + " FromUnknown(" + Element + " json) => new " + name + "(json, true);");
                DocComments.Summary(writer, null, "Calls the function for the held variant and returns its result.");
                var functions = variants.Select(v => "global::System.Func<" + TypeExpressions.TypeName(v.Type) + ", TResult> " + ParameterName(v)).ToList();
                functions.Add("global::System.Func<" + Element + ", TResult> unknown");
                using (writer.Block("public TResult Match<TResult>(" + string.Join(", ", functions) + ")"))
                {
                    using (writer.Block("switch (Kind)"))
                    {
                        for (var i = 0; i < variants.Count; i++)
                        {
                            writer.Line("case " + (i + 1) + ": return " + ParameterName(variants[i]) + "((" + TypeExpressions.TypeName(variants[i].Type) + ")Value);");
                        }

                        writer.Line("default: return unknown((" + Element + ")Value);");
                    }
                }

                DocComments.Summary(writer, null, "Calls the action for the held variant; an unknown value calls unknown, when given.");
                var actions = variants.Select(v => "global::System.Action<" + TypeExpressions.TypeName(v.Type) + "> " + ParameterName(v)).ToList();
                actions.Add("global::System.Action<" + Element + ">? unknown = null");
                using (writer.Block("public void Switch(" + string.Join(", ", actions) + ")"))
                {
                    using (writer.Block("switch (Kind)"))
                    {
                        for (var i = 0; i < variants.Count; i++)
                        {
                            writer.Line("case " + (i + 1) + ": " + ParameterName(variants[i]) + "((" + TypeExpressions.TypeName(variants[i].Type) + ")Value); break;");
                        }

                        writer.Line("default: unknown?.Invoke((" + Element + ")Value); break;");
                    }
                }
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
                // Per object variant, in order: its required members, all its members, and its one-value members as name and
                // JSON text pairs (ApiJson.BestVariant reads them); the same per list-of-models variant, for its items.
                WriteShapeTable(writer, "Shapes", type.Variants.Where(v => v.Type.Kind == TypeRefKind.Model));
                WriteShapeTable(writer, "ItemShapes", type.Variants.Where(IsModelList));

                using (writer.Block("public override " + name + " Read(ref " + Reader + " reader, global::System.Type typeToConvert, " + Options + " options)"))
                {
                    writer.Line("var element = " + TypeExpressions.ApiJson + ".ReadElement(ref reader);");
                    if (type.Discriminator != null)
                    {
                        writer.Line("var tag = " + TypeExpressions.ApiJson + ".GetString(element, " + CSharpText.Literal(type.Discriminator) + ");");
                        // A tag names the variant; a value that does not read as it still goes through the shape match below.
                        foreach (var (variant, index) in type.Variants.Select((v, i) => (v, i)).Where(p => p.v.Tag != null))
                        {
                            writer.Line("if (tag == " + CSharpText.Literal(variant.Tag!) + " && " + TryRead(variant, "t" + index) + ") return new " + name + "(t" + index + ");");
                        }
                    }

                    WriteShapeMatch(writer, type);
                    writer.Line("return " + name + ".FromUnknown(element);");
                }

                using (writer.Block("public override void Write(global::System.Text.Json.Utf8JsonWriter writer, " + name + " value, " + Options + " options)"))
                {
                    foreach (var variant in type.Variants)
                    {
                        var access = "value.As" + variant.Name + (variant.Type.IsValueType ? ".GetValueOrDefault()" : "!");
                        // A file has no JSON form: its statement is a throw, and nothing may follow it.
                        writer.Line(variant.Type.Kind == TypeRefKind.File
                            ? "if (value.Is" + variant.Name + ") throw new global::System.Text.Json.JsonException(\"A file cannot be written as JSON.\");"
                            : "if (value.Is" + variant.Name + ") { " + TypeExpressions.Converter(variant.Type) + ".Write(writer, " + access + ", options); return; }");
                    }

                    writer.Line("value.Unknown!.Value.WriteTo(writer);");
                }
            }
        }

        /// <summary>
        /// Without a discriminator (or with an unknown tag), the JSON's kind picks the candidates, and the first that
        /// really fits wins: strict ones first (a known enum value, a date that parses, a nested union that knows the
        /// value, a model whose required members are there), then lenient ones (any string, any number). When more than
        /// one variant takes a kind, each is tried, so a value that fits none of them lands in Unknown rather than throwing.
        /// </summary>
        private static void WriteShapeMatch(CodeWriter writer, TypeModel type)
        {
            var variants = type.Variants.Select((variant, index) => (Variant: variant, Index: index)).ToList();
            var byKind = new[]
            {
                ("String", variants.Where(v => AcceptsString(v.Variant.Type)).ToList()),
                ("Number", variants.Where(v => AcceptsNumber(v.Variant.Type)).ToList()),
                ("True", variants.Where(v => AcceptsBoolean(v.Variant.Type)).ToList()),
                ("False", variants.Where(v => AcceptsBoolean(v.Variant.Type)).ToList()),
                ("Array", variants.Where(v => v.Variant.Type.Kind is TypeRefKind.Array or TypeRefKind.Json or TypeRefKind.Union).ToList()),
                ("Object", variants.Where(v => v.Variant.Type.Kind is TypeRefKind.Model or TypeRefKind.Map or TypeRefKind.Json or TypeRefKind.Union).ToList()),
            };

            using (writer.Block("switch (element.ValueKind)"))
            {
                foreach (var (kind, candidates) in byKind)
                {
                    if (candidates.Count == 0)
                    {
                        continue;
                    }

                    if (candidates.Count == 1 && CannotFail(candidates[0].Variant.Type))
                    {
                        // One variant takes this kind and any value of it: read it as is.
                        writer.Line("case global::System.Text.Json.JsonValueKind." + kind + ": return new " + type.Name + "(" + ReadFrom(candidates[0].Variant) + ");");
                        continue;
                    }

                    using (writer.Block("case global::System.Text.Json.JsonValueKind." + kind + ":"))
                    {
                        var ordered = kind == "Object"
                            ? candidates.OrderBy(c => c.Variant.Type.Kind switch { TypeRefKind.Model => 0, TypeRefKind.Union => 1, TypeRefKind.Map => 2, _ => 3 }).ToList()
                            : candidates.OrderBy(c => IsStrict(c.Variant.Type) ? 0 : 1).ToList();
                        var models = ordered.Where(c => c.Variant.Type.Kind == TypeRefKind.Model).ToList();
                        if (kind == "Object" && models.Count > 0)
                        {
                            // The model whose required members are all present and which knows the most of the object's members.
                            writer.Line("var best = " + TypeExpressions.ApiJson + ".BestVariant(element, Shapes);");
                        }

                        var ends = false;
                        for (var i = 0; i < ordered.Count; i++)
                        {
                            var (variant, index) = ordered[i];
                            var value = "v" + index;
                            if (kind == "Array" && IsModelList(variant))
                            {
                                var shape = type.Variants.Where(IsModelList).ToList().IndexOf(variant);
                                writer.Line("if (" + TypeExpressions.ApiJson + ".EveryItemFits(element, ItemShapes, " + shape + ") && " + TryRead(variant, value) + ") return new " + type.Name + "(" + value + ");");
                            }
                            else if (kind == "Object" && variant.Type.Kind == TypeRefKind.Model)
                            {
                                writer.Line("if (best == " + models.FindIndex(m => m.Index == index) + " && " + TryRead(variant, value) + ") return new " + type.Name + "(" + value + ");");
                            }
                            // An extensible enum read last takes any string: a value it does not list is still its value.
                            else if (!(i == ordered.Count - 1 && variant.Type.Kind == TypeRefKind.Enum) && Fits(variant.Type, value) is { } test)
                            {
                                writer.Line("if (" + test + ") return new " + type.Name + "(" + (variant.Type.Kind == TypeRefKind.Union ? value : ReadFrom(variant)) + ");");
                            }
                            else if (CannotFail(variant.Type) || variant.Type.Kind == TypeRefKind.Enum)
                            {
                                // Any value of this kind is one of these (an enum read last takes any string): read it as is.
                                writer.Line("return new " + type.Name + "(" + ReadFrom(variant) + ");");
                                ends = true;
                                break;
                            }
                            else
                            {
                                writer.Line("if (" + TryRead(variant, value) + ") return new " + type.Name + "(" + value + ");");
                            }
                        }

                        if (!ends)
                        {
                            writer.Line("break;");
                        }
                    }
                }
            }
        }

        private static void WriteShapeTable(CodeWriter writer, string name, IEnumerable<UnionVariantModel> variants)
        {
            var list = variants.ToList();
            if (list.Count == 0)
            {
                return;
            }

            writer.Line("private static readonly string[][] " + name + " =");
            writer.Line("{");
            foreach (var variant in list)
            {
                foreach (var names in new[] { variant.RequiredMembers, variant.Members, variant.Constants })
                {
                    writer.Line("    new string[] { " + string.Join(", ", names.Select(CSharpText.Literal)) + " },");
                }
            }

            writer.Line("};");
        }

        private static bool IsModelList(UnionVariantModel variant) => variant.Type.Kind == TypeRefKind.Array && variant.Type.Item!.Kind == TypeRefKind.Model;

        /// <summary>Variants that read any value of the kinds they accept: nothing after them can be reached.</summary>
        private static bool CannotFail(TypeRef type) => type.Kind is TypeRefKind.String or TypeRefKind.Uri or TypeRefKind.Json or TypeRefKind.Boolean
            or TypeRefKind.Double || (type.Kind == TypeRefKind.Scalar && ScalarFormats.Of(type).Fits is null);

        /// <summary>
        /// An implicit conversion into the union. A null converts to a null union (<c>Content = reply.Content</c> with no
        /// content), never to an exception: with <c>[NotNullIfNotNull]</c> where the project has it, so flow analysis knows
        /// which; without it (netstandard2.0, .NET Framework) through the same signature as a value's.
        /// </summary>
        private static void WriteConversion(CodeWriter writer, string union, string from, bool referenceType, bool nullFlowAttributes)
        {
            if (!referenceType)
            {
                writer.Line("public static implicit operator " + union + "(" + from + " value) => new " + union + "(value);");
            }
            else if (nullFlowAttributes)
            {
                writer.Line("[return: global::System.Diagnostics.CodeAnalysis.NotNullIfNotNull(\"value\")]");
                writer.Line("public static implicit operator " + union + "?(" + from + "? value) => value is null ? null : new " + union + "(value);");
            }
            else
            {
                writer.Line("public static implicit operator " + union + "(" + from + " value) => value is null ? null! : new " + union + "(value);");
            }
        }

        private static bool AcceptsString(TypeRef type) => type.Kind is TypeRefKind.String or TypeRefKind.Enum
            or TypeRefKind.Bytes or TypeRefKind.Uri or TypeRefKind.Json or TypeRefKind.Union || IsScalarOf(type, ScalarJsonKind.String);

        private static bool AcceptsNumber(TypeRef type) => type.Kind is TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.IntEnum
            or TypeRefKind.Double or TypeRefKind.Json or TypeRefKind.Union || IsScalarOf(type, ScalarJsonKind.Number);

        private static bool IsScalarOf(TypeRef type, ScalarJsonKind kind) => type.Kind == TypeRefKind.Scalar && ScalarFormats.Of(type).Kind == kind;

        private static bool AcceptsBoolean(TypeRef type) => type.Kind is TypeRefKind.Boolean or TypeRefKind.Json or TypeRefKind.Union;

        /// <summary>True for variants that can say "not me" about a value of this kind without reading it in full.</summary>
        private static bool IsStrict(TypeRef type) => Fits(type, "_") != null;

        /// <summary>A test that the element fits the variant, or null when any value of this kind does (or only reading can tell).</summary>
        private static string? Fits(TypeRef type, string value) => type.Kind switch
        {
            TypeRefKind.Enum => "new " + type.Name + "(element.GetString()!).IsKnown",
            TypeRefKind.Scalar => ScalarFormats.Of(type).Fits,
            TypeRefKind.Bytes => "element.TryGetBytesFromBase64(out _)",
            TypeRefKind.Int32 => "element.TryGetInt32(out _)",
            TypeRefKind.Int64 or TypeRefKind.IntEnum => "element.TryGetInt64(out _)",
            TypeRefKind.Union => TryRead(type, value) + " && !" + value + ".IsUnknown",
            _ => null,
        };

        private static string TryRead(UnionVariantModel variant, string value) => TryRead(variant.Type, value);

        private static string TryRead(TypeRef type, string value)
            => TypeExpressions.ApiJson + ".TryReadFrom(element, " + TypeExpressions.Converter(type) + ", out var " + value + ")";

        private static string ReadFrom(UnionVariantModel variant)
            => TypeExpressions.ApiJson + ".ReadFrom(element, " + TypeExpressions.Converter(variant.Type) + ")";

        private static string ParameterName(UnionVariantModel variant) => Parsing.Identifiers.ToCamelCase(variant.Name, "value");

        /// <summary>C# allows no user-defined conversion from an interface (lists, dictionaries) or from object.</summary>
        private static bool CanConvertImplicitly(TypeRef type) => type.Kind is not (TypeRefKind.Array or TypeRefKind.Map or TypeRefKind.Json);
    }
}
