using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>
    /// Puts text from a spec into generated code safely: a spec is data from elsewhere, and nothing in it may
    /// end a comment, a string or a line early.
    /// </summary>
    internal static class CSharpText
    {
        /// <summary>A C# string literal (with quotes) whose value is exactly <paramref name="value"/>.</summary>
        public static string Literal(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\0': builder.Append("\\0"); break;
                    default:
                        if (!IsPlainVisible(c))
                        {
                            // Line separators, invisible and unassigned characters are written as escapes, so what a reader sees is what runs.
                            builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
            return builder.ToString();
        }

        /// <summary>Lines of XML doc text, escaped, with every kind of line break (and control character) treated as a break.</summary>
        public static IEnumerable<string> XmlLines(string text)
        {
            var line = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\f' || c == '\v')
                {
                    yield return line.ToString().TrimEnd();
                    line.Clear();
                    continue;
                }

                switch (c)
                {
                    case '&': line.Append("&amp;"); break;
                    case '<': line.Append("&lt;"); break;
                    case '>': line.Append("&gt;"); break;
                    case '\t': line.Append(' '); break;
                    default:
                        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        {
                            // A surrogate pair (emoji and the like) is kept whole; a lone surrogate is not text and is dropped.
                            line.Append(c).Append(text[i + 1]);
                            i++;
                        }
                        else if (IsPlainVisible(c) && c != '\uFFFE' && c != '\uFFFF')
                        {
                            line.Append(c);
                        }

                        break;
                }
            }

            yield return line.ToString().TrimEnd();
        }

        /// <summary>
        /// False for controls, line and paragraph separators, formatting characters (bidirectional overrides, zero-width
        /// joiners), unassigned code points and surrogates: none of them shows what it does, so none is written raw.
        /// </summary>
        private static bool IsPlainVisible(char c)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.Surrogate:
                case UnicodeCategory.OtherNotAssigned:
                    return false;
                default:
                    return true;
            }
        }

        /// <summary>Text for an XML attribute value in double quotes.</summary>
        public static string XmlAttribute(string text)
        {
            var builder = new StringBuilder();
            foreach (var line in XmlLines(text))
            {
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(line.Replace("\"", "&quot;"));
            }

            return builder.ToString();
        }
    }
}
