using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Emit
{
    /// <summary>
    /// The client's surface: a sub-client per tag, names shortened by the tag's word, one noun per task family, and
    /// clashes settled by the one name allocator, so the output compiles and the same spec gives the same names.
    /// </summary>
    public class ClientSurfaceTests
    {
        /// <summary>A document built from operations: (tag or null, method, path, operationId, extra YAML under the operation).</summary>
        private static string Spec(IEnumerable<(string? Tag, string Method, string Path, string OperationId, string Extra)> operations, string schemas = "")
        {
            var yaml = new StringBuilder("openapi: 3.0.0\ninfo:\n  title: Gateway\n  version: '1'\npaths:\n");
            foreach (var path in operations.GroupBy(o => o.Path))
            {
                yaml.Append("  ").Append(path.Key).Append(":\n");
                foreach (var operation in path)
                {
                    yaml.Append("    ").Append(operation.Method).Append(":\n");
                    yaml.Append("      operationId: ").Append(operation.OperationId).Append('\n');
                    if (operation.Tag != null)
                    {
                        yaml.Append("      tags: [").Append(operation.Tag).Append("]\n");
                    }

                    yaml.Append(operation.Extra);
                }
            }

            yaml.Append("components:\n  schemas:\n");
            yaml.Append("    Created:\n      type: object\n      properties:\n        id: { type: string }\n");
            yaml.Append("    Job:\n      type: object\n      properties:\n        id: { type: string }\n        status: { type: string }\n        url: { type: string }\n");
            yaml.Append(schemas);
            return yaml.ToString();
        }

        private static string Submit(string fetchOperationId) =>
            "      requestBody:\n        content:\n          application/json:\n            schema: { type: object, properties: { prompt: { type: string } } }\n"
            + "      responses:\n        '200':\n          description: accepted\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Created' }\n"
            + "          links:\n            job:\n              operationId: " + fetchOperationId + "\n              parameters:\n                id: $response.body#/id\n";

        private const string Fetch =
            "      parameters:\n        - { name: id, in: path, required: true, schema: { type: string } }\n"
            + "      x-yescale-task:\n        status: /status\n        succeeded: [done]\n        failed: [failed]\n        result: /url\n"
            + "      responses:\n        '200':\n          description: the job\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Job' }\n";

        private const string Plain =
            "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Created' }\n";

        private static GeneratorResult Generate(string yaml)
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/gateway.yaml", yaml));
            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            return result;
        }

        private static INamedTypeSymbol Type(GeneratorResult result, string name)
            => result.Compilation.GetTypeByMetadataName("Consumer.Gateway." + name) ?? throw new Xunit.Sdk.XunitException("No type " + name + "; generated: " + string.Join(", ", result.Sources.Select(s => s.HintName)));

        private static List<string> PublicMethods(INamedTypeSymbol type)
            => type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary && m.DeclaredAccessibility == Accessibility.Public).Select(m => m.Name).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToList();

        [Fact]
        public void Each_tag_becomes_a_sub_client_whose_names_drop_the_tag_and_use_one_noun_per_task_family()
        {
            var result = Generate(Spec(new (string?, string, string, string, string)[]
            {
                ("Suno", "post", "/suno/submit", "submitSunoMusic", Submit("getSunoTask")),
                ("Suno", "get", "/suno/fetch/{id}", "getSunoTask", Fetch),
                ("Images", "post", "/images", "createImage", Plain),
                (null, "get", "/status", "getStatus", Plain),
            }));

            var client = Type(result, "GatewayClient");
            Assert.Contains(client.GetMembers("Suno").OfType<IPropertySymbol>(), p => p.Type.Name == "SunoClient");
            Assert.Contains(client.GetMembers("Images").OfType<IPropertySymbol>(), p => p.Type.Name == "ImagesClient");
            Assert.Contains(client.GetMembers("Tasks").OfType<IPropertySymbol>(), p => p.Type.Name == "TaskClient");
            Assert.Equal(new[] { "GetStatusAsync" }, PublicMethods(client));

            // submitSunoMusic and getSunoTask: one noun, Music, from the family's only submit.
            Assert.Equal(new[] { "GetMusicAsync", "MusicTask", "SubmitMusicAsync", "WaitForMusicAsync" }, PublicMethods(Type(result, "SunoClient")));
            var submit = Type(result, "SunoClient").GetMembers("SubmitMusicAsync").OfType<IMethodSymbol>().Single();
            Assert.Equal("Task<SubmittedTask<Created, Job>>", submit.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
            Assert.Equal(new[] { "CreateAsync" }, PublicMethods(Type(result, "ImagesClient")));
        }

        [Fact]
        public void Names_that_would_clash_once_shortened_keep_their_full_form()
        {
            // In the Kling sub-client getKlingVideo and getVideo would both become GetVideo, VideoTask and WaitForVideo.
            var result = Generate(Spec(new (string?, string, string, string, string)[]
            {
                ("Kling", "get", "/kling/videos/{id}", "getKlingVideo", Fetch),
                ("Kling", "get", "/videos/{id}", "getVideo", Fetch),
                ("Other", "get", "/other", "listOther", Plain),
            }));

            Assert.Equal(
                new[] { "GetKlingVideoAsync", "GetVideoAsync", "KlingVideoTask", "VideoTask", "WaitForKlingVideoAsync", "WaitForVideoAsync" },
                PublicMethods(Type(result, "KlingClient")));
        }

        [Fact]
        public void A_sub_client_never_takes_a_model_s_name_and_a_handle_never_hides_a_type()
        {
            // A model named KlingClient, and (in the flat client of a one-tag spec) a model named JobTask, the handle's first choice.
            var schemas = "    KlingClient:\n      type: object\n      properties:\n        name: { type: string }\n"
                          + "    JobTask:\n      type: object\n      properties:\n        name: { type: string }\n";
            var grouped = Generate(Spec(new (string?, string, string, string, string)[]
            {
                ("Kling", "get", "/kling/{id}", "getKlingJob", Fetch),
                ("Other", "get", "/other", "listOther", Plain),
                (null, "get", "/model", "getModel", "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/KlingClient' }\n"),
            }, schemas));
            Assert.Equal("KlingClient2", Assert.Single(Type(grouped, "GatewayClient").GetMembers("Kling").OfType<IPropertySymbol>()).Type.Name);

            var flat = Generate(Spec(new (string?, string, string, string, string)[]
            {
                (null, "get", "/jobs/{id}", "getJob", Fetch),
                (null, "get", "/task", "getTask", "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/JobTask' }\n"),
            }, schemas));
            Assert.Contains("JobHandle", PublicMethods(Type(flat, "GatewayClient")));
        }

        [Fact]
        public void A_document_with_one_tag_keeps_a_flat_client()
        {
            var result = Generate(Spec(new (string?, string, string, string, string)[]
            {
                ("Jobs", "post", "/jobs", "createJob", Submit("getJob")),
                ("Jobs", "get", "/jobs/{id}", "getJob", Fetch),
            }));

            Assert.Equal(new[] { "CreateJobAsync", "GetJobAsync", "JobTask", "WaitForJobAsync" }, PublicMethods(Type(result, "GatewayClient")));
            Assert.DoesNotContain(result.Sources, s => s.HintName.EndsWith("JobsClient.g.cs", System.StringComparison.Ordinal));
        }

        [Fact]
        public void The_same_document_gives_the_same_names_on_every_run()
        {
            var yaml = Spec(new (string?, string, string, string, string)[]
            {
                ("Kling", "get", "/kling/videos/{id}", "getKlingVideo", Fetch),
                ("Kling", "get", "/videos/{id}", "getVideo", Fetch),
                ("Suno", "post", "/suno/submit", "submitSunoMusic", Submit("getSunoTask")),
                ("Suno", "get", "/suno/fetch/{id}", "getSunoTask", Fetch),
            });

            var first = GeneratorHarness.Run(new SpecFile("/specs/gateway.yaml", yaml)).Sources.Select(s => s.HintName + "\n" + s.SourceText).ToList();
            var second = GeneratorHarness.Run(new SpecFile("/specs/gateway.yaml", yaml)).Sources.Select(s => s.HintName + "\n" + s.SourceText).ToList();
            Assert.Equal(first, second);
        }
    }
}
