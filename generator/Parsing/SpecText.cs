using System;
using System.Collections.Generic;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Finds places in the spec's text, so diagnostics point at the line a user must edit. NSwag's object model keeps
    /// no line numbers, so a member's place comes from a <see cref="PositionMap"/> of the text, read by the JSON or
    /// YAML parser when the first diagnostic asks.
    /// </summary>
    internal sealed class SpecText
    {
        private readonly string _path;
        private readonly string _text;
        private int[]? _lineStarts;
        private PositionMap? _positions;

        public SpecText(string path, string text)
        {
            _path = path;
            _text = text;
        }

        public bool LooksLikeJson
        {
            get
            {
                foreach (var c in _text)
                {
                    if (!char.IsWhiteSpace(c) && c != '\uFEFF')
                    {
                        return c == '{' || c == '[';
                    }
                }

                return false;
            }
        }

        /// <summary>The location of 1-based line and column, or of the whole first line when they are out of range.</summary>
        public SpecLocation AtLineColumn(int line, int column)
        {
            var starts = LineStarts();
            var lineIndex = Math.Max(0, Math.Min(line - 1, starts.Length - 1));
            var lineStart = starts[lineIndex];
            var lineEnd = LineEnd(lineIndex);
            var offset = Math.Max(lineStart, Math.Min(lineStart + Math.Max(0, column - 1), lineEnd));
            return At(offset, Math.Max(0, lineEnd - offset));
        }

        /// <summary>
        /// The location of a member, by its path of keys (list items by index): where the document's parser saw the
        /// deepest key of the path that is there; the file's start when not even the first is.
        /// </summary>
        public SpecLocation Find(IEnumerable<string> keys)
        {
            _positions ??= PositionMap.Build(_text, LooksLikeJson);
            if (!_positions.IsEmpty)
            {
                return _positions.Find(keys, out var at) > 0 ? AtLineColumnLength(at.Line, at.Column, at.Length) : At(0, 0);
            }

            return Scan(keys);
        }

        private SpecLocation AtLineColumnLength(int line, int column, int length)
        {
            var starts = LineStarts();
            var lineIndex = Math.Max(0, Math.Min(line - 1, starts.Length - 1));
            var offset = Math.Min(starts[lineIndex] + Math.Max(0, column - 1), LineEnd(lineIndex));
            return At(offset, Math.Max(0, Math.Min(length, _text.Length - offset)));
        }

        /// <summary>
        /// For a document its parser cannot read (its syntax error has its own place): each key searched in the text
        /// after the previous one.
        /// </summary>
        private SpecLocation Scan(IEnumerable<string> keys)
        {
            var position = 0;
            var found = -1;
            var length = 0;
            foreach (var key in keys)
            {
                var next = FindKey(key, position, out var keyLength);
                if (next < 0)
                {
                    break;
                }

                found = next;
                length = keyLength;
                position = next + keyLength;
            }

            return found < 0 ? At(0, 0) : At(found, length);
        }

        private int FindKey(string key, int from, out int length)
        {
            // A key is written "key" (JSON, YAML), 'key' or bare key followed by a colon (YAML).
            foreach (var candidate in new[] { "\"" + key + "\"", "'" + key + "'", key + ":" })
            {
                var index = from;
                while ((index = _text.IndexOf(candidate, index, StringComparison.Ordinal)) >= 0)
                {
                    var end = index + candidate.Length;
                    var quoted = candidate[0] == '"' || candidate[0] == '\'';
                    var before = index == 0 ? '\n' : _text[index - 1];
                    if (quoted ? FollowedByColon(end) : char.IsWhiteSpace(before) || before == '{' || before == ',')
                    {
                        length = quoted ? candidate.Length : key.Length;
                        return index;
                    }

                    index = end;
                }
            }

            length = 0;
            return -1;
        }

        private bool FollowedByColon(int index)
        {
            while (index < _text.Length && (_text[index] == ' ' || _text[index] == '\t'))
            {
                index++;
            }

            return index < _text.Length && _text[index] == ':';
        }

        private SpecLocation At(int offset, int length)
        {
            var (startLine, startColumn) = LineColumn(offset);
            var (endLine, endColumn) = LineColumn(offset + length);
            return new SpecLocation(_path, offset, length, startLine, startColumn, endLine, endColumn);
        }

        /// <summary>0-based line and column of an offset.</summary>
        private (int Line, int Column) LineColumn(int offset)
        {
            var starts = LineStarts();
            var line = Array.BinarySearch(starts, offset);
            if (line < 0)
            {
                line = ~line - 1;
            }

            return (line, offset - starts[line]);
        }

        private int LineEnd(int lineIndex)
        {
            var starts = LineStarts();
            var end = lineIndex + 1 < starts.Length ? starts[lineIndex + 1] : _text.Length;
            while (end > starts[lineIndex] && (_text[end - 1] == '\n' || _text[end - 1] == '\r'))
            {
                end--;
            }

            return end;
        }

        private int[] LineStarts()
        {
            if (_lineStarts is null)
            {
                // Lines end at \n, \r\n or a lone \r, as both the JSON and the YAML parser count them.
                var starts = new List<int> { 0 };
                for (var i = 0; i < _text.Length; i++)
                {
                    if (_text[i] == '\n' || (_text[i] == '\r' && (i + 1 >= _text.Length || _text[i + 1] != '\n')))
                    {
                        starts.Add(i + 1);
                    }
                }

                _lineStarts = starts.ToArray();
            }

            return _lineStarts;
        }
    }
}
