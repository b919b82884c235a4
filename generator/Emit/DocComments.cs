using System.Linq;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>Writes XML documentation comments from spec text, escaped line by line.</summary>
    internal static class DocComments
    {
        public static void Summary(CodeWriter writer, string? summary, string fallback)
        {
            Element(writer, "summary", summary ?? fallback);
        }

        /// <summary>A summary with short remarks: on one line when the summary is one line, else the remarks after it.</summary>
        public static void Summary(CodeWriter writer, string? summary, string fallback, string? remarks)
        {
            var text = summary ?? fallback;
            if (remarks != null && !string.IsNullOrWhiteSpace(text) && text.IndexOf('\n') < 0)
            {
                var lines = CSharpText.XmlLines(text).Select(CodeSpans).Where(line => line.Length > 0).ToList();
                var remarkLines = CSharpText.XmlLines(remarks).Where(line => line.Length > 0).ToList();
                if (lines.Count == 1 && remarkLines.Count == 1)
                {
                    writer.Line("/// <summary>" + lines[0] + "</summary> <remarks>" + remarkLines[0] + "</remarks>");
                    return;
                }
            }

            Element(writer, "summary", text);
            Element(writer, "remarks", remarks);
        }

        public static void Element(CodeWriter writer, string element, string? text, string attributes = "")
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var lines = CSharpText.XmlLines(text!).Select(CodeSpans).ToList();
            while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            if (lines.Count == 1)
            {
                writer.Line("/// <" + element + attributes + ">" + lines[0] + "</" + element + ">");
                return;
            }

            writer.Line("/// <" + element + attributes + ">");
            var previousBlank = false;
            foreach (var line in lines)
            {
                // Blank lines in a description separate paragraphs; keep them as <para/> breaks without stacking.
                if (line.Length == 0)
                {
                    if (!previousBlank)
                    {
                        writer.Line("/// <para/>");
                    }

                    previousBlank = true;
                    continue;
                }

                previousBlank = false;
                writer.Line("/// " + line);
            }

            writer.Line("/// </" + element + ">");
        }

        /// <summary>Markdown code spans (`x`) become &lt;c&gt;x&lt;/c&gt;; the text inside is already escaped.</summary>
        private static string CodeSpans(string line)
        {
            var parts = line.Split('`');
            if (parts.Length < 3)
            {
                return line;
            }

            var builder = new System.Text.StringBuilder(parts[0]);
            for (var i = 1; i < parts.Length; i++)
            {
                // An odd part is inside a span only when a closing backtick follows it.
                var inside = i % 2 == 1 && i + 1 < parts.Length;
                builder.Append(inside ? "<c>" + parts[i] + "</c>" : (i % 2 == 1 ? "`" + parts[i] : parts[i]));
            }

            return builder.ToString();
        }

        public static void Param(CodeWriter writer, string name, string? text)
        {
            Element(writer, "param", text ?? "The " + name.TrimStart('@') + " value.", " name=\"" + name.TrimStart('@') + "\"");
        }

        public static void Example(CodeWriter writer, Documentation docs)
        {
            if (docs.Example != null)
            {
                Element(writer, "example", "Example: " + docs.Example);
            }
        }
    }
}
