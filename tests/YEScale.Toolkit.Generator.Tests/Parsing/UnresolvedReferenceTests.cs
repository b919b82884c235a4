using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Parsing
{
    /// <summary>A $ref that resolves nowhere leaves out only what uses it (YSG008), never the whole document.</summary>
    public class UnresolvedReferenceTests
    {
        // Line numbers (0-based) in the comments are what the assertions expect.
        private const string Shop =
            "openapi: 3.0.0\n" +                                         // 0
            "info:\n" +
            "  title: Shop\n" +
            "  version: '1'\n" +
            "paths:\n" +
            "  /items:\n" +                                              // 5
            "    get:\n" +
            "      operationId: listItems\n" +
            "      x-sample: { $ref: '#/components/schemas/Coupon' }\n" + // 8: data, not a reference, but the same text
            "      responses:\n" +
            "        '200':\n" +                                         // 10
            "          description: ok\n" +
            "          content:\n" +
            "            application/json:\n" +
            "              schema:\n" +
            "                type: array\n" +                            // 15
            "                items:\n" +
            "                  $ref: '#/components/schemas/Item'\n" +
            "  /orders:\n" +
            "    post:\n" +
            "      operationId: createOrder\n" +                         // 20
            "      requestBody:\n" +
            "        content:\n" +
            "          application/json:\n" +
            "            schema:\n" +
            "              $ref: '#/components/schemas/Order'\n" +       // 25: Order does not exist
            "      responses:\n" +
            "        '204':\n" +
            "          description: done\n" +
            "    get:\n" +
            "      operationId: listOrders\n" +                          // 30
            "      responses:\n" +
            "        '204':\n" +
            "          description: none\n" +
            "components:\n" +
            "  schemas:\n" +                                             // 35
            "    Item:\n" +
            "      type: object\n" +
            "      example: { $ref: nothing-at-all }\n" +
            "      properties:\n" +
            "        name: { type: string }\n" +                         // 40
            "        example: { $ref: '#/components/schemas/Item' }\n" +
            "    Basket:\n" +
            "      type: object\n" +
            "      properties:\n" +
            "        items:\n" +                                         // 45
            "          type: array\n" +
            "          items: { $ref: '#/components/schemas/Item' }\n" +
            "        coupon:\n" +
            "          $ref: '#/components/schemas/Coupon'\n";           // 49: Coupon does not exist

        [Fact]
        public void One_bad_ref_in_an_operation_and_one_in_a_schema_leave_out_exactly_those_two()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/shop.yaml", Shop));

            Assert.Equal(2, result.Diagnostics.Length);
            Assert.All(result.Diagnostics, d => Assert.Equal("YSG008", d.Id));
            Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));

            var operation = result.Diagnostics.Single(d => d.GetMessage().StartsWith("Operation"));
            Assert.Equal(
                "Operation 'POST /orders' (createOrder) was left out of the client: $ref '#/components/schemas/Order' cannot be resolved (this document has no '/components/schemas/Order')",
                operation.GetMessage());
            Assert.Equal("/specs/shop.yaml", operation.Location.GetLineSpan().Path);
            Assert.Equal(25, operation.Location.GetLineSpan().StartLinePosition.Line);

            var schema = result.Diagnostics.Single(d => d.GetMessage().StartsWith("Schema"));
            Assert.Equal(
                "Schema 'Basket' was left out of the client: $ref '#/components/schemas/Coupon' cannot be resolved (this document has no '/components/schemas/Coupon')",
                schema.GetMessage());
            Assert.Equal(49, schema.Location.GetLineSpan().StartLinePosition.Line); // the second "Coupon" in the text; the first is data

            var client = result.Source("Consumer.Shop.ShopClient.g.cs");
            Assert.Contains("ListItemsAsync(", client);
            Assert.Contains("ListOrdersAsync(", client);
            Assert.DoesNotContain("CreateOrderAsync", client);
            var hints = result.Sources.Select(s => s.HintName).ToList();
            Assert.Contains("Consumer.Shop.Item.g.cs", hints);
            Assert.DoesNotContain("Consumer.Shop.Basket.g.cs", hints);
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void What_uses_a_left_out_schema_is_left_out_too_and_says_why()
        {
            var yaml =
                "openapi: 3.0.0\ninfo:\n  title: Zoo\n  version: '1'\npaths:\n" +
                "  /animals:\n    get:\n      operationId: listAnimals\n      responses:\n        '200':\n          description: ok\n" +
                "          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Animal' }\n" +
                "  /keepers:\n    get:\n      operationId: listKeepers\n      responses:\n        '200':\n          description: ok\n" +
                "          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Keeper' }\n" +
                "components:\n  schemas:\n" +
                "    Keeper:\n      type: object\n      properties:\n        name: { type: string }\n" +
                "    Animal:\n      allOf:\n        - $ref: '#/components/schemas/Creature'\n        - type: object\n          properties:\n            name: { type: string }\n" +
                "    Creature:\n      type: object\n      properties:\n        habitat: { $ref: '#/components/schemas/Habitat' }\n"; // line 38

            var result = GeneratorHarness.Run(new SpecFile("/specs/zoo.yaml", yaml));

            var messages = result.Diagnostics.Select(d => d.GetMessage()).ToList();
            Assert.Equal(3, messages.Count);
            Assert.All(result.Diagnostics, d => Assert.Equal(38, d.Location.GetLineSpan().StartLinePosition.Line));
            Assert.Contains("Schema 'Creature' was left out of the client: $ref '#/components/schemas/Habitat' cannot be resolved (this document has no '/components/schemas/Habitat')", messages);
            Assert.Contains("Schema 'Animal' was left out of the client because it uses schema 'Creature', which was left out: $ref '#/components/schemas/Habitat' cannot be resolved (this document has no '/components/schemas/Habitat')", messages);
            Assert.Contains("Operation 'GET /animals' (listAnimals) was left out of the client because it uses schema 'Animal', which was left out: $ref '#/components/schemas/Habitat' cannot be resolved (this document has no '/components/schemas/Habitat')", messages);
            Assert.Contains("ListKeepersAsync(", result.Source("Consumer.Zoo.ZooClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_bad_ref_in_a_json_document_is_found_at_its_line()
        {
            var json =
                "{\n  \"openapi\": \"3.0.0\",\n  \"info\": { \"title\": \"Tiny\", \"version\": \"1\" },\n  \"paths\": {\n" +
                "    \"/a\": { \"get\": { \"operationId\": \"getA\", \"responses\": { \"204\": { \"description\": \"none\" } } } },\n" +
                "    \"/b\": { \"get\": { \"operationId\": \"getB\", \"parameters\": [\n" +
                "      { \"$ref\": \"#/components/parameters/Missing\" }\n" + // line 6
                "    ], \"responses\": { \"204\": { \"description\": \"none\" } } } }\n  }\n}\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/tiny.json", json));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG008", diagnostic.Id);
            Assert.StartsWith("Operation 'GET /b' (getB) was left out", diagnostic.GetMessage());
            Assert.Equal(6, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Contains("GetAAsync(", result.Source("Consumer.Tiny.TinyClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_bad_path_level_parameter_leaves_out_every_operation_of_that_path()
        {
            var yaml = "openapi: 3.0.0\ninfo:\n  title: Tiny\n  version: '1'\npaths:\n  /a/{id}:\n    parameters:\n      - $ref: '#/components/parameters/Id'\n"
                + "    get:\n      operationId: getA\n      responses: { '204': { description: none } }\n    delete:\n      operationId: deleteA\n      responses: { '204': { description: none } }\n"
                + "  /b:\n    get:\n      operationId: getB\n      responses: { '204': { description: none } }\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/tiny.yaml", yaml));

            Assert.Equal(new[] { "Operation 'DELETE /a/{id}' (deleteA)", "Operation 'GET /a/{id}' (getA)" }, result.Diagnostics.Select(d => d.GetMessage().Split(" was ")[0]).OrderBy(m => m));
            Assert.All(result.Diagnostics, d => Assert.Equal(7, d.Location.GetLineSpan().StartLinePosition.Line));
            Assert.Contains("GetBAsync(", result.Source("Consumer.Tiny.TinyClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void Swagger_2_definitions_parameters_and_responses_are_left_out_the_same_way()
        {
            var yaml = "swagger: '2.0'\ninfo:\n  title: Old\n  version: '1'\npaths:\n"
                + "  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          schema: { $ref: '#/definitions/Thing' }\n"
                + "  /b:\n    get:\n      operationId: getB\n      responses:\n        '404': { $ref: '#/responses/Gone' }\n"
                + "definitions:\n  Thing:\n    type: object\n    properties:\n      id: { type: string }\n  Broken:\n    type: object\n    properties:\n      x: { $ref: '#/definitions/Nope' }\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/old.yaml", yaml));

            Assert.Equal(new[] { "Operation 'GET /b' (getB)", "Schema 'Broken'" }, result.Diagnostics.Select(d => d.GetMessage().Split(" was ")[0]).OrderBy(m => m));
            Assert.Contains("GetAAsync(", result.Source("Consumer.Old.OldClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_remote_ref_is_left_out_and_never_fetched()
        {
            // Port 9 on loopback: if anything tried to fetch it, the run would fail or hang rather than pass quietly.
            var yaml = "openapi: 3.0.0\ninfo:\n  title: Tiny\n  version: '1'\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n"
                + "          content:\n            application/json:\n              schema: { $ref: 'http://127.0.0.1:9/schemas.json#/Thing' }\n"
                + "  /b:\n    get:\n      operationId: getB\n      responses: { '204': { description: none } }\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/tiny.yaml", yaml));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG008", diagnostic.Id);
            Assert.Contains("does not fetch remote documents", diagnostic.GetMessage());
            Assert.Equal(13, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Contains("GetBAsync(", result.Source("Consumer.Tiny.TinyClient.g.cs"));
        }

        [Theory]
        [InlineData("\"schema\": { \"\\u0024ref\": \"http://127.0.0.1:9/x.json\" }")] // the key spelled with an escape
        [InlineData("\"schema\": { \"type\": \"object\", \"properties\": { \"k\": { \"type\": \"string\" } }, \"discriminator\": { \"propertyName\": \"k\", \"mapping\": { \"a\": \"http://127.0.0.1:9/a.json\" } } }")]
        public void A_remote_reference_in_json_is_never_handed_to_nswag(string schema)
        {
            var json = "{ \"openapi\": \"3.0.0\", \"info\": { \"title\": \"Tiny\", \"version\": \"1\" }, \"paths\": {\n"
                + "  \"/a\": { \"get\": { \"operationId\": \"getA\", \"responses\": { \"200\": { \"description\": \"ok\", \"content\": { \"application/json\": { " + schema + " } } } } } },\n"
                + "  \"/b\": { \"get\": { \"operationId\": \"getB\", \"responses\": { \"204\": { \"description\": \"none\" } } } } } }\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/tiny.json", json));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG008", diagnostic.Id);
            Assert.StartsWith("Operation 'GET /a' (getA) was left out", diagnostic.GetMessage());
            Assert.Contains("does not fetch remote documents", diagnostic.GetMessage());
            Assert.Contains("GetBAsync(", result.Source("Consumer.Tiny.TinyClient.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void Discriminator_mappings_are_references_and_bare_schema_names_resolve()
        {
            var yaml = "openapi: 3.0.0\ninfo:\n  title: Pets\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n"
                + "    Pet:\n      type: object\n      required: [kind]\n      properties:\n        kind: { type: string }\n      discriminator:\n        propertyName: kind\n        mapping:\n          cat: Cat\n"
                + "    Cat:\n      allOf:\n        - $ref: '#/components/schemas/Pet'\n        - type: object\n          properties:\n            lives: { type: integer }\n"
                + "    Shape:\n      type: object\n      properties:\n        kind: { type: string }\n      discriminator:\n        propertyName: kind\n        mapping:\n          circle: '#/components/schemas/Circle'\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/pets.yaml", yaml));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.StartsWith("Schema 'Shape' was left out of the client: $ref '#/components/schemas/Circle' cannot be resolved", diagnostic.GetMessage());
            Assert.Equal(29, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Contains("Consumer.Pets.Cat.g.cs", result.Sources.Select(s => s.HintName));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_document_whose_refs_all_resolve_reaches_nswag_unchanged_and_reports_nothing()
        {
            var result = GeneratorHarness.Run(SpecFile.FromDisk(Paths.YEScaleSpec, "YEScale", "YEScaleClient"));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
        }
    }
}
