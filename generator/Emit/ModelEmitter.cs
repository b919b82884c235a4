using System.Linq;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>Writes one model class or extensible enumeration, with its JSON converter beside it.</summary>
    internal static class ModelEmitter
    {
        /// <param name="nullFlowAttributes">The project has <c>[NotNullIfNotNull]</c>: conversions into unions pass null through.</param>
        /// <param name="requiredMembers">The project has C# 11's <c>required</c> (and its attributes): members callers must set are written so.</param>
        public static string Emit(string @namespace, string accessibility, TypeModel type, bool nullFlowAttributes = false, bool requiredMembers = false)
        {
            var writer = GeneratedFile.Begin(@namespace);
            switch (type.Kind)
            {
                case TypeModelKind.StringEnum:
                    WriteEnum(writer, type, accessibility);
                    break;
                case TypeModelKind.IntegerEnum:
                    WriteIntegerEnum(writer, type, accessibility);
                    break;
                case TypeModelKind.Union:
                    UnionEmitter.WriteUnion(writer, type, accessibility, nullFlowAttributes);
                    break;
                default:
                    WriteClass(writer, type, accessibility, requiredMembers);
                    break;
            }

            writer.Line();
            if (type.Kind == TypeModelKind.Union)
            {
                UnionEmitter.WriteConverter(writer, type, accessibility);
            }
            else
            {
                JsonConverterEmitter.Write(writer, type, accessibility);
            }

            return GeneratedFile.End(writer);
        }

        private static void WriteClass(CodeWriter writer, TypeModel type, string accessibility, bool requiredMembers)
        {
            DocComments.Summary(writer, type.Docs.Summary, "The " + type.Name + " schema.");
            DocComments.Example(writer, type.Docs);
            WriteObsolete(writer, type.Deprecated);
            writer.Line("[" + TypeExpressions.Json + ".Serialization.JsonConverter(typeof(" + TypeExpressions.ConverterName(type.Name) + "))]");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block(accessibility + " partial class " + type.Name + " : " + (type.BaseType ?? "global::YEScale.Toolkit.Json.ApiModel")))
            {
                WriteConstructors(writer, type, requiredMembers);

                // Unknown members and explicit nulls live in the base class (ApiModel), once for every model.
                // One doc line and one declaration a member: the converter below lists the JSON names.
                foreach (var property in type.Properties.Where(p => !p.Inherited))
                {
                    DocComments.Summary(writer, property.Docs.Summary, "The " + property.JsonName + " member.", Remarks(property));
                    DocComments.Example(writer, property.Docs);
                    WriteObsolete(writer, property.Deprecated);
                    var typeName = TypeExpressions.TypeName(property.Type, property.Nullable);
                    var modifiers = property.MustSet && requiredMembers ? "public required " : "public ";
                    if (property.AllowsNull)
                    {
                        // Null is a value here: assigning it sends JSON null; a member never assigned is left out.
                        writer.Line(modifiers + typeName + " " + property.Name + " { get => _" + property.Name + "; set { _" + property.Name + " = value; JsonNulls__.Track(" + CSharpText.Literal(property.JsonName) + ", value is null); } }");
                        writer.Line("private " + typeName + " _" + property.Name + ";");
                        continue;
                    }

                    var declaration = modifiers + typeName + " " + property.Name + " { get; set; }";
                    if (property.InitialString != null)
                    {
                        declaration += " = " + CSharpText.Literal(property.InitialString) + ";";
                    }
                    else if (!property.Nullable && !property.Type.IsValueType)
                    {
                        // The spec requires it; a server that leaves it out leaves it null.
                        declaration += " = default!;";
                    }

                    writer.Line(declaration);
                }
            }
        }

        /// <summary>
        /// For a model with members callers must set: a constructor that takes them, and the one the converter reads
        /// with. With C# 11's <c>required</c>, an object initializer that sets them works too; without it, the
        /// constructor is the only public way in, so a request cannot be built without them either way.
        /// </summary>
        private static void WriteConstructors(CodeWriter writer, TypeModel type, bool requiredMembers)
        {
            var mustSet = type.Properties.Where(p => p.MustSet).ToList();
            if (mustSet.Count == 0)
            {
                return;
            }

            var setsRequired = requiredMembers ? "[global::System.Diagnostics.CodeAnalysis.SetsRequiredMembers] " : string.Empty;
            if (requiredMembers)
            {
                DocComments.Summary(writer, null, "Creates an object whose required members an object initializer sets.");
                writer.Line("public " + type.Name + "() { }");
            }

            DocComments.Summary(writer, null, "Creates an object with its required members.");
            var byJsonName = mustSet.ToDictionary(p => p.JsonName, p => p.ParameterName!, System.StringComparer.Ordinal);
            var baseCall = type.BaseMustSet.Count > 0 ? " : base(" + string.Join(", ", type.BaseMustSet.Select(name => byJsonName[name])) + ")" : string.Empty;
            var assignments = string.Concat(mustSet.Where(p => !p.Inherited).Select(p => " this." + p.Name + " = " + p.ParameterName + ";"));
            writer.Line(setsRequired + "public " + type.Name + "(" + string.Join(", ", mustSet.Select(p => TypeExpressions.TypeName(p.Type, p.Nullable) + " " + p.ParameterName)) + ")" + baseCall + " {" + assignments + " }");
            writer.Line(setsRequired + "internal " + type.Name + "(" + ModelReading + " reading)" + (type.BaseMustSet.Count > 0 ? " : base(reading)" : string.Empty) + " { }");
        }

        /// <summary>The marker of the constructor generated converters create models with.</summary>
        internal const string ModelReading = "global::YEScale.Toolkit.Json.ModelReading";

        /// <summary>What the declaration does not show: required, read-only, the default; null when none applies.</summary>
        private static string? Remarks(PropertyModel property)
        {
            var notes = new System.Collections.Generic.List<string>();
            if (property.Required)
            {
                notes.Add("Required");
            }

            if (property.Constant != null && property.Type.Kind == TypeRefKind.String)
            {
                notes.Add("always " + property.Constant);
            }

            if (property.ReadOnly)
            {
                notes.Add("read-only (sent by the server, never written into a request)");
            }

            if (property.Default != null)
            {
                notes.Add("default " + property.Default);
            }

            if (notes.Count == 0)
            {
                return null;
            }

            var text = string.Join(", ", notes) + ".";
            return char.ToUpperInvariant(text[0]) + text.Substring(1);
        }

        private static void WriteIntegerEnum(CodeWriter writer, TypeModel type, string accessibility)
        {
            DocComments.Summary(writer, type.Docs.Summary, "The " + type.Name + " values.");
            DocComments.Element(writer, "remarks", "Sent as numbers. A number the document does not list still reads and writes (as an unnamed value of the enum).");
            WriteObsolete(writer, type.Deprecated);
            writer.Line("[" + TypeExpressions.Json + ".Serialization.JsonConverter(typeof(" + TypeExpressions.ConverterName(type.Name) + "))]");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block(accessibility + " enum " + type.Name + " : long"))
            {
                foreach (var member in type.EnumMembers)
                {
                    writer.Line(member.Name + " = " + member.Value + ",");
                }
            }
        }

        private static void WriteEnum(CodeWriter writer, TypeModel type, string accessibility)
        {
            var name = type.Name;
            DocComments.Summary(writer, type.Docs.Summary, "The " + name + " values.");
            DocComments.Element(writer, "remarks", "Values the document does not list are kept as they are, so a new value from the server never fails a call. Known values: " + string.Join(", ", type.EnumMembers.Select(m => m.Value)) + ".");
            WriteObsolete(writer, type.Deprecated);
            writer.Line("[" + TypeExpressions.Json + ".Serialization.JsonConverter(typeof(" + TypeExpressions.ConverterName(name) + "))]");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block(accessibility + " readonly partial struct " + name + " : global::System.IEquatable<" + name + ">"))
            {
                // Each known value is one line: its name and its wire text.
                writer.Line("private static readonly string[] Known__ = { " + string.Join(", ", type.EnumMembers.Select(m => CSharpText.Literal(m.Value))) + " };");
                writer.Line("private readonly string? _value;");
                DocComments.Summary(writer, null, "Creates a value from its wire text, known to the document or not.");
                writer.Line("public " + name + "(string value) => _value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
                foreach (var member in type.EnumMembers)
                {
                    writer.Line("public static " + name + " " + member.Name + " { get; } = new " + name + "(" + CSharpText.Literal(member.Value) + ");");
                }

                DocComments.Summary(writer, null, "True when the value is one the document lists.");
                writer.Line("public bool IsKnown => global::YEScale.Toolkit.Json.ApiEnum.IsKnown(_value, Known__);");
                DocComments.Summary(writer, null, "Compares wire texts, ignoring case.");
                writer.Line("public bool Equals(" + name + " other) => global::YEScale.Toolkit.Json.ApiEnum.Equals(_value, other._value);");
                writer.Line("public override bool Equals(object? obj) => obj is " + name + " other && Equals(other);");
                writer.Line("public override int GetHashCode() => global::YEScale.Toolkit.Json.ApiEnum.GetHashCode(_value);");
                DocComments.Summary(writer, null, "The wire text.");
                writer.Line("public override string ToString() => _value ?? string.Empty;");
                writer.Line("public static bool operator ==(" + name + " left, " + name + " right) => left.Equals(right);");
                writer.Line("public static bool operator !=(" + name + " left, " + name + " right) => !left.Equals(right);");
                writer.Line("public static implicit operator " + name + "(string value) => new " + name + "(value);");
            }
        }

        private static void WriteObsolete(CodeWriter writer, bool deprecated)
        {
            if (deprecated)
            {
                writer.Line("[global::System.Obsolete(\"Deprecated in the OpenAPI document.\")]");
            }
        }
    }
}
