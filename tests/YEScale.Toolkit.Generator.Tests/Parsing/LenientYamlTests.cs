using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json.Linq;
using Xunit;
using YamlDotNet.RepresentationModel;
using YEScale.Toolkit.Generator.Parsing;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Parsing
{
    /// <summary>
    /// YAML that YamlDotNet rejects but the YAML spec, js-yaml, the `yaml` package (and for the first kind PyYAML)
    /// accept: each case fails in YamlDotNet as written and reads to what those parsers read once normalized.
    /// </summary>
    public class LenientYamlTests
    {
        public static TheoryData<string, string, string> RejectedByYamlDotNet() => new()
        {
            // Blank lines before a block scalar's first line, holding spaces up to its indentation: "found extra spaces in first line".
            { "literal, blank first line with indentation", "a: |\n  \n  text\nb: 1\n", "{\"a\":\"\\ntext\\n\",\"b\":1}" },
            { "literal, blank first lines shorter than the content", "a: |\n   \n  \n    one\n    two\nb: 1\n", "{\"a\":\"\\n\\none\\ntwo\\n\",\"b\":1}" },
            { "literal, strip", "a: |-\n    \n    one\n    two\nb: 1\n", "{\"a\":\"\\none\\ntwo\",\"b\":1}" },
            { "keep", "a: |+\n    \n    one\nb: 1\n", "{\"a\":\"\\none\\n\",\"b\":1}" },
            { "nested in a mapping", "x:\n  y:\n    a: |\n      \n      text\n    b: 1\n", "{\"x\":{\"y\":{\"a\":\"\\ntext\\n\",\"b\":1}}}" },
            { "in a sequence of mappings", "x:\n  - d: |\n      \n      one\n  - b\n", "{\"x\":[{\"d\":\"\\none\\n\"},\"b\"]}" },
            { "Windows line ends", "a: |\r\n  \r\n  text\r\nb: 1\r\n", "{\"a\":\"\\ntext\\n\",\"b\":1}" },
            { "quoted key, comment after the header", "\"a b\": | # note\n  \n    text\n", "{\"a b\":\"\\ntext\\n\"}" },
            { "anchor before the header", "a: &x |\n  \n  text\nb: *x\n", "{\"a\":\"\\ntext\\n\",\"b\":\"\\ntext\\n\"}" },

            // A whitespace-only line holding a tab, where the spec reads a blank line: "found invalid tab as indentation".
            { "tab line after a block scalar", "a: |\n  one\n\t\nb: 1\n", "{\"a\":\"one\\n\",\"b\":1}" },
            { "spaces and a tab after a nested block scalar", "r:\n  a: |\n    one\n  \t\n  b: 1\n", "{\"r\":{\"a\":\"one\\n\",\"b\":1}}" },
            { "tab line after a keep scalar ends it there", "a: |+\n  one\n\t\n\nb: 1\n", "{\"a\":\"one\\n\",\"b\":1}" },
            { "tab line between entries", "a:\n  x: 1\n \t\n  y: 2\nb: 1\n", "{\"a\":{\"x\":1,\"y\":2},\"b\":1}" },
            { "tab line inside a plain scalar", "a: one\n\t\n  two\nb: 1\n", "{\"a\":\"one\\ntwo\",\"b\":1}" },
        };

        [Theory]
        [MemberData(nameof(RejectedByYamlDotNet))]
        public void Yaml_that_YamlDotNet_rejects_reads_as_other_parsers_read_it(string name, string yaml, string expectedJson)
        {
            Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => new YamlStream().Load(new StringReader(yaml)));

            var normalized = LenientYaml.Normalize(yaml);

            Assert.True(JToken.DeepEquals(JToken.Parse(expectedJson), DocumentReader.ReadYaml(normalized)), name + ": " + DocumentReader.ReadYaml(normalized).ToString(Newtonsoft.Json.Formatting.None));
            Assert.Equal(Lines(yaml).Length, Lines(normalized).Length);
            Assert.All(Lines(yaml).Zip(Lines(normalized)), pair => Assert.True(pair.First == pair.Second || pair.First.Trim(' ', '\t').Length == 0, name + ": a line with text changed"));
        }

        public static TheoryData<string> ValidYaml() => new()
        {
            "a: |\n  one\n      \n  three\nb: 1\n",            // more-indented blank line inside: content
            "a: |\n  one\n  \t \n  two\n",                      // a tab after the indentation: content
            "a: |2\n  \n  text\n",                              // explicit indentation, which YamlDotNet reads right
            "a: |\n  text\n      ",                             // trailing more-indented line at the end: content
            "a: \"one\n  two\"\nb: 'x: |'\nc: a | b\n",        // a '|' that is not a header
            "- |\n  one\n- >\n  two\n",
            "a: [x, '|', \"y\"]\nb: { c: d }\n",
        };

        [Theory]
        [MemberData(nameof(ValidYaml))]
        public void Yaml_YamlDotNet_already_reads_is_left_exactly_as_it_is(string yaml)
        {
            new YamlStream().Load(new StringReader(yaml));

            Assert.Same(yaml, LenientYaml.Normalize(yaml));
        }

        [Fact]
        public void A_spec_with_a_blank_indented_first_line_in_a_description_generates_a_client()
        {
            var yaml = "openapi: 3.0.0\ninfo:\n  title: Notes\n  version: '1'\n  description: |\n    \n    The notes service.\npaths:\n  /notes:\n    get:\n      operationId: listNotes\n      description: >\n        \n        Lists notes.\n\t\n      responses:\n        '204':\n          description: none\n";
            Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => new YamlStream().Load(new StringReader(yaml)));

            var result = GeneratorHarness.Run(new SpecFile("/specs/notes.yaml", yaml));

            Assert.Empty(result.Diagnostics);
            Assert.Contains("ListNotesAsync(", result.Source("Consumer.Notes.NotesClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_syntax_error_after_a_normalized_line_is_still_reported_at_its_own_line()
        {
            var yaml = "openapi: 3.0.0\ninfo:\n  title: Broken\n  version: '1'\n  description: |\n    \n    text\npaths:\n  /a:\n    get: [unclosed\n      responses: {}\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/broken.yaml", yaml));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG001", diagnostic.Id);
            Assert.InRange(diagnostic.Location.GetLineSpan().StartLinePosition.Line, 9, 10);
        }

        [Fact]
        public void Plain_scalars_are_typed_as_yaml_core_schema_values_and_quoted_ones_stay_text()
        {
            var tree = DocumentReader.ReadYaml("i: [1, -2, +3, 007, 0x1F, 0o17, 12345678901234567890]\nf: [1.0, 2.50, .5, 1e3]\nb: [true, False, yes, no]\nn: [~, null, NULL]\ne:\ns: ['5', \"true\", !!str 7, 2024-01-01, .inf]\nt: !!int '42'\n");

            Assert.Equal("[1,-2,3,7,31,15,12345678901234567890]", tree["i"]!.ToString(Newtonsoft.Json.Formatting.None));
            Assert.Equal("[1.0,2.50,0.5,1e3]", tree["f"]!.ToString(Newtonsoft.Json.Formatting.None)); // as written when JSON allows it
            Assert.Equal("[true,false,\"yes\",\"no\"]", tree["b"]!.ToString(Newtonsoft.Json.Formatting.None));
            Assert.Equal("[null,null,null]", tree["n"]!.ToString(Newtonsoft.Json.Formatting.None));
            Assert.Equal(JTokenType.Null, tree["e"]!.Type);
            Assert.Equal("[\"5\",\"true\",\"7\",\"2024-01-01\",\".inf\"]", tree["s"]!.ToString(Newtonsoft.Json.Formatting.None));
            Assert.Equal(JTokenType.Integer, tree["t"]!.Type);
        }

        [Fact]
        public void A_repeated_key_keeps_its_last_value_as_the_yaml_reader_did_before()
        {
            var tree = DocumentReader.ReadYaml("a: 1\nb: 2\na: 3\n");

            Assert.Equal("{\"a\":3,\"b\":2}", tree.ToString(Newtonsoft.Json.Formatting.None));
        }

        [Fact]
        public void Aliases_that_expand_without_bound_are_a_syntax_error_not_a_hang()
        {
            var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
            for (var i = 0; i < 9; i++)
            {
                bomb += $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]\n";
            }

            var result = GeneratorHarness.Run(new SpecFile("/specs/bomb.yaml", bomb));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG001", diagnostic.Id);
            Assert.Contains("Aliases expand", diagnostic.GetMessage());
        }

        [Fact]
        public void Nesting_deeper_than_nswag_reads_is_a_syntax_error_at_its_line()
        {
            var yaml = "openapi: 3.0.0\ninfo: { title: Deep, version: '1' }\npaths: {}\nx-deep:\n";
            for (var i = 1; i <= 200; i++)
            {
                yaml += new string(' ', i) + "a:\n";
            }

            var result = GeneratorHarness.Run(new SpecFile("/specs/deep.yaml", yaml));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG001", diagnostic.Id);
            Assert.Contains("deeper than 128 levels", diagnostic.GetMessage());
            Assert.InRange(diagnostic.Location.GetLineSpan().StartLinePosition.Line, 120, 140);
        }

        [Fact]
        public void Integer_enums_written_in_yaml_reach_the_model_as_numbers()
        {
            var yaml = "openapi: 3.0.0\ninfo:\n  title: Levels\n  version: 1.0\npaths: {}\ncomponents:\n  schemas:\n    Level:\n      type: integer\n      enum: [1, 2, 3]\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/levels.yaml", yaml));

            Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.Empty(result.CompilationProblems);
        }

        private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');
    }
}
