using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Model;
using YEScale.Toolkit.Generator.Parsing;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Diagnostics
{
    /// <summary>One test per descriptor in the catalog: each is reported where it should be, with a useful location.</summary>
    public class DiagnosticTests
    {
        private const string MinimalSpec = "openapi: 3.0.0\ninfo:\n  title: Tiny\n  version: '1'\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        '204':\n          description: pong\n";

        [Fact]
        public void Every_descriptor_has_a_unique_stable_id_and_a_help_link()
        {
            var ids = DiagnosticCatalog.All.Select(d => d.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(DiagnosticCatalog.All, d => Assert.Matches("^YSG\\d{3}$", d.Id));
            Assert.All(DiagnosticCatalog.All, d => Assert.False(string.IsNullOrEmpty(d.HelpLinkUri)));
        }

        [Fact]
        public void YSG001_invalid_json_is_an_error_at_the_line_and_column_of_the_mistake()
        {
            var json = "{\n  \"openapi\": \"3.0.0\",\n  \"info\": { \"title\": \"Broken\", \"version\": \"1\" },\n  \"paths\": { \"/a\": { \"get\": { \"responses\": { } } }\n  oops\n}\n";
            var result = GeneratorHarness.Run(new SpecFile("/specs/broken.json", json));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG001", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            var span = diagnostic.Location.GetLineSpan();
            Assert.Equal("/specs/broken.json", span.Path);
            Assert.Equal(4, span.StartLinePosition.Line); // 0-based: the fifth line, "oops"
            Assert.Empty(result.Sources);
        }

        [Fact]
        public void YSG001_invalid_yaml_is_an_error_at_the_line_of_the_mistake()
        {
            var yaml = "openapi: 3.0.0\ninfo:\n  title: Broken\n  version: '1'\npaths:\n  /a:\n    get: [unclosed\n      responses: {}\n";
            var result = GeneratorHarness.Run(new SpecFile("/specs/broken.yaml", yaml));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG001", diagnostic.Id);
            var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
            Assert.InRange(line, 6, 7); // the flow sequence opened on line 7 and never closed
            Assert.Empty(result.Sources);
        }

        [Fact]
        public void YSG002_a_document_without_info_or_paths_is_an_error()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/not-openapi.yaml", "name: just some yaml\nitems: [1, 2, 3]\n"));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG002", diagnostic.Id);
            Assert.Equal("/specs/not-openapi.yaml", diagnostic.Location.GetLineSpan().Path);
            Assert.Empty(result.Sources);
        }

        [Fact]
        public void YSG003_an_unsupported_operation_is_a_warning_at_its_path_and_the_rest_is_generated()
        {
            // A form body must be an object whose members become fields; a bare string cannot be sent as a form.
            var yaml = MinimalSpec + "  /upload:\n    post:\n      operationId: upload\n      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema: { type: string }\n      responses:\n        '204':\n          description: ok\n";
            var result = GeneratorHarness.Run(new SpecFile("/specs/tiny.yaml", yaml));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG003", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Contains("upload", diagnostic.GetMessage());
            Assert.Contains("application/x-www-form-urlencoded", diagnostic.GetMessage());
            Assert.Equal(12, diagnostic.Location.GetLineSpan().StartLinePosition.Line); // "    post:" under "/upload:"
            var client = result.Source("Consumer.Tiny.TinyClient.g.cs");
            Assert.Contains("PingAsync", client);
            Assert.DoesNotContain("UploadAsync", client);
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void YSG004_a_failure_inside_the_generator_becomes_a_diagnostic_not_an_exception()
        {
            // A null text cannot come from the compiler; it stands for any bug that would otherwise escape.
            var model = SpecParser.Parse(new SpecInput("/specs/x.yaml", null!, null, null, null), CancellationToken.None);

            var diagnostic = Assert.Single(model.Diagnostics);
            Assert.Equal("YSG004", diagnostic.Id);
            Assert.Equal("NullReferenceException", diagnostic.Arguments[0]);
            Assert.Empty(model.Types);
            Assert.Empty(model.Operations);
        }

        [Fact]
        public void YSG005_a_project_below_csharp_8_is_told_so_and_gets_no_code()
        {
            var driver = GeneratorHarness.CreateDriver(new[] { new SpecFile("/specs/tiny.yaml", MinimalSpec) }, parseOptions: new CSharpParseOptions(LanguageVersion.CSharp7_3));
            var result = driver.RunGenerators(GeneratorHarness.CreateCompilation("class C { }")).GetRunResult();

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG005", diagnostic.Id);
            Assert.Contains("7.3", diagnostic.GetMessage());
            Assert.Empty(result.GeneratedTrees);
        }

        [Fact]
        public void YSG006_two_documents_generating_the_same_file_are_reported()
        {
            var result = GeneratorHarness.Run(
                new SpecFile("/specs/one.yaml", MinimalSpec, "Same", "SameClient"),
                new SpecFile("/specs/two.yaml", MinimalSpec, "Same", "SameClient"));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG006", diagnostic.Id);
            Assert.Contains("Same.SameClient.g.cs", diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("status: /state", "names 'state'")]
        [InlineData("taskId: job\n        status: /status", "'taskId' names 'job'")]
        [InlineData("status: status", "JSON pointer")]
        [InlineData("failed: [x]", "'status' is required")]
        public void YSG007_an_unusable_task_extension_is_a_warning_at_its_line_and_the_operation_is_still_generated(string extension, string expected)
        {
            var yaml = "openapi: 3.0.0\ninfo:\n  title: Jobs\n  version: '1'\npaths:\n  /jobs/{id}:\n    get:\n      operationId: getJob\n      x-yescale-task:\n        "
                + extension + "\n        succeeded: [done]\n      parameters:\n        - { name: id, in: path, required: true, schema: { type: string } }\n"
                + "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  status: { type: string }\n";
            var result = GeneratorHarness.Run(new SpecFile("/specs/jobs.yaml", yaml));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG007", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Contains(expected, diagnostic.GetMessage());
            Assert.Equal(8, diagnostic.Location.GetLineSpan().StartLinePosition.Line); // the "x-yescale-task:" line
            var client = result.Source("Consumer.Jobs.JobsClient.g.cs");
            Assert.Contains("GetJobAsync(", client);
            Assert.DoesNotContain("WaitForJobAsync", client);
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_valid_task_extension_gives_wait_methods_named_after_the_fetch_operation()
        {
            var yaml = "openapi: 3.0.0\ninfo:\n  title: Jobs\n  version: '1'\npaths:\n  /jobs/{id}:\n    get:\n      operationId: getJob\n      x-yescale-task:\n        status: /state/code\n        succeeded: [2]\n        failed: [3]\n"
                + "      parameters:\n        - { name: id, in: path, required: true, schema: { type: string } }\n"
                + "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  state: { type: object, properties: { code: { type: integer } } }\n";
            var result = GeneratorHarness.Run(new SpecFile("/specs/jobs.yaml", yaml));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.Jobs.JobsClient.g.cs");
            Assert.Contains("WaitForJobAsync(string id, global::System.Threading.CancellationToken cancellationToken = default)", client);
            Assert.Contains("WaitForJobAsync(string id, global::YEScale.Toolkit.Polling.TaskWaitOptions? options,", client);
            Assert.Contains(" JobTask(string id) => Tasks.Kind<", client);
            Assert.Contains("_tasks.Register(new global::YEScale.Toolkit.Polling.TaskKind<", client);
            Assert.Contains("snapshot => snapshot.State?.Code?.ToString(global::System.Globalization.CultureInfo.InvariantCulture)", client);
        }

        [Fact]
        public void A_task_pointer_with_an_array_index_reads_the_item_or_null()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/jobs.yaml", JobsWithLists("result: /data/clips/1/audio_url")));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.Jobs.JobsClient.g.cs");
            Assert.Contains("result: snapshot => global::YEScale.Toolkit.Polling.TaskPath.ItemAt(snapshot.Data?.Clips, 1)?.AudioUrl)", client);
            Assert.Contains("(url__, id__, destination__, cancellationToken__) => Pipeline.DownloadAsync(url__, destination__, ", client);
        }

        [Theory]
        [InlineData("result: /data/counts/0", "indexes a list whose items are not objects or strings")]
        [InlineData("result: /data/clips/first/audio_url", "goes through a member that is not an object")]
        [InlineData("result: /data/clips/01/audio_url", "goes through a member that is not an object")]
        public void YSG007_an_array_step_that_cannot_be_read_is_reported(string pointer, string expected)
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/jobs.yaml", JobsWithLists(pointer)));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG007", diagnostic.Id);
            Assert.Contains(expected, diagnostic.GetMessage());
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_pointer_list_reads_the_first_alternative_that_gives_a_value()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/jobs.yaml", JobsWithLists("result: [/data/clips/0/audio_url, /data/status]")));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.Jobs.JobsClient.g.cs");
            Assert.Contains("result: snapshot => (global::YEScale.Toolkit.Polling.TaskPath.ItemAt(snapshot.Data?.Clips, 0)?.AudioUrl ?? snapshot.Data?.Status));", client);
        }

        [Fact]
        public void YSG007_an_alternative_pointer_that_does_not_resolve_is_reported()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/jobs.yaml", JobsWithLists("result: [/data/clips/0/audio_url, /data/nothing]")));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG007", diagnostic.Id);
            Assert.Contains("(/data/nothing) names 'nothing'", diagnostic.GetMessage());
        }

        /// <summary>A task query whose answer holds lists: of objects (clips) and of integers (counts).</summary>
        private static string JobsWithLists(string resultLine)
            => "openapi: 3.0.0\ninfo:\n  title: Jobs\n  version: '1'\npaths:\n  /jobs/{id}:\n    get:\n      operationId: getJob\n      x-yescale-task:\n"
                + "        status: /data/status\n        succeeded: [done]\n        " + resultLine + "\n"
                + "      parameters:\n        - { name: id, in: path, required: true, schema: { type: string } }\n"
                + "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n"
                + "                type: object\n                properties:\n                  data:\n                    type: object\n                    properties:\n"
                + "                      status: { type: string }\n"
                + "                      clips: { type: array, items: { type: object, properties: { audio_url: { type: string } } } }\n"
                + "                      counts: { type: array, items: { type: integer } }\n";

        [Fact]
        public void YSG013_a_description_that_is_a_ref_to_no_text_is_a_warning_at_its_line_and_the_rest_is_generated()
        {
            var spec = "openapi: 3.0.0\ninfo:\n  title: Texts\n  version: '1'\n  description: { $ref: '#/components/schemas/Note' }\npaths: {}\n"
                + "components:\n  schemas:\n    Note:\n      type: object\n      properties:\n        text: { type: string }\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/texts.yaml", spec));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG013", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Contains("it points at an object, not text", diagnostic.GetMessage());
            Assert.Contains("Consumer.Texts.Note.g.cs", result.Sources.Select(s => s.HintName));
        }

        [Theory]
        [InlineData("x-yescale-errors: { success: [0] }", "'code' is required")]
        [InlineData("x-yescale-errors: { code: code, success: [0] }", "must be a JSON pointer")]
        [InlineData("x-yescale-errors: { code: /code }", "'success' must list")]
        [InlineData("x-yescale-idempotency: { header: 'Idempotency Key' }", "'header' must name an HTTP header")]
        [InlineData("x-yescale-idempotency: yes", "it is not an object")]
        [InlineData("x-yescale-contract: openai.imagine", "'openai.imagine' is not a contract this version knows")]
        [InlineData("x-yescale-contract: openai.chat.completions", "must take a JSON object body")]
        [InlineData("x-yescale-contract: [openai.embeddings]", "the value must be a string")]
        public void YSG014_an_unusable_call_extension_is_a_warning_at_its_line_and_the_call_is_generated_without_it(string extension, string expected)
        {
            var spec = "openapi: 3.0.0\ninfo:\n  title: Jobs\n  version: '1'\npaths:\n  /jobs:\n    post:\n      operationId: createJob\n      " + extension + "\n"
                + "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n"
                + "                type: object\n                properties:\n                  code: { type: integer }\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/jobs.yaml", spec));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG014", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Contains(expected, diagnostic.GetMessage());
            Assert.Contains("'createJob'", diagnostic.GetMessage());
            Assert.Equal(8, diagnostic.Location.GetLineSpan().StartLinePosition.Line); // the extension's line
            var client = result.Source("Consumer.Jobs.JobsClient.g.cs");
            Assert.Contains("CreateJobOperation__ = new global::YEScale.Toolkit.Http.ApiOperation(\"createJob\", httpMethod: \"POST\", routeTemplate: \"/jobs\");", client);
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void Call_extensions_reach_the_operations_descriptor_the_documents_as_the_default_the_operations_own_first()
        {
            var spec = "openapi: 3.0.0\ninfo:\n  title: Jobs\n  version: '1'\nx-yescale-idempotency: { header: X-Request-Key }\n"
                + "x-yescale-errors: { code: /status/code, success: [ok, 0], message: /status/text }\npaths:\n"
                + "  /jobs:\n    post:\n      operationId: createJob\n      responses:\n        '204':\n          description: ok\n"
                + "  /notes:\n    post:\n      operationId: createNote\n      x-yescale-idempotency: { honoured: false }\n      x-yescale-errors: { code: /code, success: [1] }\n"
                + "      responses:\n        '204':\n          description: ok\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/jobs.yaml", spec));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.Jobs.JobsClient.g.cs");
            Assert.Contains("new global::YEScale.Toolkit.Http.ApiOperation(\"createJob\", idempotencyHeader: \"X-Request-Key\", answerErrors: new global::YEScale.Toolkit.Http.AnswerErrorRule(\"/status/code\", new[] { \"ok\", \"0\" }, \"/status/text\"), httpMethod: \"POST\", routeTemplate: \"/jobs\")", client);
            Assert.Contains("new global::YEScale.Toolkit.Http.ApiOperation(\"createNote\", answerErrors: new global::YEScale.Toolkit.Http.AnswerErrorRule(\"/code\", new[] { \"1\" }), httpMethod: \"POST\", routeTemplate: \"/notes\")", client);
        }

        [Fact]
        public void YSG014_a_document_level_extension_that_cannot_be_used_is_reported_at_its_line()
        {
            var spec = "openapi: 3.0.0\ninfo:\n  title: Jobs\n  version: '1'\nx-yescale-errors: [code]\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        '204':\n          description: pong\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/jobs.yaml", spec));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG014", diagnostic.Id);
            Assert.Contains("'the document'", diagnostic.GetMessage());
            Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        }

        [Fact]
        public void Additional_files_that_are_not_OpenApiSpec_items_are_ignored()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/tiny.yaml", MinimalSpec, SourceItemType: "None"), new SpecFile("/notes.txt", "not a spec", SourceItemType: ""));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.Sources);
        }
    }
}
