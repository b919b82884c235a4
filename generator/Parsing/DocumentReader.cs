using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Reads a JSON or YAML document into a Newtonsoft tree, the form the reference pre-pass works on and NSwag reads
    /// back as JSON. Syntax errors surface as <see cref="JsonReaderException"/> or <see cref="YamlException"/>, both with
    /// the line and column of the mistake in the original text.
    /// </summary>
    internal static class DocumentReader
    {
        /// <summary>Aliases may repeat a node, so a few bytes could expand to gigabytes; a 5 MB spec holds well under a million values.</summary>
        private const int MaxYamlValues = 3_000_000;

        /// <summary>NSwag's own reader stops at this depth; stopping here too keeps every walk of the tree shallow.</summary>
        private const int MaxDepth = 128;

        public static JToken Read(string text, bool isJson) => isJson ? ReadJson(text) : ReadYaml(LenientYaml.Normalize(text));

        public static JToken ReadJson(string text)
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                // Strings stay strings (no dates); numbers and nesting are read as NSwag's reader reads them.
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = MaxDepth,
            };
            var settings = new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Ignore,
                CommentHandling = CommentHandling.Ignore,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
            };
            var root = JToken.ReadFrom(reader, settings);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("Additional text encountered after finished reading JSON content: " + reader.TokenType + ".", reader.Path, reader.LineNumber, reader.LinePosition, null);
                }
            }

            return root;
        }

        /// <summary>
        /// The first YAML document as JSON values: plain scalars typed by the YAML 1.2 core schema (null, booleans,
        /// integers, floats), everything quoted or in a block a string. A repeated key keeps its last value.
        /// </summary>
        public static JToken ReadYaml(string text)
        {
            var parser = new Parser(new StringReader(text));
            var builder = new YamlTreeBuilder();
            var reached = Mark.Empty;
            while (true)
            {
                bool more;
                try
                {
                    more = parser.MoveNext();
                }
                catch (Exception exception) when (exception is not YamlException)
                {
                    // On some broken input YamlDotNet's scanner fails with a bare InvalidOperationException: still a
                    // syntax error, placed where the parser had got to.
                    throw new YamlException(reached, reached, "The YAML cannot be read past this point (" + exception.Message + ")", exception);
                }

                if (!more || builder.Accept(parser.Current!))
                {
                    break;
                }

                reached = parser.Current!.End;
            }

            return builder.Root ?? JValue.CreateNull();
        }

        private sealed class YamlTreeBuilder
        {
            private readonly Stack<Frame> _frames = new Stack<Frame>();
            private readonly Dictionary<string, (JToken Value, int Size)> _anchors = new Dictionary<string, (JToken, int)>(StringComparer.Ordinal);
            private int _values;

            public JToken? Root { get; private set; }

            /// <summary>Takes one event; true once the first document is complete.</summary>
            public bool Accept(ParsingEvent parsingEvent)
            {
                switch (parsingEvent)
                {
                    case Scalar scalar:
                        if (_frames.Count > 0 && _frames.Peek().WantsKey)
                        {
                            _frames.Peek().Key = scalar.Value;
                            Remember(scalar.Anchor, new JValue(scalar.Value), 1);
                            return false;
                        }

                        var value = ScalarValue(scalar);
                        Remember(scalar.Anchor, value, 1);
                        Add(value, 1, scalar);
                        return false;

                    case MappingStart mapping:
                        Open(new JObject(), mapping.Anchor, mapping);
                        return false;

                    case SequenceStart sequence:
                        Open(new JArray(), sequence.Anchor, sequence);
                        return false;

                    case MappingEnd:
                    case SequenceEnd:
                        var frame = _frames.Pop();
                        Remember(frame.Anchor, frame.Container, frame.Size);
                        Add(frame.Container, frame.Size, parsingEvent);
                        return false;

                    case AnchorAlias alias:
                        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                        {
                            throw new YamlException(alias.Start, alias.End, "The alias '*" + alias.Value.Value + "' names no anchor defined before it (or its own node).");
                        }

                        if (_frames.Count > 0 && _frames.Peek().WantsKey)
                        {
                            _frames.Peek().Key = anchored.Value is JValue key ? Convert.ToString(key.Value, CultureInfo.InvariantCulture) ?? string.Empty : throw NotAKey(alias);
                            return false;
                        }

                        _values += anchored.Size;
                        if (_values > MaxYamlValues)
                        {
                            throw new YamlException(alias.Start, alias.End, "Aliases expand this document beyond " + MaxYamlValues + " values.");
                        }

                        Add(anchored.Value.DeepClone(), anchored.Size, alias);
                        return false;

                    case DocumentEnd:
                        return true; // later documents in the stream are not part of the spec

                    default:
                        return false;
                }
            }

            private void Open(JContainer container, AnchorName anchor, ParsingEvent at)
            {
                if (_frames.Count > 0 && _frames.Peek().WantsKey)
                {
                    throw NotAKey(at);
                }

                if (_frames.Count >= MaxDepth)
                {
                    throw new YamlException(at.Start, at.End, "The document nests deeper than " + MaxDepth + " levels.");
                }

                _frames.Push(new Frame(container, anchor));
            }

            private void Add(JToken value, int size, ParsingEvent at)
            {
                _values++;
                if (_frames.Count == 0)
                {
                    Root = value;
                    return;
                }

                var parent = _frames.Peek();
                parent.Size += size;
                if (parent.Container is JObject obj)
                {
                    obj[parent.Key!] = value;
                    parent.Key = null;
                }
                else
                {
                    ((JArray)parent.Container).Add(value);
                }
            }

            private void Remember(AnchorName anchor, JToken value, int size)
            {
                if (!anchor.IsEmpty)
                {
                    _anchors[anchor.Value] = (value, size);
                }
            }

            private static YamlException NotAKey(ParsingEvent at)
                => new YamlException(at.Start, at.End, "A mapping key must be a scalar for the document to be read as JSON.");
        }

        private sealed class Frame
        {
            public Frame(JContainer container, AnchorName anchor)
            {
                Container = container;
                Anchor = anchor;
            }

            public JContainer Container { get; }

            public AnchorName Anchor { get; }

            public string? Key { get; set; }

            public int Size { get; set; } = 1;

            public bool WantsKey => Container is JObject && Key is null;
        }

        private static JToken ScalarValue(Scalar scalar)
        {
            var value = scalar.Value;
            if (!scalar.Tag.IsEmpty)
            {
                return Tagged(scalar.Tag.IsNonSpecific ? "!" : scalar.Tag.Value, value);
            }

            return scalar.Style == ScalarStyle.Plain ? Plain(value) : new JValue(value);
        }

        private static JToken Tagged(string tag, string value)
        {
            switch (tag)
            {
                case "tag:yaml.org,2002:null":
                    return JValue.CreateNull();
                case "tag:yaml.org,2002:bool":
                case "tag:yaml.org,2002:int":
                case "tag:yaml.org,2002:float":
                    var typed = Plain(value);
                    return typed.Type == JTokenType.String ? new JValue(value) : typed;
                default:
                    return new JValue(value); // !!str, "!", custom tags, timestamps, binary: text
            }
        }

        /// <summary>The YAML 1.2 core schema. Infinity and NaN stay text: JSON has no such numbers.</summary>
        private static JToken Plain(string value)
        {
            if (value.Length == 0)
            {
                return JValue.CreateNull();
            }

            var first = value[0];
            if (!(first == '~' || first == 'n' || first == 'N' || first == 't' || first == 'T' || first == 'f' || first == 'F'
                  || first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9')))
            {
                return new JValue(value);
            }

            switch (value)
            {
                case "~":
                case "null":
                case "Null":
                case "NULL":
                    return JValue.CreateNull();
                case "true":
                case "True":
                case "TRUE":
                    return new JValue(true);
                case "false":
                case "False":
                case "FALSE":
                    return new JValue(false);
            }

            if (IsDecimalInteger(value))
            {
                var digits = value[0] == '+' ? value.Substring(1) : value;
                return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small)
                    ? new JValue(small)
                    : new JValue(BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }

            if (value.Length > 2 && value[0] == '0' && (value[1] == 'x' || value[1] == 'o'))
            {
                var radix = value[1] == 'x' ? 16 : 8;
                BigInteger number = 0;
                for (var i = 2; i < value.Length; i++)
                {
                    var digit = DigitValue(value[i]);
                    if (digit < 0 || digit >= radix)
                    {
                        return new JValue(value);
                    }

                    number = (number * radix) + digit;
                }

                return number <= long.MaxValue ? new JValue((long)number) : new JValue(number);
            }

            if (IsFloat(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && !double.IsInfinity(real))
            {
                // Written as it stands when JSON can: "1.0" and "2.50" stay exactly that for fields read as text.
                return IsJsonNumber(value) ? new JRaw(value) : new JValue(real);
            }

            return new JValue(value);
        }

        private static bool IsDecimalInteger(string value)
        {
            var i = value[0] == '-' || value[0] == '+' ? 1 : 0;
            if (i == value.Length)
            {
                return false;
            }

            for (; i < value.Length; i++)
            {
                if (value[i] < '0' || value[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?</summary>
        private static bool IsFloat(string value)
        {
            var i = value[0] == '-' || value[0] == '+' ? 1 : 0;
            var intDigits = CountDigits(value, ref i);
            var fractionDigits = 0;
            if (i < value.Length && value[i] == '.')
            {
                i++;
                fractionDigits = CountDigits(value, ref i);
            }

            if (intDigits == 0 && fractionDigits == 0)
            {
                return false;
            }

            return SkipExponent(value, ref i) && i == value.Length;
        }

        /// <summary>An optional <c>[eE] [-+]? [0-9]+</c> at <paramref name="i"/>; false when it starts but has no digits.</summary>
        private static bool SkipExponent(string value, ref int i)
        {
            if (i < value.Length && (value[i] == 'e' || value[i] == 'E'))
            {
                i++;
                if (i < value.Length && (value[i] == '-' || value[i] == '+'))
                {
                    i++;
                }

                return CountDigits(value, ref i) > 0;
            }

            return true;
        }

        /// <summary>-? ( 0 | [1-9][0-9]* ) ( \. [0-9]+ )? ( [eE] [-+]? [0-9]+ )?</summary>
        private static bool IsJsonNumber(string value)
        {
            var i = value[0] == '-' ? 1 : 0;
            var start = i;
            var digits = CountDigits(value, ref i);
            if (digits == 0 || (digits > 1 && value[start] == '0'))
            {
                return false;
            }

            if (i < value.Length && value[i] == '.')
            {
                i++;
                if (CountDigits(value, ref i) == 0)
                {
                    return false;
                }
            }

            return SkipExponent(value, ref i) && i == value.Length;
        }

        private static int CountDigits(string value, ref int i)
        {
            var start = i;
            while (i < value.Length && value[i] >= '0' && value[i] <= '9')
            {
                i++;
            }

            return i - start;
        }

        private static int DigitValue(char c)
            => c >= '0' && c <= '9' ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
               : -1;
    }
}
