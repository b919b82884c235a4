using System;
using System.Collections.Generic;
using System.Text;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Rewrites the few whitespace-only lines that YamlDotNet rejects although the YAML spec (and js-yaml, the `yaml`
    /// package and PyYAML) accept them, before the text is parsed. Only the spaces and tabs of whitespace-only lines
    /// change, never a line break, so every line keeps its number and diagnostics still point at the right place.
    /// </summary>
    /// <remarks>
    /// Found by comparing parsers on generated documents (YamlDotNet 16.3):
    /// <list type="bullet">
    /// <item>A block scalar (<c>|</c>, <c>&gt;</c>) whose leading blank lines hold two or more spaces, not more than its
    /// content's indentation: "found extra spaces in first line". Such lines are empty lines; they are emptied.</item>
    /// <item>A whitespace-only line holding a tab right after a block scalar's last line, between mapping entries or
    /// inside a multi-line flow scalar: "found invalid tab as indentation" and similar. The spec reads such a line as
    /// blank; it is emptied (after a keep-chomped <c>|+</c> scalar it becomes a <c>#</c> comment, which ends the scalar
    /// exactly where the spec does).</item>
    /// </list>
    /// A whitespace-only line that is content (inside a block scalar, at or beyond its indentation) is never touched.
    /// </remarks>
    internal static class LenientYaml
    {
        public static string Normalize(string text)
        {
            var lines = new Lines(text);
            var state = new LexState();
            StringBuilder? output = null;
            var copied = 0;
            Block? block = null;

            for (var i = 0; i < lines.Count; i++)
            {
                var start = lines.Start(i);
                var end = lines.End(i);
                if (i == 0 && start < end && text[start] == '\uFEFF')
                {
                    start++;
                }

                var blank = IsBlank(text, start, end, out var leadingSpaces, out var hasTab);
                string? replacement = null;

                if (block != null)
                {
                    if (blank)
                    {
                        replacement = block.BlankLine(lines, i, start, end, leadingSpaces, hasTab);
                        Replace(ref output, ref copied, text, start, end, replacement);
                        continue;
                    }

                    if (block.TakesLine(leadingSpaces))
                    {
                        continue;
                    }

                    block = null;
                }

                if (blank)
                {
                    // Outside block scalars a whitespace-only line is blank in every context (between entries, inside a
                    // plain, quoted or flow scalar), so its tabs can go. Lines of spaces only are left as they are.
                    if (hasTab)
                    {
                        Replace(ref output, ref copied, text, start, end, string.Empty);
                    }

                    continue;
                }

                block = state.ReadLine(text, start, end);
                block?.Prepare(lines, i);
            }

            if (output is null)
            {
                return text;
            }

            output.Append(text, copied, text.Length - copied);
            return output.ToString();
        }

        private static void Replace(ref StringBuilder? output, ref int copied, string text, int start, int end, string? replacement)
        {
            if (replacement is null)
            {
                return;
            }

            output ??= new StringBuilder(text.Length);
            output.Append(text, copied, start - copied).Append(replacement);
            copied = end;
        }

        private static bool IsBlank(string text, int start, int end, out int leadingSpaces, out bool hasTab)
        {
            leadingSpaces = 0;
            hasTab = false;
            var i = start;
            while (i < end && text[i] == ' ')
            {
                i++;
            }

            leadingSpaces = i - start;
            for (; i < end; i++)
            {
                if (text[i] == '\t')
                {
                    hasTab = true;
                }
                else if (text[i] != ' ')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The indentation of the first line after <paramref name="from"/> with visible text, or -1 at the end.</summary>
        private static int NextContentIndent(string text, Lines lines, int from)
        {
            for (var i = from; i < lines.Count; i++)
            {
                if (!IsBlank(text, lines.Start(i), lines.End(i), out var spaces, out _))
                {
                    return spaces;
                }
            }

            return -1;
        }

        /// <summary>One block scalar being read: where its content starts and how its whitespace-only lines read.</summary>
        private sealed class Block
        {
            private readonly string _text;
            private readonly int _parentIndent;
            private readonly bool _keep;
            private readonly bool _explicit;
            private int _contentIndent;
            private int _firstContentIndent;

            public Block(string text, int parentIndent, int explicitIndent, bool keep)
            {
                _text = text;
                _parentIndent = parentIndent;
                _keep = keep;
                _explicit = explicitIndent > 0;
                _contentIndent = _explicit ? parentIndent + explicitIndent : -1;
            }

            public void Prepare(Lines lines, int headerLine)
            {
                if (!_explicit)
                {
                    _firstContentIndent = NextContentIndent(_text, lines, headerLine + 1);
                }
            }

            /// <summary>True when a line with visible text belongs to the scalar; the first one fixes its indentation.</summary>
            public bool TakesLine(int indent)
            {
                if (_contentIndent < 0)
                {
                    if (indent <= _parentIndent)
                    {
                        return false;
                    }

                    _contentIndent = indent;
                    return true;
                }

                return indent >= _contentIndent;
            }

            /// <summary>What a whitespace-only line inside the scalar becomes, or null to keep it.</summary>
            public string? BlankLine(Lines lines, int index, int start, int end, int leadingSpaces, bool hasTab)
            {
                if (_contentIndent < 0)
                {
                    // Before the first content line. Spaces up to the content's indentation are indentation, not text:
                    // the line is empty. More spaces than that are an error for every parser; leave those alone.
                    if (_explicit || hasTab || end == start)
                    {
                        return null;
                    }

                    var nonEmpty = _firstContentIndent > _parentIndent;
                    return !nonEmpty || leadingSpaces <= _firstContentIndent ? string.Empty : null;
                }

                if (!hasTab || leadingSpaces >= _contentIndent)
                {
                    return null; // content, or an empty line YamlDotNet already reads right
                }

                // A tab before the indentation is reached: the spec ends the scalar at the line before, so this is a
                // blank line after it, provided nothing more of the scalar follows.
                var next = NextContentIndent(_text, lines, index + 1);
                if (next >= _contentIndent)
                {
                    return null;
                }

                return _keep && _contentIndent > 0 ? "#" : string.Empty;
            }
        }

        /// <summary>
        /// Just enough of a YAML lexer to know, line by line, whether a line opens a block scalar: it follows quoted
        /// scalars and flow collections across lines and skips comments, so a <c>|</c> inside them is not a header.
        /// </summary>
        private sealed class LexState
        {
            private readonly List<(int Start, int End)> _tokens = new List<(int Start, int End)>();
            private char _quote;
            private int _flowDepth;

            /// <summary>Reads one line with visible text; returns the block scalar it opens, if any.</summary>
            public Block? ReadLine(string text, int start, int end)
            {
                var i = start;
                var afterMarker = false;
                if (_quote == '\0' && IsDocumentMarker(text, start, end))
                {
                    _flowDepth = 0;
                    if (text[start] == '.')
                    {
                        return null;
                    }

                    i = start + 3;
                    afterMarker = true;
                }

                if (_quote != '\0')
                {
                    i = SkipQuoted(text, i, end);
                    if (_quote != '\0')
                    {
                        return null;
                    }
                }

                var indent = 0;
                while (start + indent < end && text[start + indent] == ' ')
                {
                    indent++;
                }

                // Sequence entries and explicit keys before the node: in "- - key: |" the node starts at "key".
                var entryStart = Math.Max(i, start + indent);
                var lastIndicator = -1;
                if (_flowDepth == 0 && i == start)
                {
                    while (entryStart < end && (text[entryStart] == '-' || text[entryStart] == '?')
                           && (entryStart + 1 == end || text[entryStart + 1] == ' ' || text[entryStart + 1] == '\t'))
                    {
                        lastIndicator = entryStart;
                        entryStart++;
                        while (entryStart < end && (text[entryStart] == ' ' || text[entryStart] == '\t'))
                        {
                            entryStart++;
                        }
                    }
                }

                // Tokens are runs of text between whitespace; a quoted scalar belongs to the token it starts.
                _tokens.Clear();
                var tokenStart = -1;
                for (var p = entryStart; p < end; p++)
                {
                    var c = text[p];
                    if (c == ' ' || c == '\t')
                    {
                        if (tokenStart >= 0)
                        {
                            _tokens.Add((tokenStart, p));
                            tokenStart = -1;
                        }

                        continue;
                    }

                    if (c == '#' && tokenStart < 0)
                    {
                        break; // a comment: '#' after whitespace or at the line's start
                    }

                    var atTokenStart = tokenStart < 0 || (_flowDepth > 0 && IsFlowIndicator(text[p - 1]));
                    if (tokenStart < 0)
                    {
                        tokenStart = p;
                    }

                    if ((c == '"' || c == '\'') && atTokenStart)
                    {
                        _quote = c;
                        p = SkipQuoted(text, p + 1, end) - 1;
                        if (_quote != '\0')
                        {
                            return null; // the scalar goes on to the next line
                        }

                        continue;
                    }

                    if ((c == '[' || c == '{') && (atTokenStart || _flowDepth > 0))
                    {
                        _flowDepth++;
                    }
                    else if ((c == ']' || c == '}') && _flowDepth > 0)
                    {
                        _flowDepth--;
                    }
                }

                if (tokenStart >= 0)
                {
                    _tokens.Add((tokenStart, end));
                }

                if (_flowDepth > 0 || _tokens.Count == 0)
                {
                    return null;
                }

                var (headerStart, headerEnd) = _tokens[_tokens.Count - 1];
                if (!TryReadHeader(text, headerStart, headerEnd, out var explicitIndent, out var keep))
                {
                    return null;
                }

                // What stands before the header (past any anchor or tag) decides the indentation its content is
                // measured from: the key's column after "key:", the dash's after "- ", the root's after "---".
                var before = _tokens.Count - 2;
                while (before >= 0 && (text[_tokens[before].Start] == '&' || text[_tokens[before].Start] == '!'))
                {
                    before--;
                }

                int parentIndent;
                if (before >= 0)
                {
                    if (before != 0 || text[_tokens[0].End - 1] != ':')
                    {
                        return null; // "a | b", "x >": text, not a header
                    }

                    parentIndent = entryStart - start;
                }
                else if (lastIndicator >= 0)
                {
                    parentIndent = lastIndicator - start;
                }
                else if (afterMarker)
                {
                    parentIndent = -1;
                }
                else
                {
                    parentIndent = indent - 1; // a header alone on its line: its parent is less indented
                }

                return new Block(text, parentIndent, explicitIndent, keep);
            }

            private int SkipQuoted(string text, int i, int end)
            {
                for (; i < end; i++)
                {
                    var c = text[i];
                    if (_quote == '"' && c == '\\')
                    {
                        i++;
                        continue;
                    }

                    if (c == _quote)
                    {
                        if (_quote == '\'' && i + 1 < end && text[i + 1] == '\'')
                        {
                            i++;
                            continue;
                        }

                        _quote = '\0';
                        return i + 1;
                    }
                }

                return end;
            }

            private static bool IsFlowIndicator(char c) => c == '[' || c == '{' || c == ',';

            /// <summary>An anchor or a tag: "key: &amp;a |" and "key: !!str |" are headers too.</summary>
            private static bool IsNodeProperty(string text, int tokenStart) => text[tokenStart] == '&' || text[tokenStart] == '!';

            private static bool IsDocumentMarker(string text, int start, int end)
                => end - start >= 3
                   && ((text[start] == '-' && text[start + 1] == '-' && text[start + 2] == '-') || (text[start] == '.' && text[start + 1] == '.' && text[start + 2] == '.'))
                   && (end - start == 3 || text[start + 3] == ' ' || text[start + 3] == '\t');

            /// <summary>"|", "&gt;", with at most one indentation digit and one chomping sign in either order.</summary>
            private static bool TryReadHeader(string text, int start, int end, out int explicitIndent, out bool keep)
            {
                explicitIndent = 0;
                keep = false;
                if (text[start] != '|' && text[start] != '>')
                {
                    return false;
                }

                var sawChomp = false;
                for (var i = start + 1; i < end; i++)
                {
                    var c = text[i];
                    if (c >= '1' && c <= '9' && explicitIndent == 0)
                    {
                        explicitIndent = c - '0';
                    }
                    else if ((c == '+' || c == '-') && !sawChomp)
                    {
                        sawChomp = true;
                        keep = c == '+';
                    }
                    else
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Line boundaries (\n, \r\n or a lone \r), without the break itself.</summary>
        private sealed class Lines
        {
            private readonly List<int> _starts = new List<int>();
            private readonly List<int> _ends = new List<int>();

            public Lines(string text)
            {
                var start = 0;
                for (var i = 0; i < text.Length; i++)
                {
                    var c = text[i];
                    if (c != '\n' && c != '\r')
                    {
                        continue;
                    }

                    _starts.Add(start);
                    _ends.Add(i);
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    start = i + 1;
                }

                _starts.Add(start);
                _ends.Add(text.Length);
            }

            public int Count => _starts.Count;

            public int Start(int line) => _starts[line];

            public int End(int line) => _ends[line];
        }
    }
}
