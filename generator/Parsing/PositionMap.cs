using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Where each member and list item of a JSON or YAML document starts: its path of keys (list items by index) to a
    /// 1-based line and column, and the length of its key. Read by the documents' own parsers, so a key is found where
    /// the parser saw it, whatever the quoting, flow style or nesting. Built once, when the first diagnostic needs a place.
    /// </summary>
    internal sealed class PositionMap
    {
        private const char Separator = '\u0000';

        private readonly Dictionary<string, (int Line, int Column, int Length)> _positions = new Dictionary<string, (int, int, int)>(StringComparer.Ordinal);

        private PositionMap()
        {
        }

        /// <summary>True when the document could be read; a document with a syntax error has no map (its error has its own place).</summary>
        public bool IsEmpty => _positions.Count == 0;

        public static PositionMap Build(string text, bool isJson)
        {
            var map = new PositionMap();
            try
            {
                if (isJson)
                {
                    map.ReadJson(text);
                }
                else
                {
                    map.ReadYaml(LenientYaml.Normalize(text));
                }
            }
            catch (Exception exception) when (exception is JsonException or YamlException)
            {
                map._positions.Clear();
            }

            return map;
        }

        /// <summary>
        /// The place of the deepest of <paramref name="keys"/> the document has, each key a member name or a list index,
        /// with how many keys of the path that is; 0 when not even the first is there.
        /// </summary>
        public int Find(IEnumerable<string> keys, out (int Line, int Column, int Length) position)
        {
            position = default;
            var found = 0;
            var depth = 0;
            var path = string.Empty;
            foreach (var key in keys)
            {
                path = depth == 0 ? key : path + Separator + key;
                depth++;
                if (!_positions.TryGetValue(path, out var at))
                {
                    break;
                }

                position = at;
                found = depth;
            }

            return found;
        }

        private void Record(string path, int line, int column, int length)
        {
            // A repeated key keeps its last value, as the readers do; its place follows.
            _positions[path] = (line, column, length);
        }

        private static string Child(string parent, string key) => parent.Length == 0 && key.Length > 0 ? key : parent + Separator + key;

        private string[] _jsonLines = Array.Empty<string>();

        /// <summary>
        /// The 1-based column where the token the reader just read starts: the reader stands after it (after the
        /// <c>{</c>, past a string's closing quote, after a number's last digit).
        /// </summary>
        private int TokenStart(JsonTextReader reader)
        {
            var lineText = reader.LineNumber - 1 < _jsonLines.Length ? _jsonLines[reader.LineNumber - 1] : string.Empty;
            var end = Math.Min(reader.LinePosition, lineText.Length);
            switch (reader.TokenType)
            {
                case JsonToken.StartObject:
                case JsonToken.StartArray:
                    return Math.Max(1, end);
                case JsonToken.String:
                    // Back from the closing quote to the opening one that no backslash escapes.
                    for (var i = end - 2; i >= 0; i--)
                    {
                        if (lineText[i] == '"' && !Escaped(lineText, i))
                        {
                            return i + 1;
                        }
                    }

                    return Math.Max(1, end);
                default:
                    var start = end;
                    while (start > 0 && lineText[start - 1] is not (',' or '[' or ':' or ' ' or '\t'))
                    {
                        start--;
                    }

                    return start + 1;
            }
        }

        /// <summary>
        /// The 1-based column and length of the member name the reader just read. The reader stands after the name's
        /// closing quote and its colon, so the name is found back from there, escapes and all (<c>"\u0024ref"</c>).
        /// </summary>
        private static (int Column, int Length) NameAt(string lineText, int position, string name)
        {
            var close = Math.Min(position, lineText.Length) - 1;
            while (close >= 0 && lineText[close] is ':' or ' ' or '\t' or '\r')
            {
                close--;
            }

            if (close > 0 && lineText[close] == '"')
            {
                for (var open = close - 1; open >= 0; open--)
                {
                    if (lineText[open] == '"' && !Escaped(lineText, open))
                    {
                        return (open + 1, close - open + 1);
                    }
                }
            }

            // The name ends on a line before its colon: the place nearest to it on this line.
            return (Math.Max(1, position - name.Length - 2), name.Length + 2);
        }

        private static bool Escaped(string text, int index)
        {
            var backslashes = 0;
            for (var j = index - 1; j >= 0 && text[j] == '\\'; j--)
            {
                backslashes++;
            }

            return backslashes % 2 == 1;
        }

        private void ReadJson(string text)
        {
            var lines = text.Split('\n');
            _jsonLines = lines;
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
            var frames = new Stack<(string Path, bool IsArray, int Index)>();
            string? pendingKey = null;
            var root = true;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonToken.PropertyName:
                        pendingKey = (string)reader.Value!;
                        var line = reader.LineNumber;
                        var lineText = line - 1 < lines.Length ? lines[line - 1] : string.Empty;
                        var (start, length) = NameAt(lineText, reader.LinePosition, pendingKey);
                        Record(Child(frames.Peek().Path, pendingKey), line, start, length);
                        break;
                    case JsonToken.StartObject:
                    case JsonToken.StartArray:
                        var path = root ? string.Empty : ValuePath(frames, ref pendingKey, reader);
                        root = false;
                        frames.Push((path, reader.TokenType == JsonToken.StartArray, 0));
                        break;
                    case JsonToken.EndObject:
                    case JsonToken.EndArray:
                        frames.Pop();
                        Advance(frames);
                        break;
                    case JsonToken.Comment:
                        break;
                    default:
                        if (frames.Count > 0)
                        {
                            ValuePath(frames, ref pendingKey, reader);
                            Advance(frames);
                        }

                        break;
                }
            }
        }

        /// <summary>The path of the value the reader is on; a list item's place is recorded here (a member's was, at its name).</summary>
        private string ValuePath(Stack<(string Path, bool IsArray, int Index)> frames, ref string? pendingKey, IJsonLineInfo at)
        {
            var parent = frames.Peek();
            if (parent.IsArray)
            {
                var path = Child(parent.Path, parent.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Record(path, at.LineNumber, TokenStart((JsonTextReader)at), 1);
                return path;
            }

            var member = Child(parent.Path, pendingKey ?? string.Empty);
            pendingKey = null;
            return member;
        }

        private static void Advance(Stack<(string Path, bool IsArray, int Index)> frames)
        {
            if (frames.Count > 0 && frames.Peek().IsArray)
            {
                var top = frames.Pop();
                frames.Push((top.Path, true, top.Index + 1));
            }
        }

        private void ReadYaml(string text)
        {
            var parser = new Parser(new StringReader(text));
            var frames = new Stack<YamlFrame>();
            var done = false;
            while (!done && parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case Scalar scalar when frames.Count > 0 && frames.Peek().WantsKey:
                        var frame = frames.Peek();
                        frame.Key = scalar.Value;
                        // Marks are 1-based lines and columns of the text as normalized, which keeps every line and
                        // every non-blank line's columns.
                        Record(Child(frame.Path, scalar.Value), (int)scalar.Start.Line, (int)scalar.Start.Column, Math.Max(1, (int)(scalar.End.Index - scalar.Start.Index)));
                        break;
                    case Scalar:
                    case AnchorAlias:
                        if (frames.Count > 0)
                        {
                            ItemPath(frames, current);
                            frames.Peek().Next();
                        }

                        break;
                    case MappingStart:
                    case SequenceStart:
                        var path = frames.Count == 0 ? string.Empty : ItemPath(frames, current);
                        frames.Push(new YamlFrame(path, current is MappingStart));
                        break;
                    case MappingEnd:
                    case SequenceEnd:
                        frames.Pop();
                        if (frames.Count > 0)
                        {
                            frames.Peek().Next();
                        }

                        break;
                    case DocumentEnd:
                        done = true;
                        break;
                }
            }
        }

        private string ItemPath(Stack<YamlFrame> frames, ParsingEvent at)
        {
            var parent = frames.Peek();
            if (parent.IsMapping)
            {
                return Child(parent.Path, parent.Key ?? string.Empty);
            }

            var path = Child(parent.Path, parent.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Record(path, (int)at.Start.Line, (int)at.Start.Column, 1);
            return path;
        }

        private sealed class YamlFrame
        {
            public YamlFrame(string path, bool isMapping)
            {
                Path = path;
                IsMapping = isMapping;
            }

            public string Path { get; }

            public bool IsMapping { get; }

            public string? Key { get; set; }

            public int Index { get; private set; }

            public bool WantsKey => IsMapping && Key is null;

            /// <summary>The value just read is done: a mapping waits for its next key, a sequence moves to its next item.</summary>
            public void Next()
            {
                if (IsMapping)
                {
                    Key = null;
                }
                else
                {
                    Index++;
                }
            }
        }
    }
}
