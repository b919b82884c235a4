using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Emit
{
    /// <summary>Required members of request models are required at compile time: C# 11's <c>required</c>, or a constructor.</summary>
    public class RequiredMemberTests
    {
        // Order is sent (a request body); Receipt only comes back. Order's base, Base, has a required member too.
        private const string Spec = """
            openapi: 3.0.3
            info: { title: Shop, version: '1' }
            paths:
              /orders:
                post:
                  operationId: placeOrder
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: { $ref: '#/components/schemas/Order' }
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/Receipt' }
            components:
              schemas:
                Base:
                  type: object
                  required: [kind, shop]
                  discriminator: { propertyName: kind }
                  properties:
                    kind: { type: string }
                    shop: { type: string }
                Order:
                  allOf:
                    - $ref: '#/components/schemas/Base'
                    - type: object
                      required: [item, quantity, id, type]
                      properties:
                        item: { type: string }
                        quantity: { type: integer }
                        id: { type: string, readOnly: true }
                        type: { type: string, enum: [order] }
                        note: { type: string }
                Receipt:
                  type: object
                  required: [number]
                  properties:
                    number: { type: string }
            """;

        private static IReadOnlyList<string> Errors(LanguageVersion version, string consumer)
        {
            var parseOptions = new CSharpParseOptions(version);
            var driver = GeneratorHarness.CreateDriver(new[] { new SpecFile("/specs/shop.yaml", Spec) }, parseOptions: parseOptions);
            var compilation = GeneratorHarness.CreateCompilation()
                .AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer.Shop { internal static class Use { public static object Make() => " + consumer + "; } }", parseOptions));
            driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, CancellationToken.None);
            Assert.Empty(diagnostics);
            return output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + " " + d.GetMessage()).ToList();
        }

        [Fact]
        public void A_request_model_without_its_required_members_does_not_compile()
        {
            var errors = Errors(LanguageVersion.CSharp12, "new Order { Shop = \"north\", Item = \"tea\" }");

            Assert.Contains(errors, e => e.StartsWith("CS9035") && e.Contains("Order.Quantity"));
            Assert.Contains(errors, e => e.StartsWith("CS9035") && e.Contains("Base.Kind"));
            Assert.DoesNotContain(errors, e => e.Contains("Order.Item") || e.Contains("Base.Shop"));
        }

        [Fact]
        public void A_request_model_with_its_required_members_compiles_by_initializer_or_constructor()
        {
            Assert.Empty(Errors(LanguageVersion.CSharp12, "new Order { Kind = \"order\", Shop = \"north\", Item = \"tea\", Quantity = 2 }"));
            Assert.Empty(Errors(LanguageVersion.CSharp12, "new Order(\"order\", \"north\", \"tea\", 2) { Note = \"quick\" }"));
        }

        [Fact]
        public void Read_only_and_constant_members_and_answer_only_models_are_not_required()
        {
            // Id is read-only, Type has one value (set for the caller), Receipt is never sent.
            Assert.Empty(Errors(LanguageVersion.CSharp12, "new Receipt()"));
            var order = GeneratorHarness.Run(new SpecFile("/specs/shop.yaml", Spec)).Source("Consumer.Shop.Order.g.cs");
            Assert.Contains("public string Id { get; set; } = default!;", order);
            Assert.Contains("public string Type { get; set; } = \"order\";", order);
            Assert.Contains("public required string Item { get; set; } = default!;", order);
        }

        [Fact]
        public void Before_CSharp_11_the_constructor_is_the_only_way_to_create_a_request_model()
        {
            var errors = Errors(LanguageVersion.CSharp10, "new Order { Kind = \"order\", Shop = \"north\", Item = \"tea\", Quantity = 2 }");

            Assert.Contains(errors, e => e.StartsWith("CS1729") && e.Contains("0 arguments"));
            Assert.Empty(Errors(LanguageVersion.CSharp10, "new Order(\"order\", \"north\", \"tea\", 2)"));
            Assert.Empty(Errors(LanguageVersion.CSharp10, "new Receipt()"));
        }
    }
}
