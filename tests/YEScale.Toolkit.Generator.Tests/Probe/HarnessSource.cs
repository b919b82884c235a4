using System.Collections.Generic;
using System.Text;
using YEScale.Toolkit.Generator.Emit;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>
    /// C# compiled beside the generated code: for each type, <c>public static string Read_N(byte[] json)</c> reads one
    /// whole JSON value with the generator's own read expression and writes it back with its own write expression.
    /// </summary>
    internal static class HarnessSource
    {
        public const string ClassName = "RoundTripProbeHarness__";

        /// <summary>Exception.Data keys the harness sets: "read" or "write", and the reader's byte offset then.</summary>
        public const string PhaseKey = "RoundTripProbe.Phase";
        public const string OffsetKey = "RoundTripProbe.Offset";

        /// <summary>Exception.Data key for the JSON written before a write threw.</summary>
        public const string WrittenKey = "RoundTripProbe.Written";

        public static string MethodName(int index) => "Read_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The harness class in the generated code's namespace (type names in TypeRefs are relative to it).</summary>
        public static string Build(string @namespace, IReadOnlyList<TypeRef> types)
        {
            const string Json = "global::System.Text.Json";
            var source = new StringBuilder();
            source.AppendLine("#nullable enable");
            source.AppendLine("#pragma warning disable CS0618, CS8600, CS8602, CS8604");
            source.AppendLine("namespace " + @namespace);
            source.AppendLine("{");
            source.AppendLine("    public static class " + ClassName);
            source.AppendLine("    {");
            for (var i = 0; i < types.Count; i++)
            {
                source.AppendLine("        // " + TypeExpressions.TypeName(types[i]));
                source.AppendLine("        public static string " + MethodName(i) + "(byte[] json)");
                source.AppendLine("        {");
                source.AppendLine("            var reader = new " + Json + ".Utf8JsonReader(json);");
                source.AppendLine("            var options = global::YEScale.Toolkit.Json.ApiJson.Options;");
                source.AppendLine("            if (!reader.Read()) throw new " + Json + ".JsonException(\"The probe sent no JSON.\");");
                source.AppendLine("            var buffer = new global::System.IO.MemoryStream();");
                source.AppendLine("            using (var writer = new " + Json + ".Utf8JsonWriter(buffer))");
                source.AppendLine("            {");
                source.AppendLine("                if (reader.TokenType == " + Json + ".JsonTokenType.Null)");
                source.AppendLine("                {");
                source.AppendLine("                    writer.WriteNullValue();");
                source.AppendLine("                }");
                source.AppendLine("                else");
                source.AppendLine("                {");
                source.AppendLine("                    var phase = \"read\";");
                source.AppendLine("                    try");
                source.AppendLine("                    {");
                source.AppendLine("                        " + ReadWrite(types[i]));
                source.AppendLine("                    }");
                source.AppendLine("                    catch (global::System.Exception exception)");
                source.AppendLine("                    {");
                source.AppendLine("                        // Where it happened, for the report: the reader's token when reading, else the write.");
                source.AppendLine("                        exception.Data[\"" + PhaseKey + "\"] = phase;");
                source.AppendLine("                        exception.Data[\"" + OffsetKey + "\"] = reader.TokenStartIndex;");
                source.AppendLine("                        if (phase == \"write\")");
                source.AppendLine("                        {");
                source.AppendLine("                            try { writer.Flush(); exception.Data[\"" + WrittenKey + "\"] = buffer.ToArray(); } catch (global::System.Exception) { }");
                source.AppendLine("                        }");
                source.AppendLine();
                source.AppendLine("                        throw;");
                source.AppendLine("                    }");
                source.AppendLine("                }");
                source.AppendLine("            }");
                source.AppendLine();
                source.AppendLine("            if (reader.Read()) throw new " + Json + ".JsonException(\"The reader stopped before the end of the value, at \" + reader.TokenType + \" (byte \" + reader.TokenStartIndex + \").\");");
                source.AppendLine("            return global::System.Text.Encoding.UTF8.GetString(buffer.ToArray());");
                source.AppendLine("        }");
                source.AppendLine();
            }

            source.AppendLine("    }");
            source.AppendLine("}");
            return source.ToString();
        }

        /// <summary>
        /// The only place the harness calls the generator's expressions: read a non-null value of
        /// <paramref name="type"/> at <c>reader</c>'s current token and write it with <c>writer</c>, through the converter
        /// the generated code uses for that type. Locals in scope: <c>reader</c>, <c>writer</c>, <c>phase</c>, and
        /// <c>options</c> (<c>ApiJson.Options</c>, passed on to the converter).
        /// </summary>
        internal static string ReadWrite(TypeRef type)
            => "var converter = " + TypeExpressions.Converter(type) + "; var value = converter.Read(ref reader, typeof(object), options)!; phase = \"write\"; converter.Write(writer, value, options);";
    }
}
