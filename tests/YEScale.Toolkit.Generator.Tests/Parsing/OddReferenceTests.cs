using System.Linq;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Parsing
{
    /// <summary>
    /// $refs where no schema is expected (descriptions, examples, extensions), as multi-file public specs write them: a
    /// scalar from a listed file is used, anything else is dropped with a warning at its line; the document still generates.
    /// </summary>
    public class OddReferenceTests
    {
        private static SpecFile Sibling(string path, string text) => new SpecFile(path, text, SourceItemType: string.Empty);

        private const string Main =
            "openapi: 3.0.3\n" +
            "info:\n" +
            "  title: Odd\n" +
            "  version: '1'\n" +
            "  description: { $ref: 'texts.yaml#/intro' }\n" +
            "tags:\n" +
            "  - name: things\n" +
            "    description: { $ref: 'texts.yaml#/things' }\n" +
            "paths:\n" +
            "  /things:\n" +
            "    get:\n" +
            "      operationId: listThings\n" +
            "      tags: [things]\n" +
            "      description: { $ref: 'texts.yaml#/list' }\n" +
            "      responses:\n" +
            "        '200':\n" +
            "          description: ok\n" +
            "          content:\n" +
            "            application/json:\n" +
            "              schema: { $ref: '#/components/schemas/Thing' }\n" +
            "              example: { $ref: 'examples.yaml#/thing' }\n" +
            "components:\n" +
            "  schemas:\n" +
            "    Thing:\n" +
            "      type: object\n" +
            "      description: { $ref: 'texts.yaml#/thing' }\n" +
            "      x-notes: { $ref: 'texts.yaml#/nested' }\n" +
            "      properties:\n" +
            "        name: { type: string, description: { $ref: 'texts.yaml#/missing' } }\n";

        private const string Texts =
            "intro: The Odd API, described in another file.\n" +
            "things: Things you can list.\n" +
            "list: Lists every thing.\n" +
            "thing: A thing with a name.\n" +
            "nested:\n" +
            "  not: a scalar\n";

        private const string Examples = "thing:\n  name: example\n";

        [Fact]
        public void Scalar_descriptions_from_a_listed_file_are_used_and_the_document_generates()
        {
            var result = GeneratorHarness.Run(new SpecFile("/proj/odd.yaml", Main), Sibling("/proj/texts.yaml", Texts), Sibling("/proj/examples.yaml", Examples));

            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "YSG002" || d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            Assert.Empty(result.CompilationProblems);
            Assert.Contains("A thing with a name.", result.Source("Consumer.Odd.Thing.g.cs"));
            Assert.Contains("Lists every thing.", result.Source("Consumer.Odd.OddClient.g.cs"));
        }

        [Fact]
        public void A_description_ref_that_cannot_be_used_is_dropped_with_a_warning_at_its_line()
        {
            var result = GeneratorHarness.Run(new SpecFile("/proj/odd.yaml", Main), Sibling("/proj/texts.yaml", Texts), Sibling("/proj/examples.yaml", Examples));

            var warnings = result.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
            var missing = Assert.Single(warnings, d => d.GetMessage().Contains("texts.yaml#/missing"));
            Assert.Equal(29, missing.Location.GetLineSpan().StartLinePosition.Line + 1);
            Assert.Contains("ListThingsAsync(", result.Source("Consumer.Odd.OddClient.g.cs"));
        }

        [Fact]
        public void Without_the_other_file_listed_the_document_still_generates_and_says_which_refs_it_dropped()
        {
            var result = GeneratorHarness.Run(new SpecFile("/proj/odd.yaml", Main));

            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "YSG002");
            Assert.Empty(result.CompilationProblems);
            Assert.Contains("ListThingsAsync(", result.Source("Consumer.Odd.OddClient.g.cs"));
            Assert.NotEmpty(result.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        }
    }
}
