using System;
using System.Collections.Generic;
using System.IO;

namespace YEScale.Toolkit.Benchmarks.Generation
{
    /// <summary>One OpenAPI document the generator benchmarks read, with an edit that changes what is generated.</summary>
    internal sealed class BenchSpec
    {
        private static readonly Dictionary<string, Lazy<BenchSpec>> All = new(StringComparer.Ordinal)
        {
            ["yescale"] = new(() => Load("yescale", Infrastructure.BenchPaths.YEScaleSpec, "YEScale", "YEScaleClient")),
            ["discord"] = new(() => Load("discord", System.IO.Path.Combine(Infrastructure.BenchPaths.Corpus, "discord", "openapi.json"), null, null)),
            ["twilio"] = new(() => Load("twilio", System.IO.Path.Combine(Infrastructure.BenchPaths.Corpus, "twilio", "twilio_conversations_v1.json"), null, null)),
        };

        private BenchSpec(string name, string path, string text, string editedText, string? @namespace, string? clientName)
        {
            Name = name;
            Path = path;
            Text = text;
            EditedText = editedText;
            Namespace = @namespace;
            ClientName = clientName;
        }

        /// <summary>The names BenchmarkDotNet parameters use, in the order of the tables.</summary>
        public static IEnumerable<string> Names => new[] { "yescale", "discord", "twilio" };

        public string Name { get; }

        public string Path { get; }

        public string Text { get; }

        /// <summary>The same document with one description changed: what a person editing the spec does between builds.</summary>
        public string EditedText { get; }

        public string? Namespace { get; }

        public string? ClientName { get; }

        public bool IsYaml => Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

        public long Bytes => System.Text.Encoding.UTF8.GetByteCount(Text);

        public static BenchSpec Get(string name) => All[name].Value;

        /// <summary>A document read as it is, for measurements that never edit it.</summary>
        public static BenchSpec Describe(string name, string path, string? @namespace, string? clientName)
        {
            var text = File.ReadAllText(path);
            return new BenchSpec(name, path, text, text, @namespace, clientName);
        }

        private static BenchSpec Load(string name, string path, string? @namespace, string? clientName)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("A benchmark spec is missing (the corpus lives in ../shared/corpus beside the repository).", path);
            }

            var text = File.ReadAllText(path);

            // The first description in the file gains a sentence: its doc comment changes, nothing else does.
            var marker = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "\"description\": \"" : "description: |\n";
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException("No description to edit in " + path);
            }

            var insertAt = at + marker.Length;
            var insertion = marker.EndsWith("\n", StringComparison.Ordinal)
                ? new string(' ', IndentAt(text, insertAt)) + "Edited between two builds.\n"
                : "Edited between two builds. ";
            return new BenchSpec(name, path, text, text.Insert(insertAt, insertion), @namespace, clientName);
        }

        private static int IndentAt(string text, int lineStart)
        {
            var indent = 0;
            while (lineStart + indent < text.Length && text[lineStart + indent] == ' ')
            {
                indent++;
            }

            return indent;
        }
    }
}
