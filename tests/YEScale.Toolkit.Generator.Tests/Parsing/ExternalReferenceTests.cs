using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using YEScale.Toolkit.Generator.Model;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Parsing
{
    /// <summary>$refs to other files the project lists as AdditionalFiles: inlined before NSwag reads the spec.</summary>
    public class ExternalReferenceTests
    {
        private const string Store =
            "openapi: 3.0.0\n" +
            "info: { title: Store, version: '1' }\n" +
            "paths:\n" +
            "  /pets/{id}:\n" +
            "    get:\n" +
            "      operationId: getPet\n" +
            "      parameters:\n" +
            "        - $ref: 'common.yaml#/components/parameters/Id'\n" +
            "      responses:\n" +
            "        '200':\n" +
            "          description: ok\n" +
            "          content:\n" +
            "            application/json:\n" +
            "              schema: { $ref: './models/pet.json' }\n" +
            "        default:\n" +
            "          $ref: 'common.yaml#/components/responses/Problem'\n" +
            "components:\n" +
            "  schemas:\n" +
            "    Owner:\n" +
            "      type: object\n" +
            "      properties:\n" +
            "        pet: { $ref: 'models/pet.json' }\n" +
            "        error: { $ref: 'common.yaml#/components/schemas/Error' }\n";

        private const string Common =
            "components:\n" +
            "  parameters:\n" +
            "    Id: { name: id, in: path, required: true, schema: { type: string } }\n" +
            "  responses:\n" +
            "    Problem:\n" +
            "      description: error\n" +
            "      content:\n" +
            "        application/json:\n" +
            "          schema: { $ref: '#/components/schemas/Error' }\n" +
            "  schemas:\n" +
            "    Error:\n" +
            "      type: object\n" +
            "      properties:\n" +
            "        code: { type: integer }\n" +
            "        message: { type: string }\n" +
            "    Tag:\n" +
            "      type: string\n" +
            "      enum: [dog, cat]\n";

        private const string Pet =
            "{\n" +
            "  \"type\": \"object\",\n" +
            "  \"required\": [\"name\"],\n" +
            "  \"properties\": {\n" +
            "    \"name\": { \"type\": \"string\" },\n" +
            "    \"tag\": { \"$ref\": \"../common.yaml#/components/schemas/Tag\" }\n" +
            "  }\n" +
            "}\n";

        private static SpecFile Sibling(string path, string text) => new SpecFile(path, text, SourceItemType: string.Empty);

        [Fact]
        public void Refs_to_yaml_and_json_siblings_in_nested_folders_give_a_compiling_client()
        {
            var result = GeneratorHarness.Run(
                new SpecFile("/proj/specs/store.yaml", Store),
                Sibling("/proj/specs/common.yaml", Common),
                Sibling("/proj/specs/models/pet.json", Pet));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.Store.StoreClient.g.cs");
            Assert.Contains("GetPetAsync(string id,", client);
            var hints = result.Sources.Select(s => s.HintName).ToList();
            Assert.Contains("Consumer.Store.Pet.g.cs", hints);
            Assert.Contains("Consumer.Store.Error.g.cs", hints);
            Assert.Contains("Consumer.Store.Tag.g.cs", hints);
            Assert.Contains("Consumer.Store.Owner.g.cs", hints);
            Assert.Contains("Name", result.Source("Consumer.Store.Pet.g.cs"));
            Assert.DoesNotContain(hints, h => h.Contains("Common") || h.Contains("StoreClient2")); // siblings generate no client of their own
            Assert.Single(hints, h => h.EndsWith("Client.g.cs"));
        }

        [Fact]
        public void A_chain_of_files_and_a_cycle_between_them_resolve()
        {
            // main.json -> a/a.yaml#/A -> b/b.json#/definitions/B -> b/c.yaml -> back to a/a.yaml#/A.
            var main = "{ \"openapi\": \"3.0.0\", \"info\": { \"title\": \"Chain\", \"version\": \"1\" }, \"paths\": { \"/a\": { \"get\": { \"operationId\": \"getA\", \"responses\": { \"200\": {\n"
                + "  \"description\": \"ok\", \"content\": { \"application/json\": { \"schema\": { \"$ref\": \"a/a.yaml#/A\" } } } } } } } } }\n";
            var a = "A:\n  type: object\n  properties:\n    b: { $ref: '../b/b.json#/definitions/B' }\n    self: { $ref: '#/A' }\n";
            var b = "{ \"definitions\": { \"B\": { \"type\": \"object\", \"properties\": { \"c\": { \"$ref\": \"c.yaml\" } } } } }";
            var c = "type: object\nproperties:\n  value: { type: string }\n  back: { $ref: '../a/a.yaml#/A' }\n";

            var result = GeneratorHarness.Run(
                new SpecFile("/proj/main.json", main),
                Sibling("/proj/a/a.yaml", a),
                Sibling("/proj/b/b.json", b),
                Sibling("/proj/b/c.yaml", c));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var hints = result.Sources.Select(s => s.HintName).ToList();
            Assert.Contains("Consumer.Chain.A.g.cs", hints);
            Assert.Contains("Consumer.Chain.B.g.cs", hints);
            Assert.Contains("Consumer.Chain.C.g.cs", hints);
            Assert.Contains("public A? Back { get; set; }", result.Source("Consumer.Chain.C.g.cs"));
            Assert.Contains("GetAAsync(", result.Source("Consumer.Chain.ChainClient.g.cs"));
        }

        [Fact]
        public void A_component_that_only_points_at_another_file_keeps_its_name()
        {
            var main = "openapi: 3.0.0\ninfo: { title: Names, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Animal: { $ref: 'pet.yaml' }\n    Pet: { type: string }\n    Zoo:\n      type: object\n      properties:\n        animals: { type: array, items: { $ref: 'pet.yaml' } }\n";
            var pet = "type: object\nproperties:\n  name: { type: string }\n";

            var result = GeneratorHarness.Run(new SpecFile("/proj/names.yaml", main), Sibling("/proj/pet.yaml", pet));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var hints = result.Sources.Select(s => s.HintName).ToList();
            Assert.Contains("Consumer.Names.Animal.g.cs", hints);
            Assert.DoesNotContain(hints, h => h.Contains("Pet2"));
            Assert.Contains("Animal", result.Source("Consumer.Names.Zoo.g.cs"));
        }

        [Fact]
        public void A_swagger_2_spec_takes_sibling_schemas_into_its_definitions()
        {
            var main = "swagger: '2.0'\ninfo: { title: Legacy, version: '1' }\npaths:\n  /things:\n    get:\n      operationId: listThings\n      responses:\n        '200':\n          description: ok\n          schema: { type: array, items: { $ref: 'defs.yaml#/definitions/Thing' } }\n";
            var defs = "definitions:\n  Thing:\n    type: object\n    properties:\n      id: { type: integer }\n";

            var result = GeneratorHarness.Run(new SpecFile("/proj/legacy.yaml", main), Sibling("/proj/defs.yaml", defs));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            Assert.Contains("Consumer.Legacy.Thing.g.cs", result.Sources.Select(s => s.HintName));
        }

        [Fact]
        public void A_sibling_the_project_does_not_list_is_YSG008_telling_how_to_add_it()
        {
            var main = "openapi: 3.0.0\ninfo: { title: Gaps, version: '1' }\npaths:\n"
                + "  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n"
                + "              schema: { $ref: 'shared/missing.yaml#/components/schemas/Thing' }\n" // line 11
                + "  /b:\n    get:\n      operationId: getB\n      responses: { '204': { description: none } }\n";

            var result = GeneratorHarness.Run(new SpecFile("/proj/gaps.yaml", main));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG008", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Equal(
                "Operation 'GET /a' (getA) was left out of the client: $ref 'shared/missing.yaml#/components/schemas/Thing' cannot be resolved ('/proj/shared/missing.yaml' is not part of the compilation; add it to the project as <AdditionalFiles Include=\"/proj/shared/missing.yaml\" /> (or as an <OpenApiSpec> item if it should get a client of its own))",
                diagnostic.GetMessage());
            Assert.Equal(11, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Contains("GetBAsync(", result.Source("Consumer.Gaps.GapsClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_missing_pointer_or_a_bad_ref_inside_a_sibling_is_reported_where_it_is_written()
        {
            var main = "openapi: 3.0.0\ninfo: { title: Parts, version: '1' }\npaths:\n"
                + "  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n"
                + "              schema: { $ref: 'parts.yaml#/Nope' }\n" // line 11
                + "  /b:\n    get:\n      operationId: getB\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n"
                + "              schema: { $ref: 'parts.yaml#/Broken' }\n"
                + "  /c:\n    get:\n      operationId: getC\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n"
                + "              schema: { $ref: 'parts.yaml#/Fine' }\n";
            var parts = "Fine:\n  type: object\n  properties:\n    x: { type: string }\nBroken:\n  type: object\n  properties:\n    y: { $ref: '#/Absent' }\n"; // line 7

            var result = GeneratorHarness.Run(new SpecFile("/proj/parts.api.yaml", main), Sibling("/proj/parts.yaml", parts));

            var missing = result.Diagnostics.Single(d => d.GetMessage().Contains("getA"));
            Assert.EndsWith("$ref 'parts.yaml#/Nope' cannot be resolved ('parts.yaml' has no '/Nope')", missing.GetMessage());
            Assert.Equal("/proj/parts.api.yaml", missing.Location.GetLineSpan().Path);
            Assert.Equal(11, missing.Location.GetLineSpan().StartLinePosition.Line);

            var inside = result.Diagnostics.Where(d => d.GetMessage().Contains("'#/Absent'")).ToList();
            Assert.Equal(
                new[]
                {
                    "Operation 'GET /b' (getB) was left out of the client because it uses schema 'Broken' (from parts.yaml), which was left out: $ref '#/Absent' cannot be resolved ('parts.yaml' has no '/Absent')",
                    "Schema 'Broken' (from parts.yaml) was left out of the client: $ref '#/Absent' cannot be resolved ('parts.yaml' has no '/Absent')",
                },
                inside.Select(d => d.GetMessage()).OrderBy(m => m));
            Assert.All(inside, d => Assert.Equal("/proj/parts.yaml", d.Location.GetLineSpan().Path));
            Assert.All(inside, d => Assert.Equal(7, d.Location.GetLineSpan().StartLinePosition.Line));
            Assert.Equal(3, result.Diagnostics.Length);

            Assert.Contains("GetCAsync(", result.Source("Consumer.Parts.PartsClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_sibling_that_is_not_valid_yaml_is_YSG009_at_its_own_line()
        {
            var main = "openapi: 3.0.0\ninfo: { title: Bad, version: '1' }\npaths:\n"
                + "  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n"
                + "              schema: { $ref: 'broken.yaml#/Thing' }\n"
                + "  /b:\n    get:\n      operationId: getB\n      responses: { '204': { description: none } }\n";
            var broken = "Thing:\n  type: object\n  properties: [unclosed\n    x: 1\n";

            var result = GeneratorHarness.Run(new SpecFile("/proj/bad.yaml", main), Sibling("/proj/broken.yaml", broken));

            var unreadable = Assert.Single(result.Diagnostics, d => d.Id == "YSG009");
            Assert.Equal(DiagnosticSeverity.Warning, unreadable.Severity);
            Assert.StartsWith("The document '/proj/broken.yaml', which an OpenAPI document refers to, could not be read: ", unreadable.GetMessage());
            Assert.Equal("/proj/broken.yaml", unreadable.Location.GetLineSpan().Path);
            Assert.InRange(unreadable.Location.GetLineSpan().StartLinePosition.Line, 2, 4);
            var leftOut = Assert.Single(result.Diagnostics, d => d.Id == "YSG008");
            Assert.EndsWith("('broken.yaml' could not be read (see YSG009))", leftOut.GetMessage());
            Assert.Contains("GetBAsync(", result.Source("Consumer.Bad.BadClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void Two_specs_may_share_a_file_and_each_keeps_its_own_client()
        {
            var first = "openapi: 3.0.0\ninfo: { title: First, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Holder: { type: object, properties: { e: { $ref: 'common.yaml#/components/schemas/Error' } } }\n";
            var second = "openapi: 3.0.0\ninfo: { title: Second, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Other: { type: object, properties: { e: { $ref: './common.yaml#/components/schemas/Error' } } }\n";

            var result = GeneratorHarness.Run(new SpecFile("/proj/first.yaml", first), new SpecFile("/proj/second.yaml", second), Sibling("/proj/common.yaml", Common));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var hints = result.Sources.Select(s => s.HintName).ToList();
            Assert.Contains("Consumer.First.Error.g.cs", hints);
            Assert.Contains("Consumer.Second.Error.g.cs", hints);
        }

        [Fact]
        public void A_long_chain_of_schemas_in_another_file_loads_without_deep_recursion()
        {
            // S0 -> S1 -> ... -> S1499, each imported in turn: copied one after another, not inside each other.
            var models = new System.Text.StringBuilder();
            for (var i = 0; i < 1500; i++)
            {
                models.Append("S").Append(i).Append(":\n  type: object\n  properties:\n    next: { $ref: '#/S").Append((i + 1) % 1500).Append("' }\n");
            }

            var main = "openapi: 3.0.0\ninfo: { title: Long, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Start: { type: object, properties: { first: { $ref: 'models.yaml#/S0' } } }\n";
            var input = new YEScale.Toolkit.Generator.Model.SpecInput("/proj/long.yaml", main, null, null, null)
            {
                Documents = new[] { YEScale.Toolkit.Generator.Parsing.ReferencedDocuments.Describe("/proj/models.yaml", models.ToString(), System.Threading.CancellationToken.None) }.ToEquatableArray(),
            };
            var diagnostics = new YEScale.Toolkit.Generator.Diagnostics.DiagnosticSink();

            var document = YEScale.Toolkit.Generator.Parsing.SpecLoader.Load(input, new YEScale.Toolkit.Generator.Parsing.SpecText(input.Path, main), diagnostics, System.Threading.CancellationToken.None);

            Assert.Empty(diagnostics.ToEquatableArray());
            Assert.NotNull(document);
            Assert.Equal(1501, document!.Definitions.Count);
        }

        // ---- The pipeline ---------------------------------------------------------------------------------

        private static readonly string[] Steps =
        {
            OpenApiClientGenerator.TrackingNames.AdditionalDocuments,
            OpenApiClientGenerator.TrackingNames.DocumentSet,
            OpenApiClientGenerator.TrackingNames.SpecInputs,
            OpenApiClientGenerator.TrackingNames.SpecModels,
        };

        private static (GeneratorDriver Driver, CSharpCompilation Compilation, System.Collections.Immutable.ImmutableArray<AdditionalText> Texts) FirstRun()
        {
            var files = new[]
            {
                new SpecFile("/proj/specs/store.yaml", Store),
                Sibling("/proj/specs/common.yaml", Common),
                Sibling("/proj/specs/models/pet.json", Pet),
                Sibling("/proj/config/unrelated.json", "{ \"setting\": 1 }"),
            };
            var driver = GeneratorHarness.CreateDriver(files, out var texts, trackSteps: true);
            var compilation = GeneratorHarness.CreateCompilation("namespace Consumer { public class Program { public static int Main() => 0; } }");
            return (driver.RunGenerators(compilation), compilation, texts);
        }

        private static System.Collections.Generic.List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step)
            => result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

        [Fact]
        public void An_unrelated_csharp_edit_leaves_the_document_steps_cached()
        {
            var (driver, compilation, _) = FirstRun();
            var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText("namespace Consumer { public class Program { public static int Main() => 1; } }", GeneratorHarness.ParseOptions));

            var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

            foreach (var step in Steps)
            {
                var reasons = Reasons(result, step);
                Assert.NotEmpty(reasons);
                Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + reason));
            }
        }

        [Fact]
        public void Editing_a_referenced_file_regenerates_and_editing_an_unrelated_one_does_not()
        {
            var (driver, compilation, texts) = FirstRun();

            var unrelated = texts.Single(t => t.Path == "/proj/config/unrelated.json");
            var afterUnrelated = driver.ReplaceAdditionalText(unrelated, new GeneratorHarness.InMemoryAdditionalText(unrelated.Path, "{ \"setting\": 2 }")).RunGenerators(compilation);
            var unrelatedRun = afterUnrelated.GetRunResult().Results.Single();
            Assert.All(Reasons(unrelatedRun, OpenApiClientGenerator.TrackingNames.SpecInputs), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
            Assert.All(Reasons(unrelatedRun, OpenApiClientGenerator.TrackingNames.SpecModels), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));

            var pet = texts.Single(t => t.Path == "/proj/specs/models/pet.json");
            var afterPet = afterUnrelated.ReplaceAdditionalText(pet, new GeneratorHarness.InMemoryAdditionalText(pet.Path, Pet.Replace("\"name\": { \"type\": \"string\" }", "\"nickname\": { \"type\": \"string\" }"))).RunGenerators(compilation);
            var petRun = afterPet.GetRunResult().Results.Single();
            Assert.Contains(IncrementalStepRunReason.Modified, Reasons(petRun, OpenApiClientGenerator.TrackingNames.SpecModels));
            Assert.Contains("Nickname", petRun.GeneratedSources.Single(s => s.HintName == "Consumer.Store.Pet.g.cs").SourceText.ToString());
        }
    }
}
