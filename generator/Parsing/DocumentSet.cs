using System;
using System.Collections.Generic;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>One document the pre-pass reads: the spec itself or a file it refers to.</summary>
    internal sealed class SourceDocument
    {
        private SpecText? _places;

        public SourceDocument(string path, string text, JToken? root, bool isMain)
        {
            Path = path;
            Text = text;
            Root = root;
            IsMain = isMain;
        }

        public string Path { get; }

        public string Text { get; }

        /// <summary>The parsed tree; null when the text could not be read.</summary>
        public JToken? Root { get; }

        public bool IsMain { get; }

        public string FileName => PathText.FileName(Path);

        /// <summary>
        /// Where <paramref name="key"/> of <paramref name="holder"/> (a node of this document's tree) is written: the
        /// node's path of keys through the parser's positions. The path is read from the tree when a diagnostic asks, so
        /// the node must still stand where the text put it (the pre-pass replaces whole nodes and adds components, never
        /// moves one).
        /// </summary>
        public SpecLocation Locate(JToken holder, string key)
        {
            _places ??= new SpecText(Path, Text);
            var keys = PathText.KeysOf(holder);
            keys.Add(key);
            return _places.Find(keys);
        }
    }

    /// <summary>
    /// The files a spec may refer to: every JSON or YAML file the project lists as AdditionalFiles, handed in by the
    /// pipeline (an analyzer may not read files itself). Each is parsed at most once per spec.
    /// </summary>
    internal sealed class DocumentSet
    {
        private readonly Dictionary<string, AdditionalDocument> _byPath = new Dictionary<string, AdditionalDocument>(StringComparer.Ordinal);
        private readonly Dictionary<string, AdditionalDocument> _byPathIgnoringCase = new Dictionary<string, AdditionalDocument>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, SourceDocument> _loaded = new Dictionary<string, SourceDocument>(StringComparer.Ordinal);

        public DocumentSet(SourceDocument main, IEnumerable<AdditionalDocument> documents)
        {
            Main = main;
            foreach (var document in documents)
            {
                var key = PathText.Normalize(document.Path);
                if (!_byPath.ContainsKey(key))
                {
                    _byPath.Add(key, document);
                }

                if (!_byPathIgnoringCase.ContainsKey(key))
                {
                    _byPathIgnoringCase.Add(key, document);
                }
            }

            _loaded[PathText.Normalize(main.Path)] = main;
        }

        public SourceDocument Main { get; }

        /// <summary>Documents that were listed but could not be parsed, with the error, in the order they were met.</summary>
        public List<(SourceDocument Document, Exception Error)> Unreadable { get; } = new List<(SourceDocument, Exception)>();

        /// <summary>The listed document at <paramref name="path"/> (already normalized), parsed; null when it is not listed.</summary>
        public SourceDocument? Load(string path)
        {
            if (_loaded.TryGetValue(path, out var loaded))
            {
                return loaded;
            }

            // Exact match first; Windows paths differ in case only when the user typed them so.
            if (!_byPath.TryGetValue(path, out var listed) && !_byPathIgnoringCase.TryGetValue(path, out listed))
            {
                return null;
            }

            var key = PathText.Normalize(listed.Path);
            if (_loaded.TryGetValue(key, out loaded))
            {
                _loaded[path] = loaded;
                return loaded;
            }

            JToken? root = null;
            try
            {
                root = DocumentReader.Read(listed.Text, new SpecText(listed.Path, listed.Text).LooksLikeJson);
            }
            catch (Exception error) when (error is JsonException || error is YamlException)
            {
                loaded = new SourceDocument(listed.Path, listed.Text, null, isMain: false);
                Unreadable.Add((loaded, error));
            }

            loaded ??= new SourceDocument(listed.Path, listed.Text, root, isMain: false);
            _loaded[key] = loaded;
            _loaded[path] = loaded;
            return loaded;
        }
    }

    /// <summary>Paths as the compiler gives them (absolute, either separator), compared without touching the disk.</summary>
    internal static class PathText
    {
        /// <summary>Separators unified to '/', "." and ".." segments resolved; the root (drive, UNC, '/') kept.</summary>
        public static string Normalize(string path)
        {
            var unified = path.Replace('\\', '/');
            var rootLength = 0;
            if (unified.StartsWith("//", StringComparison.Ordinal))
            {
                rootLength = 2;
            }
            else if (unified.Length >= 2 && unified[1] == ':')
            {
                rootLength = unified.Length > 2 && unified[2] == '/' ? 3 : 2;
            }
            else if (unified.StartsWith("/", StringComparison.Ordinal))
            {
                rootLength = 1;
            }

            var segments = new List<string>();
            foreach (var segment in unified.Substring(rootLength).Split('/'))
            {
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
                {
                    segments.RemoveAt(segments.Count - 1);
                    continue;
                }

                segments.Add(segment);
            }

            return unified.Substring(0, rootLength) + string.Join("/", segments);
        }

        /// <summary>A reference's file part resolved against the directory of the document that holds it.</summary>
        public static string Resolve(string referencingPath, string reference)
        {
            var unified = reference.Replace('\\', '/');
            if (unified.StartsWith("/", StringComparison.Ordinal) || (unified.Length >= 2 && unified[1] == ':'))
            {
                return Normalize(unified);
            }

            var directory = Normalize(referencingPath);
            var slash = directory.LastIndexOf('/');
            directory = slash >= 0 ? directory.Substring(0, slash + 1) : string.Empty;
            return Normalize(directory + unified);
        }

        public static string FileName(string path)
        {
            var unified = path.Replace('\\', '/');
            return unified.Substring(unified.LastIndexOf('/') + 1);
        }

        /// <summary>"http:", "https:", "urn:"... but not a Windows drive ("C:").</summary>
        public static bool IsRemote(string reference)
        {
            var colon = reference.IndexOf(':');
            if (colon < 2)
            {
                return false;
            }

            for (var i = 0; i < colon; i++)
            {
                var c = reference[i];
                if (!(char.IsLetterOrDigit(c) || c == '+' || c == '.' || c == '-') || (i == 0 && !char.IsLetter(c)))
                {
                    return false;
                }
            }

            return reference.IndexOf('/') < 0 || reference.IndexOf('/') > colon;
        }

        /// <summary>Undoes URI percent-encoding ("my%20file.yaml"); text that is not valid encoding is kept.</summary>
        public static string Unescape(string value)
        {
            if (value.IndexOf('%') < 0)
            {
                return value;
            }

            try
            {
                return Uri.UnescapeDataString(value);
            }
            catch (UriFormatException)
            {
                return value;
            }
        }

        /// <summary>A JSON pointer segment with '~' and '/' escaped.</summary>
        public static string EscapePointer(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

        public static string UnescapePointer(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

        /// <summary>The segments of a JSON pointer ("/a/b~1c" gives a, b/c); null when it is not a pointer.</summary>
        public static List<string>? PointerSegments(string pointer)
        {
            if (pointer.Length == 0)
            {
                return new List<string>();
            }

            if (pointer[0] != '/')
            {
                return null;
            }

            var segments = new List<string>();
            foreach (var part in pointer.Substring(1).Split('/'))
            {
                segments.Add(UnescapePointer(part));
            }

            return segments;
        }

        public static string JoinPointer(IEnumerable<string> segments)
        {
            var builder = new StringBuilder();
            foreach (var segment in segments)
            {
                builder.Append('/').Append(EscapePointer(segment));
            }

            return builder.ToString();
        }

        /// <summary>The path of keys from the root of its tree to <paramref name="token"/>: member names, and list items by index.</summary>
        public static List<string> KeysOf(JToken token)
        {
            var keys = new List<string>();
            for (var node = token; node.Parent != null; node = node.Parent)
            {
                if (node.Parent is JProperty property)
                {
                    keys.Add(property.Name);
                }
                else if (node.Parent is JArray array)
                {
                    keys.Add(array.IndexOf(node).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            keys.Reverse();
            return keys;
        }

        /// <summary>The token a JSON pointer names in <paramref name="root"/>, or null.</summary>
        public static JToken? Evaluate(JToken? root, IReadOnlyList<string> segments)
        {
            var current = root;
            foreach (var segment in segments)
            {
                switch (current)
                {
                    case JObject obj:
                        current = obj.TryGetValue(segment, StringComparison.Ordinal, out var child) ? child : null;
                        break;
                    case JArray array:
                        current = int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < array.Count ? array[index] : null;
                        break;
                    default:
                        return null;
                }

                if (current is null)
                {
                    return null;
                }
            }

            return current;
        }
    }
}
