using System;
using System.Collections.Generic;
using System.Text;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Finds where a <c>$ref</c> (or any key) is written with a given value, for diagnostics. The tree the pre-pass
    /// works on has no line numbers, so the Nth <c>$ref</c> with a value in document order is matched to the Nth place
    /// the text writes that key with that value, in JSON or YAML spelling.
    /// </summary>
    internal sealed class RefLocator
    {
        private const string RefKey = "$ref";

        private readonly string _text;
        private readonly SpecText _spec;
        private Dictionary<string, List<int>>? _refs;
        private List<int>? _lineStarts;

        public RefLocator(string path, string text)
        {
            _text = text;
            _spec = new SpecText(path, text);
        }

        /// <summary>The <paramref name="occurrence"/>-th (0-based) <c>$ref</c> written with <paramref name="value"/>; else its first; else the file's start.</summary>
        public SpecLocation FindRef(string value, int occurrence)
        {
            if (_refs is null)
            {
                _refs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
                foreach (var (offset, found) in Scan(_text, RefKey))
                {
                    if (!_refs.TryGetValue(found, out var offsets))
                    {
                        _refs.Add(found, offsets = new List<int>());
                    }

                    offsets.Add(offset);
                }
            }

            return _refs.TryGetValue(value, out var places) ? At(places[Math.Max(0, Math.Min(occurrence, places.Count - 1))]) : _spec.AtLineColumn(1, 1);
        }

        /// <summary>Where <paramref name="key"/> is written with <paramref name="value"/>, first place; else the file's start.</summary>
        public SpecLocation FindKeyValue(string key, string value)
        {
            foreach (var (offset, found) in Scan(_text, key))
            {
                if (found == value)
                {
                    return At(offset);
                }
            }

            return _spec.AtLineColumn(1, 1);
        }

        /// <summary>From the key to the end of its line.</summary>
        private SpecLocation At(int offset)
        {
            var starts = LineStarts();
            var line = starts.BinarySearch(offset);
            if (line < 0)
            {
                line = ~line - 1;
            }

            return _spec.AtLineColumn(line + 1, offset - starts[line] + 1);
        }

        /// <summary>Every value written for a <c>$ref</c> key, in text order.</summary>
        public static IEnumerable<string> RefValues(string text)
        {
            foreach (var (_, value) in Scan(text, RefKey))
            {
                yield return value;
            }
        }

        /// <summary>Every place the key is written as a key (quoted or bare, then a colon), with the scalar after it.</summary>
        private static IEnumerable<(int Offset, string Value)> Scan(string text, string key)
        {
            var index = 0;
            while ((index = text.IndexOf(key, index, StringComparison.Ordinal)) >= 0)
            {
                var keyStart = index;
                var end = index + key.Length;
                index = end;
                var quote = keyStart > 0 ? text[keyStart - 1] : '\0';
                if (quote == '"' || quote == '\'')
                {
                    if (end >= text.Length || text[end] != quote)
                    {
                        continue;
                    }

                    keyStart--;
                    end++;
                }
                else if (keyStart > 0 && !IsKeyBoundary(text[keyStart - 1]))
                {
                    continue;
                }

                var colon = SkipBlanks(text, end);
                if (colon >= text.Length || text[colon] != ':')
                {
                    continue;
                }

                var value = ReadScalar(text, SkipBlanks(text, colon + 1));
                if (value != null)
                {
                    yield return (keyStart, value);
                }
            }
        }

        private static bool IsKeyBoundary(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '{' || c == ',';

        private static int SkipBlanks(string text, int i)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
            {
                i++;
            }

            return i;
        }

        /// <summary>A double-quoted, single-quoted or plain scalar on one line; null when there is none.</summary>
        internal static string? ReadScalar(string text, int i)
        {
            if (i >= text.Length)
            {
                return null;
            }

            var first = text[i];
            var value = new StringBuilder();
            if (first == '"')
            {
                for (i++; i < text.Length && text[i] != '"' && text[i] != '\n'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                        var escaped = text[i];
                        if (escaped == 'u' && i + 4 < text.Length && int.TryParse(text.Substring(i + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var code))
                        {
                            value.Append((char)code);
                            i += 4;
                        }
                        else
                        {
                            value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => escaped });
                        }

                        continue;
                    }

                    value.Append(text[i]);
                }

                return value.ToString();
            }

            if (first == '\'')
            {
                for (i++; i < text.Length && text[i] != '\n'; i++)
                {
                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            value.Append('\'');
                            i++;
                            continue;
                        }

                        break;
                    }

                    value.Append(text[i]);
                }

                return value.ToString();
            }

            // Plain: to the end of the line, a comment, or the end of a flow entry.
            var start = i;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\n' || c == '\r' || c == ',' || c == '}' || c == ']' || (c == '#' && i > start && (text[i - 1] == ' ' || text[i - 1] == '\t')))
                {
                    break;
                }
            }

            var plain = text.Substring(start, i - start).TrimEnd(' ', '\t');
            return plain.Length == 0 ? null : plain;
        }

        private List<int> LineStarts()
        {
            if (_lineStarts is null)
            {
                // Lines end at \n, \r\n or a lone \r, as SpecText and both parsers count them.
                _lineStarts = new List<int> { 0 };
                for (var i = 0; i < _text.Length; i++)
                {
                    if (_text[i] == '\n' || (_text[i] == '\r' && (i + 1 >= _text.Length || _text[i + 1] != '\n')))
                    {
                        _lineStarts.Add(i + 1);
                    }
                }
            }

            return _lineStarts;
        }
    }
}
