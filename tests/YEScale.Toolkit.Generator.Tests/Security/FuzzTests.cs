using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Security
{
    /// <summary>
    /// Deterministic fuzzing: real specs from the corpus, broken in the ways files break (cut short, wrong types,
    /// absurd nesting, huge strings, missing or repeated keys, flipped bytes, hostile text). Whatever arrives, the
    /// generator must not throw and must produce code that parses. Every case is a pure function of its seed.
    /// </summary>
    public class FuzzTests
    {
        public const int CaseCount = 200;

        /// <summary>Small and medium specs, so 200 cases stay within seconds.</summary>
        private static readonly string[] SpecPaths =
        {
            "oai/petstore.yaml",
            "oai/petstore-expanded.yaml",
            "oai/link-example.yaml",
            "oai/api-with-examples.yaml",
            "oai/callback-example.yaml",
            "twilio/twilio_iam_scim.json",
            "twilio/twilio_chat_v3.json",
            "twilio/twilio_oauth_v2.json",
            "twilio/twilio_lookups_v1.json",
            "twilio/twilio_content_v2.json",
            "twilio/twilio_pricing_v1.json",
            "twilio/twilio_studio_v2.json",
        };

        private static readonly Mutation[] Mutations =
        {
            Truncate, WrongTypes, DeepNesting, HugeString, DeleteKeys, DuplicateKeys, FlipBytes, HostileText,
        };

        /// <summary>Keys a spec cannot do without, or whose loss changes what the generator sees.</summary>
        private static readonly string[] ImportantKeys =
        {
            "openapi", "swagger", "info", "title", "version", "paths", "components", "schemas", "definitions", "responses", "content",
            "schema", "type", "items", "properties", "required", "name", "in", "$ref", "operationId", "parameters", "requestBody", "enum",
            "allOf", "oneOf", "anyOf", "additionalProperties", "servers", "url", "securitySchemes", "links", "format", "nullable",
        };

        private static readonly ConcurrentDictionary<string, string> Texts = new();

        private readonly ITestOutputHelper _output;

        public FuzzTests(ITestOutputHelper output) => _output = output;

        private delegate string Mutation(FuzzInput input, Random random, StringBuilder description);

        private sealed record FuzzInput(string RelativePath, string Text, bool IsYaml);

        /// <summary>One case: the mutated text and how it was made, enough to reproduce it from the seed.</summary>
        internal sealed record FuzzCase(int Seed, string SpecPath, string Description, string Text);

        [Fact]
        public void Mutated_corpus_specs_never_crash_the_generator_and_always_give_parsable_code()
        {
            RunAll(internalFailuresCount: false);
        }

        [Fact]
        public void Mutated_corpus_specs_never_hit_an_internal_generator_failure()
        {
            RunAll(internalFailuresCount: true);
        }

        private void RunAll(bool internalFailuresCount)
        {
            var failures = new ConcurrentBag<string>();
            var outcomes = new ConcurrentDictionary<string, int>();
            var timings = new ConcurrentBag<(double Seconds, string Case)>();
            var total = Stopwatch.StartNew();
            Parallel.For(0, CaseCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed =>
            {
                var watch = Stopwatch.StartNew();
                FuzzCase? fuzzCase = null;
                try
                {
                    fuzzCase = Create(seed);
                    var problem = Check(fuzzCase, outcomes, internalFailuresCount);
                    if (problem != null)
                    {
                        failures.Add(Describe(fuzzCase) + ": " + problem);
                    }
                }
                catch (Exception exception)
                {
                    failures.Add((fuzzCase is null ? "seed " + seed : Describe(fuzzCase)) + ": the test itself failed: " + exception);
                }

                timings.Add((watch.Elapsed.TotalSeconds, fuzzCase is null ? "seed " + seed : Describe(fuzzCase)));
            });

            _output.WriteLine(CaseCount + " cases in " + total.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s; slowest:");
            foreach (var (seconds, name) in timings.OrderByDescending(t => t.Seconds).Take(5))
            {
                _output.WriteLine("  " + seconds.ToString("F2", CultureInfo.InvariantCulture) + " s  " + name);
            }

            // What the cases came to ("code" when sources were generated, then the diagnostic ids), so coverage past the parser shows.
            foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key))
            {
                _output.WriteLine("  " + count + " x " + outcome);
            }

            Assert.True(failures.IsEmpty, failures.Count + " of " + CaseCount + " fuzz cases failed (replay one with FuzzTests.One_case(seed)):\n" + string.Join("\n", failures.OrderBy(f => f).Take(20)));
        }

        /// <summary>Replays single seeds: add the seed of a failure here to debug it alone.</summary>
        [Theory]
        [InlineData(0)]
        public void One_case(int seed)
        {
            var fuzzCase = Create(seed);
            var problem = Check(fuzzCase, internalFailuresCount: true);
            Assert.True(problem is null, Describe(fuzzCase) + ": " + problem);
        }

        [Fact]
        public void Cases_are_the_same_on_every_run()
        {
            foreach (var seed in new[] { 0, 7, 42, 199 })
            {
                var first = Create(seed);
                var second = Create(seed);
                Assert.Equal(first.Description, second.Description);
                Assert.Equal(first.Text, second.Text);
            }
        }

        [Fact]
        public void Unmutated_round_trip_through_the_fuzzer_keeps_every_spec_generating_the_same_code()
        {
            // Structural mutations re-write the spec; the re-writing alone must change nothing, or failures would be the harness's.
            foreach (var specPath in SpecPaths)
            {
                var input = new FuzzInput(specPath, Texts.GetOrAdd(specPath, path => File.ReadAllText(Path.Combine(Paths.Corpus, path))), specPath.EndsWith(".yaml", StringComparison.Ordinal));
                var original = GeneratorHarness.Run(new SpecFile("/fuzz/spec" + Path.GetExtension(specPath), input.Text));
                var roundTrip = GeneratorHarness.Run(new SpecFile("/fuzz/spec" + Path.GetExtension(specPath), Write(ParseTree(input), input)));
                Assert.Equal(original.Diagnostics.Select(d => d.Id), roundTrip.Diagnostics.Select(d => d.Id));
                // The client records the hash of the document's text, which re-writing changes; nothing else may differ.
                Assert.Equal(original.Sources.Select(s => WithoutDocumentHash(s.SourceText.ToString())), roundTrip.Sources.Select(s => WithoutDocumentHash(s.SourceText.ToString())));
            }
        }

        private static string WithoutDocumentHash(string source)
            => System.Text.RegularExpressions.Regex.Replace(source, "(OpenApiClient\\(typeof\\([^)]*\\), )\"[0-9a-f]{64}\"", "$1\"\"");

        internal static FuzzCase Create(int seed)
        {
            // Seed to (mutation, spec) walks every pairing evenly; the rest of the case comes from the seeded generator.
            var mutation = Mutations[seed % Mutations.Length];
            var specPath = SpecPaths[(seed / Mutations.Length) % SpecPaths.Length];
            var input = new FuzzInput(specPath, Texts.GetOrAdd(specPath, path => File.ReadAllText(Path.Combine(Paths.Corpus, path))), specPath.EndsWith(".yaml", StringComparison.Ordinal));
            var random = new Random(seed);
            var description = new StringBuilder(mutation.Method.Name);
            var text = mutation(input, random, description);
            return new FuzzCase(seed, specPath, description.ToString(), text);
        }

        private static string Describe(FuzzCase fuzzCase) => "seed " + fuzzCase.Seed + " (" + fuzzCase.SpecPath + ", " + fuzzCase.Description + ")";

        /// <summary>Null when the generator coped; otherwise what went wrong. <paramref name="outcomes"/> counts what cases came to.</summary>
        internal static string? Check(FuzzCase fuzzCase, ConcurrentDictionary<string, int>? outcomes = null, bool internalFailuresCount = false)
        {
            var extension = Path.GetExtension(fuzzCase.SpecPath);
            var result = GeneratorHarness.Run(new SpecFile("/fuzz/spec" + extension, fuzzCase.Text));
            var exception = result.RunResult.Results.Select(r => r.Exception).FirstOrDefault(e => e != null);
            if (exception != null)
            {
                return "the generator threw " + exception;
            }

            // CS8785: the generator threw at Roslyn. YSG004: it threw and caught itself, a bug too, never the spec's fault.
            var crash = result.GeneratorDiagnostics.Concat(result.Diagnostics).FirstOrDefault(d => d.Id == "CS8785" || (internalFailuresCount && d.Id == "YSG004"));
            if (crash != null)
            {
                return crash.ToString();
            }

            var outcome = fuzzCase.Description.Split(' ')[0] + ": " + (result.Sources.Count > 0 ? "code " : string.Empty) + string.Join(",", result.Diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id));
            outcomes?.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            foreach (var source in result.Sources)
            {
                var error = source.SyntaxTree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
                if (error != null)
                {
                    return source.HintName + " does not parse: " + error;
                }
            }

            return null;
        }

        // ---- Mutations ------------------------------------------------------------------------------------------

        private static string Truncate(FuzzInput input, Random random, StringBuilder description)
        {
            var at = random.Next(input.Text.Length);
            description.Append(" at ").Append(at).Append(" of ").Append(input.Text.Length);
            return input.Text.Substring(0, at);
        }

        private static string WrongTypes(FuzzInput input, Random random, StringBuilder description)
        {
            var root = ParseTree(input);
            var count = random.Next(1, 6);
            for (var i = 0; i < count; i++)
            {
                var (parent, key, index, node) = Pick(root, random);
                var replacement = OtherType(node, random);
                description.Append(' ').Append(PathOf(parent, key, index)).Append(": ").Append(KindOf(node)).Append("->").Append(KindOf(replacement));
                Replace(parent, key, index, replacement);
            }

            return Write(root, input);
        }

        private static string DeepNesting(FuzzInput input, Random random, StringBuilder description)
        {
            var root = ParseTree(input);
            var shape = random.Next(5);
            // 500 levels is past the parsers' limits (NSwag reads at most 128); 20 to 60 get through, into the generator's own recursion.
            var depth = random.Next(2) == 0 ? 500 : random.Next(20, 61);
            var schemaSlots = Slots(root).Where(s => s.Key is "schema" || (s.Parent is JsonObject p && p.Parent is JsonObject grand && (grand["schemas"] == p || grand["properties"] == p || grand["definitions"] == p))).ToList();
            var (parent, key, index, _) = shape >= 2 && schemaSlots.Count > 0 ? schemaSlots[random.Next(schemaSlots.Count)] : Pick(root, random);
            JsonNode innermost = shape >= 2 ? new JsonObject { ["type"] = "string" } : JsonValue.Create("leaf")!;
            var nested = innermost;
            for (var level = 0; level < depth; level++)
            {
                nested = shape switch
                {
                    0 => new JsonArray(nested),
                    1 => new JsonObject { ["a"] = nested },
                    2 => new JsonObject { ["type"] = "array", ["items"] = nested },
                    3 => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["p" + level] = nested } },
                    _ => new JsonObject { ["allOf"] = new JsonArray(nested) },
                };
            }

            description.Append(' ').Append(depth).Append(" levels of ").Append(new[] { "arrays", "objects", "array schemas", "object schemas", "allOf" }[shape]).Append(" at ").Append(PathOf(parent, key, index));
            Replace(parent, key, index, nested);
            return Write(root, input);
        }

        private static string HugeString(FuzzInput input, Random random, StringBuilder description)
        {
            var root = ParseTree(input);
            var huge = Huge(random, 1 << 20);
            var strings = Slots(root).Where(s => s.Node is JsonValue value && value.TryGetValue<string>(out _)).ToList();
            if (random.Next(3) == 0)
            {
                // A huge key: a schema, property or path name.
                var maps = Slots(root).Where(s => s.Node is JsonObject map && map.Count > 0).Select(s => (JsonObject)s.Node!).ToList();
                var map = maps[random.Next(maps.Count)];
                var oldKey = map.ElementAt(random.Next(map.Count)).Key;
                var value = map[oldKey];
                map.Remove(oldKey);
                map[(oldKey.StartsWith("/", StringComparison.Ordinal) ? "/" : string.Empty) + huge] = value;
                description.Append(" key ").Append(oldKey.Length > 40 ? oldKey.Substring(0, 40) : oldKey).Append(" made ").Append(huge.Length).Append(" chars");
            }
            else
            {
                var (parent, key, index, _) = strings[random.Next(strings.Count)];
                Replace(parent, key, index, JsonValue.Create(huge));
                description.Append(' ').Append(PathOf(parent, key, index)).Append(" made ").Append(huge.Length).Append(" chars");
            }

            return Write(root, input);
        }

        private static string DeleteKeys(FuzzInput input, Random random, StringBuilder description)
        {
            var root = ParseTree(input);
            var count = random.Next(1, 4);
            for (var i = 0; i < count; i++)
            {
                var candidates = Slots(root).Where(s => s.Parent is JsonObject && s.Key != null && ImportantKeys.Contains(s.Key)).ToList();
                if (candidates.Count == 0)
                {
                    break;
                }

                var (parent, key, index, _) = candidates[random.Next(candidates.Count)];
                description.Append(" -").Append(PathOf(parent, key, index));
                ((JsonObject)parent!).Remove(key!);
            }

            return Write(root, input);
        }

        private static readonly Regex JsonKey = new("\"((?:[^\"\\\\\\n]|\\\\.)*)\"\\s*:", RegexOptions.Compiled);

        private static readonly Regex YamlKey = new("^( *)(?:- )?([A-Za-z0-9_$/{}.'\"-]+):", RegexOptions.Compiled | RegexOptions.Multiline);

        private static string DuplicateKeys(FuzzInput input, Random random, StringBuilder description)
        {
            // Done on the text: a parsed tree cannot hold a key twice.
            var text = input.Text;
            var count = random.Next(1, 4);
            for (var i = 0; i < count; i++)
            {
                var matches = (input.IsYaml ? YamlKey : JsonKey).Matches(text);
                if (matches.Count == 0)
                {
                    break;
                }

                var match = matches[random.Next(matches.Count)];
                string insertion;
                if (input.IsYaml)
                {
                    var indent = match.Groups[1].Value + (match.Value.TrimStart().StartsWith("- ", StringComparison.Ordinal) ? "  " : string.Empty);
                    var scalars = new[] { "x", "1", "null", "[]", "{}", "true", "\"dup\"" };
                    insertion = indent + match.Groups[2].Value + ": " + scalars[random.Next(scalars.Length)] + "\n";
                    var lineStart = text.LastIndexOf('\n', Math.Max(0, match.Index + match.Groups[1].Length - 1)) + 1;
                    var lineEnd = text.IndexOf('\n', match.Index);
                    var at = match.Value.TrimStart().StartsWith("- ", StringComparison.Ordinal) ? (lineEnd < 0 ? text.Length : lineEnd + 1) : lineStart;
                    text = text.Insert(at, insertion);
                }
                else
                {
                    var values = new[] { "\"dup\"", "1", "null", "[]", "{}", "{\"type\": \"string\"}", "true" };
                    insertion = "\"" + match.Groups[1].Value + "\": " + values[random.Next(values.Length)] + ", ";
                    text = text.Insert(match.Index, insertion);
                }

                description.Append(" dup '").Append(match.Groups[input.IsYaml ? 2 : 1].Value).Append("' at ").Append(match.Index);
            }

            return text;
        }

        private static string FlipBytes(FuzzInput input, Random random, StringBuilder description)
        {
            var bytes = Encoding.UTF8.GetBytes(input.Text);
            var count = random.Next(1, 21);
            for (var i = 0; i < count; i++)
            {
                var at = random.Next(bytes.Length);
                var bit = random.Next(8);
                bytes[at] ^= (byte)(1 << bit);
                description.Append(' ').Append(at).Append('^').Append(1 << bit);
            }

            // As the compiler reads an additional file: invalid UTF-8 becomes U+FFFD.
            return Encoding.UTF8.GetString(bytes);
        }

        private static string HostileText(FuzzInput input, Random random, StringBuilder description)
        {
            var root = ParseTree(input);
            var count = random.Next(1, 11);
            for (var i = 0; i < count; i++)
            {
                var attack = HostileSpecTests.Attacks[random.Next(HostileSpecTests.Attacks.Length)];
                var slots = Slots(root).Where(s => s.Node is JsonValue value && value.TryGetValue<string>(out _) || (s.Node is JsonObject map && map.Count > 0)).ToList();
                var (parent, key, index, node) = slots[random.Next(slots.Count)];
                if (node is JsonObject map2)
                {
                    // Into a key: some schema, property, path or response name.
                    var oldKey = map2.ElementAt(random.Next(map2.Count)).Key;
                    var value = map2[oldKey];
                    map2.Remove(oldKey);
                    map2[oldKey + attack] = value;
                    description.Append(" key ").Append(Short(oldKey));
                }
                else
                {
                    Replace(parent, key, index, JsonValue.Create(((JsonValue)node!).GetValue<string>() + attack));
                    description.Append(' ').Append(PathOf(parent, key, index));
                }

                description.Append("+=attack#").Append(System.Array.IndexOf(HostileSpecTests.Attacks, attack));
            }

            return Write(root, input);
        }

        // ---- Trees ------------------------------------------------------------------------------------------------

        private static JsonNode ParseTree(FuzzInput input)
        {
            if (!input.IsYaml)
            {
                return JsonNode.Parse(input.Text, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1000 })!;
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(input.Text));
            return FromYaml(stream.Documents[0].RootNode)!;
        }

        private static JsonNode? FromYaml(YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    var json = new JsonObject();
                    foreach (var pair in map.Children)
                    {
                        json[((YamlScalarNode)pair.Key).Value ?? string.Empty] = FromYaml(pair.Value);
                    }

                    return json;
                case YamlSequenceNode sequence:
                    return new JsonArray(sequence.Children.Select(FromYaml).ToArray());
                case YamlScalarNode scalar:
                    var value = scalar.Value ?? string.Empty;
                    if (scalar.Style != ScalarStyle.Plain)
                    {
                        return JsonValue.Create(value);
                    }

                    // Plain scalars carry YAML's implicit types; keep them, so only the mutation changes a type.
                    if (value is "" or "~" or "null")
                    {
                        return null;
                    }

                    if (value is "true" or "false")
                    {
                        return JsonValue.Create(value == "true");
                    }

                    if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    {
                        return JsonValue.Create(integer);
                    }

                    return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number)
                        ? JsonValue.Create(number)
                        : JsonValue.Create(value);
                default:
                    return null;
            }
        }

        /// <summary>Back to text in the spec's own format: JSON, or for YAML specs flow-style YAML (read by the YAML loader).</summary>
        private static string Write(JsonNode root, FuzzInput input) => HostileSpecTests.Serialize(root, input.IsYaml);

        private sealed record Slot(JsonNode? Parent, string? Key, int Index, JsonNode? Node)
        {
            public void Deconstruct(out JsonNode? parent, out string? key, out int index, out JsonNode? node)
                => (parent, key, index, node) = (Parent, Key, Index, Node);
        }

        /// <summary>Every place in the tree below the root, in document order.</summary>
        private static List<Slot> Slots(JsonNode root)
        {
            var slots = new List<Slot>();
            var stack = new Stack<JsonNode>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node is JsonObject map)
                {
                    foreach (var pair in map)
                    {
                        slots.Add(new Slot(map, pair.Key, -1, pair.Value));
                        if (pair.Value != null)
                        {
                            stack.Push(pair.Value);
                        }
                    }
                }
                else if (node is JsonArray list)
                {
                    for (var i = 0; i < list.Count; i++)
                    {
                        slots.Add(new Slot(list, null, i, list[i]));
                        if (list[i] != null)
                        {
                            stack.Push(list[i]!);
                        }
                    }
                }
            }

            return slots;
        }

        private static Slot Pick(JsonNode root, Random random)
        {
            var slots = Slots(root);
            return slots[random.Next(slots.Count)];
        }

        private static void Replace(JsonNode? parent, string? key, int index, JsonNode? replacement)
        {
            if (parent is JsonObject map)
            {
                map[key!] = replacement;
            }
            else
            {
                ((JsonArray)parent!)[index] = replacement;
            }
        }

        private static JsonNode? OtherType(JsonNode? node, Random random)
        {
            var kinds = new[] { "string", "number", "array", "object", "null", "boolean" }.Where(k => k != KindOf(node)).ToArray();
            return kinds[random.Next(kinds.Length)] switch
            {
                "string" => JsonValue.Create(random.Next(2) == 0 ? "x" : "{not: a schema}"),
                "number" => JsonValue.Create(random.Next(2) == 0 ? random.Next(-5, 1000) : 1e300),
                "array" => random.Next(2) == 0 ? new JsonArray() : new JsonArray(JsonValue.Create(1), JsonValue.Create("x"), null),
                "object" => random.Next(2) == 0 ? new JsonObject() : new JsonObject { ["type"] = 7, ["$ref"] = "#/nowhere" },
                "boolean" => JsonValue.Create(random.Next(2) == 0),
                _ => null,
            };
        }

        private static string KindOf(JsonNode? node) => node switch
        {
            null => "null",
            JsonObject => "object",
            JsonArray => "array",
            JsonValue value when value.TryGetValue<string>(out _) => "string",
            JsonValue value when value.TryGetValue<bool>(out _) => "boolean",
            _ => "number",
        };

        private static string PathOf(JsonNode? parent, string? key, int index)
            => Short((parent?.GetPath() ?? "$") + (key != null ? "['" + key + "']" : "[" + index + "]"));

        private static string Short(string text) => HostileSpecTests.Visible(text.Length > 120 ? text.Substring(0, 120) + "..." : text);

        private static string Huge(Random random, int length)
        {
            // Words, spaces, line breaks and the odd attack: big enough to matter, varied enough to reach every escape.
            var builder = new StringBuilder(length + 64);
            const string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-./";
            while (builder.Length < length)
            {
                if (random.Next(64) == 0)
                {
                    builder.Append(HostileSpecTests.Attacks[random.Next(HostileSpecTests.Attacks.Length)]);
                }
                else
                {
                    builder.Append(letters[random.Next(letters.Length)]);
                }
            }

            builder.Length = length;
            return builder.ToString();
        }
    }
}
