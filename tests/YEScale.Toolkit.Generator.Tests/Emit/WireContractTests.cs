using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Emit
{
    /// <summary>
    /// Which operations speak a wire contract (by mark or by OpenAI's convention), what the client gets for them, and when
    /// the Microsoft.Extensions.AI adapters are emitted into the consuming project.
    /// </summary>
    public class WireContractTests
    {
        private const string ClientHint = "Consumer.Gateway.GatewayClient.g.cs";

        private static readonly string[] AdapterHints =
        {
            "YEScale.Toolkit.AI.WireChatClient.g.cs",
            "YEScale.Toolkit.AI.WireEmbeddingGenerator.g.cs",
            "YEScale.Toolkit.AI.WireAIExtensions.g.cs",
        };

        /// <summary>An OpenAI-compatible document without any mark; <paramref name="chatExtra"/> goes on the chat operation.</summary>
        private static string Gateway(string chatExtra = "", string chatPath = "/v1/chat/completions", string chatMethod = "post") => $$"""
            openapi: 3.0.0
            info: { title: Gateway, version: '1' }
            paths:
              {{chatPath}}:
                {{chatMethod}}:
                  operationId: chat
                  {{chatExtra}}
                  requestBody:
                    content:
                      application/json:
                        schema: { $ref: '#/components/schemas/ChatRequest' }
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/ChatAnswer' }
              /v1/embeddings:
                post:
                  operationId: embed
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [model, input]
                          properties:
                            model: { type: string }
                            input: { type: array, items: { type: string } }
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              data: { type: array, items: { type: object, properties: { embedding: { type: array, items: { type: number } } } } }
            components:
              schemas:
                ChatRequest:
                  type: object
                  required: [model, messages]
                  properties:
                    model: { type: string }
                    messages: { type: array, items: { type: object, properties: { role: { type: string }, content: { type: string } } } }
                ChatAnswer:
                  type: object
                  properties:
                    id: { type: string }
            """;

        private static SpecFile Spec(string text) => new("/specs/gateway.yaml", text);

        [Fact]
        public void An_OpenAI_compatible_document_without_marks_gets_both_contracts_by_convention()
        {
            var result = GeneratorHarness.Run(Spec(Gateway()));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source(ClientHint);
            Assert.Contains("partial class GatewayClient : global::YEScale.Toolkit.Contracts.IWireContractClient", client);
            Assert.Contains("case \"openai.chat.completions\": return ChatEndpoint__();", client);
            Assert.Contains("case \"openai.embeddings\": return EmbedEndpoint__();", client);
            Assert.Contains("ChatAsync(string model, string prompt,", client);
        }

        [Theory]
        [InlineData("x-yescale-contract: none", "/v1/chat/completions", "post")]
        [InlineData("", "/v1/chat/completions", "put")]
        [InlineData("", "/v1/chat/answers", "post")]
        public void A_chat_operation_opted_out_or_off_the_convention_speaks_no_contract(string extra, string path, string method)
        {
            var result = GeneratorHarness.Run(Spec(Gateway(extra, path, method)));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source(ClientHint);
            Assert.DoesNotContain("openai.chat.completions", client);
            Assert.DoesNotContain("string model, string prompt", client);
            Assert.Contains("case \"openai.embeddings\"", client);
        }

        [Fact]
        public void A_mark_puts_a_contract_on_an_operation_off_the_convention()
        {
            var result = GeneratorHarness.Run(Spec(Gateway("x-yescale-contract: openai.chat.completions", "/v2/talk")));

            Assert.Empty(result.Diagnostics);
            Assert.Contains("case \"openai.chat.completions\": return ChatEndpoint__();", result.Source(ClientHint));
        }

        [Fact]
        public void A_document_without_contract_operations_implements_nothing_extra()
        {
            var spec = "openapi: 3.0.0\ninfo: { title: Gateway, version: '1' }\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        '204': { description: pong }\n";

            var result = GeneratorHarness.Run(Spec(spec));

            Assert.DoesNotContain("IWireContractClient", result.Source(ClientHint));
        }

        private static MetadataReference Abstractions => MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.IChatClient).Assembly.Location);

        private static (GeneratorRunResult Run, Compilation Output) RunWith(IEnumerable<MetadataReference> references, LanguageVersion language = LanguageVersion.CSharp12)
        {
            var parse = new CSharpParseOptions(language);
            var driver = GeneratorHarness.CreateDriver(new[] { Spec(Gateway()) }, parseOptions: parse);
            var compilation = GeneratorHarness.CreateCompilation(references, "namespace Consumer { internal static class Program { } }")
                .WithOptions(GeneratorHarness.CreateCompilation().Options);
            compilation = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Program { } }", parse));
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            return (driver.GetRunResult().Results.Single(), output);
        }

        [Fact]
        public void A_project_that_sees_the_abstractions_gets_the_adapters_once_and_they_compile_with_a_consumer_call()
        {
            var consumer = """
                using Microsoft.Extensions.AI;
                namespace Consumer
                {
                    internal static class Use
                    {
                        public static IChatClient Chat(Gateway.GatewayClient client) => client.AsIChatClient("gpt-4o-mini");
                        public static IEmbeddingGenerator<string, Embedding<float>> Embed(Gateway.GatewayClient client) => client.AsIEmbeddingGenerator("text-embedding-3-small", 256);
                    }
                }
                """;
            var driver = GeneratorHarness.CreateDriver(new[] { Spec(Gateway()) });
            var compilation = GeneratorHarness.CreateCompilation(new[] { Abstractions }, consumer);

            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

            Assert.Empty(diagnostics);
            var hints = driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
            Assert.All(AdapterHints, hint => Assert.Single(hints, hint));
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        }

        [Fact]
        public void Without_the_abstractions_or_below_CSharp_9_no_adapter_is_emitted()
        {
            var without = RunWith(Enumerable.Empty<MetadataReference>());
            var oldLanguage = RunWith(new[] { Abstractions }, LanguageVersion.CSharp8);

            Assert.DoesNotContain(without.Run.GeneratedSources, s => AdapterHints.Contains(s.HintName));
            Assert.DoesNotContain(oldLanguage.Run.GeneratedSources, s => AdapterHints.Contains(s.HintName));
            Assert.Contains(without.Run.GeneratedSources, s => s.HintName == ClientHint);
        }

        [Fact]
        public void A_reference_that_already_shares_its_adapters_with_the_project_is_used_instead_of_a_second_copy()
        {
            // A library whose adapters the consumer sees (InternalsVisibleTo): two copies would make AsIChatClient ambiguous.
            var library = GeneratorHarness.CreateCompilation(new[] { Abstractions }, "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Consumer\")]")
                .WithAssemblyName("Library");
            GeneratorHarness.CreateDriver(new[] { Spec(Gateway()) }).RunGeneratorsAndUpdateCompilation(library, out var libraryOutput, out _);
            using var image = new MemoryStream();
            Assert.True(libraryOutput.Emit(image).Success);
            var libraryReference = MetadataReference.CreateFromImage(image.ToArray());
            var consumer = """
                using Microsoft.Extensions.AI;
                namespace App { internal static class Use { public static IChatClient Chat(YEScale.Toolkit.Contracts.IWireContractClient client) => client.AsIChatClient("m"); } }
                """;
            var driver = GeneratorHarness.CreateDriver(System.Array.Empty<SpecFile>());
            var compilation = GeneratorHarness.CreateCompilation(new[] { Abstractions, libraryReference }, consumer);

            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

            Assert.Empty(driver.GetRunResult().Results.Single().GeneratedSources);
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }
    }
}
