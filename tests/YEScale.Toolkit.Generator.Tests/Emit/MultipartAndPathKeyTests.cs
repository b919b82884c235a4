using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Emit
{
    /// <summary>Multipart members that may hold files (unions, lists of unions), and path keys that carry a literal query.</summary>
    public class MultipartAndPathKeyTests
    {
        private const string Spec = """
            openapi: 3.1.0
            info: { title: Uploads, version: '1' }
            paths:
              /edits:
                post:
                  operationId: edit
                  requestBody:
                    required: true
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          properties:
                            image:
                              anyOf:
                                - { type: string, format: binary }
                                - { type: array, items: { type: string, format: binary } }
                            inputs:
                              type: array
                              items: { oneOf: [ { type: string, format: binary }, { type: object, properties: { url: { type: string } } } ] }
                            options:
                              oneOf: [ { type: string }, { type: object, properties: { level: { type: integer } } } ]
                  responses:
                    '204': { description: ok }
            """;

        private const string PathKeys = """
            openapi: 3.0.3
            info: { title: Uploads, version: '1' }
            paths:
              /responses:
                post:
                  responses:
                    '204': { description: ok }
              /responses?beta=true:
                post:
                  responses:
                    '204': { description: ok }
                get:
                  operationId: listBetaResponses
                  parameters:
                    - { name: beta, in: query, schema: { type: string } }
                  responses:
                    '204': { description: ok }
            """;

        [Fact]
        public void A_union_that_may_hold_files_compiles_cleanly_and_is_written_by_the_runtime_as_parts_or_a_field()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/uploads.yaml", Spec));

            Assert.Empty(result.Diagnostics);
            // A file variant's JSON write is a throw: nothing may follow it (CS0162 under TreatWarningsAsErrors).
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.Uploads.UploadsClient.g.cs");
            Assert.Contains("if (body.Image != null) form__.AddUnion(\"image\", body.Image, body.Image.Value, EditRequestImageJsonConverter.Instance);", client);
            Assert.Contains("if (body.Inputs != null) foreach (var item__ in body.Inputs) if (item__ != null) form__.AddUnion(\"inputs\", item__, item__.Value, EditRequestInputsItemJsonConverter.Instance);", client);
            // A union with no file variant is JSON text, as before.
            Assert.Contains("if (body.Options != null) form__.Add(\"options\", global::YEScale.Toolkit.Json.ApiJson.ToRequestJson(body.Options, EditRequestOptionsJsonConverter.Instance));", client);
        }

        [Fact]
        public void Path_keys_that_differ_only_by_a_literal_query_are_two_methods_sending_the_key_as_written()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/uploads.yaml", PathKeys));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.Uploads.UploadsClient.g.cs");
            Assert.Contains("public virtual async global::System.Threading.Tasks.Task PostResponsesAsync(", client);
            Assert.Contains("public virtual async global::System.Threading.Tasks.Task PostResponsesBetaTrueAsync(", client);
            // The runtime splits the key at '?': path /responses, query beta=true (RequestUriBuilder.AppendPath).
            Assert.Contains("uri__.AppendPath(\"/responses?beta=true\");", client);
            Assert.Contains("public virtual async global::System.Threading.Tasks.Task ListBetaResponsesAsync(string? beta = null, ", client);
        }
    }
}
