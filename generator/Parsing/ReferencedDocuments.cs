using System;
using System.Collections.Generic;
using System.Threading;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Picks, for one spec, the listed files it may refer to, without parsing anything: a file is taken when the spec
    /// (or a file already taken) names it, as "common.yaml" or "./models/pet.json" do. Naming it in a description takes
    /// it too, which costs nothing but a little caching; what matters is that a real reference is never missed.
    /// </summary>
    internal static class ReferencedDocuments
    {
        private static readonly string[] Extensions = { ".json", ".yaml", ".yml" };

        public static bool IsDocumentPath(string path)
        {
            foreach (var extension in Extensions)
            {
                if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        public static AdditionalDocument Describe(string path, string text, CancellationToken cancellationToken)
            => new AdditionalDocument(path, text, Mentions(path, text, cancellationToken).ToEquatableArray());

        /// <summary>The listed documents <paramref name="spec"/> reaches through file names, itself left out, in the order met.</summary>
        public static EquatableArray<AdditionalDocument> For(SpecInput spec, EquatableArray<AdditionalDocument> all, CancellationToken cancellationToken)
        {
            if (all.Count == 0)
            {
                return EquatableArray<AdditionalDocument>.Empty;
            }

            var byPath = new Dictionary<string, AdditionalDocument>(StringComparer.OrdinalIgnoreCase);
            foreach (var document in all)
            {
                var key = PathText.Normalize(document.Path);
                if (!byPath.ContainsKey(key))
                {
                    byPath.Add(key, document);
                }
            }

            var self = PathText.Normalize(spec.Path);
            var pending = new Queue<string>(byPath.TryGetValue(self, out var listedSelf) ? (IEnumerable<string>)listedSelf.Mentions : Mentions(spec.Path, spec.Text, cancellationToken));
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { self };
            var result = new List<AdditionalDocument>();
            while (pending.Count > 0)
            {
                var path = pending.Dequeue();
                if (!seen.Add(path) || !byPath.TryGetValue(path, out var document))
                {
                    continue;
                }

                result.Add(document);
                foreach (var next in document.Mentions)
                {
                    pending.Enqueue(next);
                }
            }

            return result.ToEquatableArray();
        }

        /// <summary>Every relative or absolute file path ending in .json, .yaml or .yml that the text spells out.</summary>
        internal static List<string> Mentions(string path, string text, CancellationToken cancellationToken)
        {
            var found = new List<string>();
            var unique = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var extension in Extensions)
            {
                var index = 0;
                while ((index = text.IndexOf(extension, index, StringComparison.OrdinalIgnoreCase)) >= 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var end = index + extension.Length;
                    index = end;
                    if (end < text.Length && !EndsName(text[end]))
                    {
                        continue; // ".jsonl", ".yaml2": another extension
                    }

                    var start = end - extension.Length;
                    while (start > 0 && !StartsName(text[start - 1]))
                    {
                        start--;
                    }

                    // "C:/specs/x.yaml": the drive's colon is part of the name, not the colon after a key.
                    if (start >= 2 && text[start - 1] == ':' && char.IsLetter(text[start - 2]) && (start == 2 || StartsName(text[start - 3]))
                        && (text[start] == '/' || text[start] == '\\'))
                    {
                        start -= 2;
                    }

                    var name = text.Substring(start, end - start);
                    if (name.Length == extension.Length || name.IndexOf("://", StringComparison.Ordinal) >= 0)
                    {
                        continue;
                    }

                    var resolved = PathText.Resolve(path, PathText.Unescape(name));
                    if (unique.Add(resolved))
                    {
                        found.Add(resolved);
                    }
                }
            }

            return found;
        }

        private static bool EndsName(char c) => !(char.IsLetterOrDigit(c) || c == '_' || c == '-');

        /// <summary>What may stand just before a file name: quotes, whitespace, brackets, and the ':' after a key.</summary>
        private static bool StartsName(char c)
            => char.IsWhiteSpace(c) || c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == ',' || c == '=' || c == '<' || c == '>' || c == '`' || c == '|' || (c == ':');
    }
}
