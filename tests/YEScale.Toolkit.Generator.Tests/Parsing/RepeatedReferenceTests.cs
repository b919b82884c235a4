using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Parsing
{
    /// <summary>
    /// A $ref value written many times: each diagnostic points at the $ref that caused it, found by its path in the
    /// document, whatever else writes the same text (data, a description, another spelling of the key).
    /// </summary>
    public class RepeatedReferenceTests
    {
        // 0-based lines on the right; every $ref to Gone is the same text.
        private const string Yaml =
            "openapi: 3.0.0\n" +                                                 // 0
            "info: { title: Repeat, version: '1' }\n" +                          // 1
            "paths:\n" +                                                         // 2
            "  /notes:\n" +                                                      // 3
            "    description: |\n" +                                             // 4
            "      $ref: '#/components/schemas/Gone'\n" +                        // 5: text in a block, not a key
            "    get:\n" +                                                       // 6
            "      operationId: listNotes\n" +                                   // 7
            "      x-sample: { $ref: '#/components/schemas/Gone' }\n" +          // 8: data, not a reference
            "      responses:\n" +                                               // 9
            "        '200':\n" +                                                 // 10
            "          description: ok\n" +                                      // 11
            "          content:\n" +                                             // 12
            "            application/json:\n" +                                  // 13
            "              schema: { $ref: '#/components/schemas/Gone' }\n" +    // 14: flow style
            "    post:\n" +                                                      // 15
            "      operationId: addNote\n" +                                     // 16
            "      requestBody:\n" +                                             // 17
            "        content:\n" +                                               // 18
            "          application/json:\n" +                                    // 19
            "            schema:\n" +                                            // 20
            "              \"$ref\": '#/components/schemas/Gone'\n" +            // 21: a quoted key
            "      responses:\n" +                                               // 22
            "        '204': { description: done }\n" +                           // 23
            "  /tags:\n" +                                                       // 24
            "    get:\n" +                                                       // 25
            "      operationId: listTags\n" +                                    // 26
            "      responses:\n" +                                               // 27
            "        '200':\n" +                                                 // 28
            "          description: ok\n" +                                      // 29
            "          content:\n" +                                             // 30
            "            application/json:\n" +                                  // 31
            "              schema: { type: array, items: { '$ref': '#/components/schemas/Gone' } }\n" + // 32
            "  /kept:\n" +                                                       // 33
            "    get:\n" +                                                       // 34
            "      operationId: keep\n" +                                        // 35
            "      responses:\n" +                                               // 36
            "        '204': { description: none }\n" +                           // 37
            "components:\n" +                                                    // 38
            "  schemas:\n" +                                                     // 39
            "    Shape:\n" +                                                     // 40
            "      type: object\n" +                                             // 41
            "      properties: { kind: { type: string } }\n" +                   // 42
            "      discriminator: { propertyName: kind, mapping: { circle: '#/components/schemas/Circle' } }\n" + // 43
            "    Figure:\n" +                                                    // 44
            "      type: object\n" +                                             // 45
            "      properties: { kind: { type: string } }\n" +                   // 46
            "      discriminator:\n" +                                           // 47
            "        propertyName: kind\n" +                                     // 48
            "        mapping:\n" +                                               // 49
            "          'circle': '#/components/schemas/Circle'\n";               // 50

        private static (int Line, int Column) Place(Diagnostic diagnostic)
        {
            var start = diagnostic.Location.GetLineSpan().StartLinePosition;
            return (start.Line, start.Character);
        }

        private static Diagnostic About(GeneratorResult result, string subject)
            => result.Diagnostics.Single(d => d.GetMessage().StartsWith(subject, System.StringComparison.Ordinal));

        private static int ColumnOf(string text, int line, string written) => text.Split('\n')[line].IndexOf(written, System.StringComparison.Ordinal);

        [Fact]
        public void Each_yaml_ref_is_found_in_its_own_place_in_block_flow_and_quoted_spelling()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/repeat.yaml", Yaml));

            Assert.Equal(5, result.Diagnostics.Length);
            Assert.All(result.Diagnostics, d => Assert.Equal("YSG008", d.Id));
            Assert.Equal((14, ColumnOf(Yaml, 14, "$ref")), Place(About(result, "Operation 'GET /notes'")));
            Assert.Equal((21, ColumnOf(Yaml, 21, "\"$ref\"")), Place(About(result, "Operation 'POST /notes'")));
            Assert.Equal((32, ColumnOf(Yaml, 32, "'$ref'")), Place(About(result, "Operation 'GET /tags'")));
            Assert.Equal((43, ColumnOf(Yaml, 43, "circle")), Place(About(result, "Schema 'Shape'")));
            Assert.Equal((50, ColumnOf(Yaml, 50, "'circle'")), Place(About(result, "Schema 'Figure'")));
            Assert.Contains("KeepAsync(", result.Source("Consumer.Repeat.RepeatClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void Each_json_ref_is_found_in_its_own_place_even_on_one_line_and_spelled_with_an_escape()
        {
            const string refs = "{ \"openapi\": \"3.0.0\", \"info\": { \"title\": \"Repeat\", \"version\": \"1\" }, \"paths\": {\n"
                + "\"/a\": { \"get\": { \"operationId\": \"getA\", \"description\": \"see \\\"$ref\\\": \\\"#/components/schemas/Gone\\\"\", \"x-sample\": { \"$ref\": \"#/components/schemas/Gone\" }, "
                + "\"responses\": { \"200\": { \"description\": \"ok\", \"content\": { \"application/json\": { \"schema\": { \"\\u0024ref\": \"#/components/schemas/Gone\" } } } } } }, "
                + "\"post\": { \"operationId\": \"postA\", \"requestBody\": { \"content\": { \"application/json\": { \"schema\": {\"$ref\":\"#/components/schemas/Gone\"} } } }, \"responses\": { \"204\": { \"description\": \"none\" } } } },\n"
                + "\"/b\": { \"get\": { \"operationId\": \"getB\", \"responses\": { \"200\": { \"description\": \"ok\", \"content\": { \"application/json\": { \"schema\": { \"type\": \"array\", \"items\": { \"$ref\": \"#/components/schemas/Gone\" } } } } } } } },\n"
                + "\"/c\": { \"get\": { \"operationId\": \"getC\", \"responses\": { \"204\": { \"description\": \"none\" } } } }\n"
                + "} }\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/repeat.json", refs));

            Assert.Equal(3, result.Diagnostics.Length);
            Assert.All(result.Diagnostics, d => Assert.Equal("YSG008", d.Id));
            Assert.Equal((1, ColumnOf(refs, 1, "\"\\u0024ref\"")), Place(About(result, "Operation 'GET /a'"))); // the key spelled with an escape
            Assert.Equal((1, ColumnOf(refs, 1, "{\"$ref\"") + 1), Place(About(result, "Operation 'POST /a'")));
            Assert.Equal((2, ColumnOf(refs, 2, "\"$ref\"")), Place(About(result, "Operation 'GET /b'")));
            Assert.Contains("GetCAsync(", result.Source("Consumer.Repeat.RepeatClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_text_ref_written_twice_is_reported_at_each_place()
        {
            const string yaml = "openapi: 3.0.0\n"                       // 0
                + "info: { title: Texts, version: '1' }\n"               // 1
                + "paths:\n"                                             // 2
                + "  /a:\n"                                              // 3
                + "    get:\n"                                           // 4
                + "      operationId: getA\n"                            // 5
                + "      description: { $ref: 'notes.md#/a' }\n"         // 6
                + "      responses:\n"                                   // 7
                + "        '204':\n"                                     // 8
                + "          description:\n"                             // 9
                + "            $ref: 'notes.md#/a'\n";                   // 10

            var result = GeneratorHarness.Run(new SpecFile("/specs/texts.yaml", yaml));

            var places = result.Diagnostics.Where(d => d.Id == "YSG013").Select(Place).OrderBy(p => p.Line).ToList();
            Assert.Equal(new List<(int, int)> { (6, ColumnOf(yaml, 6, "$ref")), (10, ColumnOf(yaml, 10, "$ref")) }, places);
        }

        [Fact]
        public void A_ref_copied_in_from_another_file_is_found_in_that_file()
        {
            const string main = "openapi: 3.0.0\ninfo: { title: Copied, version: '1' }\npaths:\n"
                + "  /b:\n    get:\n      operationId: getB\n      responses:\n        '200':\n          description: ok\n"
                + "          content:\n            application/json:\n              schema: { $ref: 'common.yaml#/components/schemas/B' }\n"
                + "  /c:\n    get:\n      operationId: getC\n      responses:\n        '204': { description: none }\n";
            const string common = "components:\n"                  // 0
                + "  schemas:\n"                                     // 1
                + "    A:\n"                                         // 2
                + "      type: object\n"                             // 3
                + "      properties:\n"                              // 4
                + "        x: { $ref: '#/components/schemas/Gone' }\n" // 5
                + "    B:\n"                                         // 6
                + "      type: object\n"                             // 7
                + "      properties:\n"                              // 8
                + "        w: { type: string }\n"                    // 9
                + "        y:\n"                                     // 10
                + "          $ref: '#/components/schemas/Gone'\n";   // 11

            var result = GeneratorHarness.Run(
                new SpecFile("/proj/specs/copied.yaml", main),
                new SpecFile("/proj/specs/common.yaml", common, SourceItemType: string.Empty));

            Assert.NotEmpty(result.Diagnostics);
            Assert.All(result.Diagnostics, d =>
            {
                Assert.Equal("YSG008", d.Id);
                Assert.Equal("/proj/specs/common.yaml", d.Location.GetLineSpan().Path);
                Assert.Equal((11, ColumnOf(common, 11, "$ref")), Place(d));
            });
            Assert.Contains("GetCAsync(", result.Source("Consumer.Copied.CopiedClient.g.cs"));
        }
    }
}
