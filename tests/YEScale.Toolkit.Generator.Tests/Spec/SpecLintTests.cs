using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Spec
{
    /// <summary>
    /// The house rules of <see cref="SpecLint"/> on the shipped YEScale spec, and for each rule a small bad spec it
    /// must fail on, so a rule that silently stopped finding anything cannot pass.
    /// </summary>
    public class SpecLintTests
    {
        /// <summary>Read once per run; every rule sees the same text even while the spec is being edited.</summary>
        private static readonly Lazy<Task<SpecLint>> YEScale = new(() => SpecLint.LoadFileAsync(Paths.YEScaleSpec));

        private const string Header = """
            openapi: 3.0.3
            info:
              title: Lint
              version: "1"
            tags:
              - name: Things
                description: Things to lint.

            """;

        [Fact]
        public async Task YEScale_spec_operations_have_unique_ids_and_summaries()
            => AssertNone("operationId and summary", (await YEScale.Value).IdsAndSummaries());

        [Fact]
        public async Task YEScale_spec_operations_have_typed_success_responses()
            => AssertNone("typed 2xx responses", (await YEScale.Value).TypedSuccessResponses());

        [Fact]
        public async Task YEScale_spec_task_queries_declare_x_yescale_task_with_pointers_that_resolve()
            => AssertNone("x-yescale-task", (await YEScale.Value).TaskExtensions());

        [Fact]
        public async Task YEScale_spec_submit_links_name_existing_operations_and_resolvable_parameters()
            => AssertNone("submit links", (await YEScale.Value).SubmitLinks());

        [Fact]
        public async Task YEScale_spec_examples_validate_against_their_schemas()
            => AssertNone("examples", (await YEScale.Value).Examples());

        [Fact]
        public async Task YEScale_spec_tags_are_declared_with_descriptions()
            => AssertNone("tags", (await YEScale.Value).Tags());

        [Fact]
        public async Task YEScale_spec_operations_name_their_YEScale_page_or_say_there_is_none()
            => AssertNone("evidence", (await YEScale.Value).Evidence());

        [Fact]
        public async Task The_account_spec_keeps_every_rule()
        {
            var account = await SpecLint.LoadFileAsync(System.IO.Path.Combine(Paths.Repository, "spec", "yescale-account.openapi.yaml"));

            AssertNone("operationId and summary", account.IdsAndSummaries(), "yescale-account.openapi.yaml");
            AssertNone("typed 2xx responses", account.TypedSuccessResponses(), "yescale-account.openapi.yaml");
            AssertNone("x-yescale-task", account.TaskExtensions(), "yescale-account.openapi.yaml");
            AssertNone("submit links", account.SubmitLinks(), "yescale-account.openapi.yaml");
            AssertNone("examples", account.Examples(), "yescale-account.openapi.yaml");
            AssertNone("tags", account.Tags(), "yescale-account.openapi.yaml");
            AssertNone("evidence", account.Evidence(), "yescale-account.openapi.yaml");
        }

        [Fact]
        public async Task A_spec_that_keeps_every_rule_has_no_problems()
        {
            var lint = await SpecLint.FromYamlAsync(Header + """
                paths:
                  /jobs:
                    post:
                      operationId: createJob
                      x-yescale-doc: api-1
                      tags: [Things]
                      summary: Submit a job.
                      requestBody:
                        content:
                          application/json:
                            schema: { $ref: "#/components/schemas/JobCreate" }
                            example: { count: 5, fast: true }
                      responses:
                        "202":
                          description: Accepted.
                          content:
                            application/json:
                              schema: { $ref: "#/components/schemas/JobCreated" }
                              examples:
                                one: { value: { id: job-1 } }
                          links:
                            job:
                              operationId: getJob
                              parameters: { path.job_id: "$response.body#/id" }
                  /jobs/{job_id}:
                    parameters:
                      - { name: job_id, in: path, required: true, schema: { type: string }, example: job-1 }
                    get:
                      operationId: getJob
                      x-yescale-doc: api-1
                      tags: [Things]
                      summary: Get a job.
                      x-yescale-task:
                        status: /status
                        succeeded: [done]
                        progress: /steps/0/percent
                        result: /output/url
                      responses:
                        "200":
                          description: The job.
                          content:
                            application/json:
                              schema: { $ref: "#/components/schemas/Job" }
                              example: { status: done, steps: [{ percent: 100 }], output: { url: "https://x/y.mp4" } }
                    delete:
                      operationId: deleteJob
                      x-yescale-doc: api-1
                      tags: [Things]
                      summary: Delete a job.
                      responses:
                        "204": { description: Gone. }
                  /jobs/{job_id}/events:
                    get:
                      operationId: streamJob
                      x-yescale-doc: api-1
                      summary: Follow a job.
                      parameters:
                        - { name: job_id, in: path, required: true, schema: { type: string } }
                      responses:
                        "200":
                          description: Events.
                          content:
                            text/event-stream: { schema: { type: string } }
                  /speech:
                    post:
                      operationId: speak
                      x-yescale-doc: api-1
                      summary: Say something.
                      responses:
                        "200":
                          description: Audio.
                          content:
                            audio/mpeg: { schema: { type: string, format: binary } }
                components:
                  schemas:
                    JobCreate:
                      type: object
                      required: [count]
                      properties:
                        count: { type: integer, example: 3 }
                        fast: { type: boolean }
                    JobCreated:
                      type: object
                      properties:
                        id: { type: string }
                    Job:
                      allOf:
                        - $ref: "#/components/schemas/JobState"
                        - type: object
                          properties:
                            steps:
                              type: array
                              items: { type: object, properties: { percent: { type: integer } } }
                            output: { type: object, nullable: true, properties: { url: { type: string } } }
                    JobState:
                      type: object
                      properties:
                        status: { type: string, enum: [running, done] }
                """);

            Assert.Empty(lint.IdsAndSummaries());
            Assert.Empty(lint.TypedSuccessResponses());
            Assert.Empty(lint.TaskExtensions());
            Assert.Empty(lint.SubmitLinks());
            Assert.Empty(lint.Examples());
            Assert.Empty(lint.Tags());
            Assert.Empty(lint.Evidence());
        }

        [Fact]
        public async Task Missing_and_duplicate_operation_ids_and_missing_summaries_are_each_reported()
        {
            var lint = await SpecLint.FromYamlAsync(Header + """
                paths:
                  /a:
                    get:
                      summary: A.
                      responses: { "204": { description: Done. } }
                  /b:
                    get:
                      operationId: same
                      summary: B.
                      responses: { "204": { description: Done. } }
                    post:
                      operationId: same
                      summary: " "
                      responses: { "204": { description: Done. } }
                """);

            Assert.Equal(
                new[]
                {
                    "GET /a: has no operationId",
                    "GET /b (same): operationId is also used by POST /b",
                    "POST /b (same): operationId is also used by GET /b",
                    "POST /b (same): has no summary",
                },
                lint.IdsAndSummaries());
        }

        [Fact]
        public async Task Missing_bodiless_and_untyped_success_responses_are_each_reported()
        {
            var lint = await SpecLint.FromYamlAsync(Header + """
                paths:
                  /none:
                    get:
                      operationId: none
                      summary: Only fails.
                      responses: { "400": { description: Bad. } }
                  /empty:
                    get:
                      operationId: empty
                      summary: A 200 without a body.
                      responses: { "200": { description: Nothing. } }
                  /untyped:
                    get:
                      operationId: untyped
                      summary: JSON of no shape.
                      responses:
                        "200": { description: Anything., content: { application/json: { schema: {} } } }
                  /unschemed:
                    get:
                      operationId: unschemed
                      summary: JSON without a schema.
                      responses:
                        "201": { description: Anything., content: { application/json: {} } }
                  /audio:
                    get:
                      operationId: audio
                      summary: A file described as text.
                      responses:
                        "200": { description: Sound., content: { audio/mpeg: { schema: { type: string } } } }
                """);

            Assert.Equal(
                new[]
                {
                    "GET /none (none): has no 2xx response",
                    "GET /empty (empty): 200 has no content (only a 204 may be bodiless)",
                    "GET /untyped (untyped): 200 application/json has an empty schema: no type, properties, enum or allOf/oneOf/anyOf",
                    "GET /unschemed (unschemed): 201 application/json has no schema",
                    "GET /audio (audio): 200 audio/mpeg is a file but its schema is not 'type: string, format: binary'",
                },
                lint.TypedSuccessResponses());
        }

        [Fact]
        public async Task Task_queries_without_the_extension_and_broken_extensions_are_each_reported()
        {
            var lint = await SpecLint.FromYamlAsync(Header + """
                paths:
                  /jobs:
                    post:
                      operationId: createJob
                      summary: Submit a job.
                      responses:
                        "200":
                          description: Accepted.
                          content: { application/json: { schema: { $ref: "#/components/schemas/Job" } } }
                          links:
                            job: { operationId: getJob, parameters: { job_id: "$response.body#/status" } }
                  /jobs/{job_id}:
                    get:
                      operationId: getJob
                      summary: Linked to, without the extension.
                      parameters: [{ name: job_id, in: path, required: true, schema: { type: string } }]
                      responses: &job
                        "200":
                          description: The job.
                          content: { application/json: { schema: { $ref: "#/components/schemas/Job" } } }
                  /renders/{task_id}:
                    get:
                      operationId: getRender
                      summary: Named like a task query, without the extension.
                      parameters: [{ name: task_id, in: path, required: true, schema: { type: string } }]
                      responses: *job
                  /lookup:
                    get:
                      operationId: lookup
                      summary: Takes a task id, without the extension.
                      parameters: [{ name: task_id, in: query, schema: { type: string } }]
                      responses: *job
                  /tasks/{id}:
                    get:
                      operationId: getTask
                      summary: An extension without status or succeeded, and pointers to nothing.
                      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                      x-yescale-task:
                        error: /nope
                        progress: /steps/0/percent
                        result: /steps/0/missing
                      responses: *job
                  /others/{other_id}:
                    get:
                      operationId: getOther
                      summary: An extension naming a parameter it does not have, indexing a string.
                      parameters: [{ name: other_id, in: path, required: true, schema: { type: string } }]
                      x-yescale-task: { taskId: nope, status: /status/0, succeeded: [done] }
                      responses: *job
                  /states/{id}:
                    get:
                      operationId: getState
                      summary: Ends on words its status enum does not list; a pointer list with one alternative to nothing.
                      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                      x-yescale-task: { status: /status, succeeded: [done, finished], failed: [gone], result: [/url, /nothing] }
                      responses:
                        "200":
                          description: The state.
                          content: { application/json: { schema: { $ref: "#/components/schemas/Stateful" } } }
                components:
                  schemas:
                    Job:
                      allOf:
                        - $ref: "#/components/schemas/JobState"
                        - type: object
                          properties:
                            steps:
                              type: array
                              items: { type: object, properties: { percent: { type: integer } } }
                    Stateful:
                      type: object
                      properties:
                        status: { type: string, enum: [running, done] }
                        url: { type: string }
                    JobState:
                      type: object
                      properties:
                        status: { type: string }
                """);

            Assert.Equal(
                new[]
                {
                    "GET /jobs/{job_id} (getJob): is the target of a response link but has no x-yescale-task",
                    "GET /renders/{task_id} (getRender): is a GET ending in the path parameter {task_id} but has no x-yescale-task",
                    "GET /lookup (lookup): is a GET with a task_id query parameter but has no x-yescale-task",
                    "GET /tasks/{id} (getTask): x-yescale-task has no 'status'",
                    "GET /tasks/{id} (getTask): x-yescale-task has no 'succeeded' status values",
                    "GET /tasks/{id} (getTask): x-yescale-task 'error' (/nope) does not resolve: 'nope' is not a property here",
                    "GET /tasks/{id} (getTask): x-yescale-task 'result' (/steps/0/missing) does not resolve: 'missing' is not a property here",
                    "GET /others/{other_id} (getOther): x-yescale-task 'taskId' names 'nope', which is not a parameter",
                    "GET /others/{other_id} (getOther): x-yescale-task 'status' (/status/0) does not resolve: '0' is not an array index here",
                    "GET /states/{id} (getState): x-yescale-task 'result' (/nothing) does not resolve: 'nothing' is not a property here",
                    "GET /states/{id} (getState): x-yescale-task ends tasks on 'finished', which the status enum at /status does not list",
                    "GET /states/{id} (getState): x-yescale-task ends tasks on 'gone', which the status enum at /status does not list",
                },
                lint.TaskExtensions());
        }

        [Fact]
        public async Task Submit_links_to_missing_operations_parameters_or_pointers_are_each_reported()
        {
            var lint = await SpecLint.FromYamlAsync(Header + """
                paths:
                  /a:
                    post:
                      operationId: toNowhere
                      summary: Links to an operation that does not exist.
                      responses:
                        "200":
                          description: Accepted.
                          content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } }
                          links: { job: { operationId: missing, parameters: { job_id: "$response.body#/id" } } }
                  /b:
                    post:
                      operationId: wrongParameter
                      summary: Passes a parameter the target lacks, and not the task id.
                      responses:
                        "200":
                          description: Accepted.
                          content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } }
                          links: { job: { operationId: getJob, parameters: { job: "$response.body#/id" } } }
                  /c:
                    post:
                      operationId: fromRequest
                      summary: Takes the task id from the request.
                      responses:
                        "202":
                          description: Accepted.
                          content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } }
                          links: { job: { operationId: getJob, parameters: { job_id: "$request.body#/id" } } }
                  /d:
                    post:
                      operationId: badPointer
                      summary: Points at nothing in its answer.
                      responses:
                        "200":
                          description: Accepted.
                          content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } }
                          links: { job: { operationId: getJob, parameters: { job_id: "$response.body#/task/id" } } }
                  /e:
                    post:
                      operationId: noParameters
                      summary: Passes nothing.
                      responses:
                        "200":
                          description: Accepted.
                          content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } }
                          links: { job: { operationId: getJob } }
                  /jobs/{job_id}:
                    get:
                      operationId: getJob
                      summary: Get a job.
                      parameters: [{ name: job_id, in: path, required: true, schema: { type: string } }]
                      x-yescale-task: { status: /status, succeeded: [done] }
                      responses:
                        "200":
                          description: The job.
                          content: { application/json: { schema: { type: object, properties: { status: { type: string } } } } }
                """);

            Assert.Equal(
                new[]
                {
                    "POST /a (toNowhere): 200 link to missing: no such operation",
                    "POST /b (wrongParameter): 200 link to getJob: passes 'job', which GET /jobs/{job_id} does not have",
                    "POST /b (wrongParameter): 200 link to getJob: does not pass the task id 'job_id'",
                    "POST /c (fromRequest): 202 link to getJob: 'job_id' comes from '$request.body#/id', not from $response.body#/pointer",
                    "POST /d (badPointer): 200 link to getJob: 'job_id' ($response.body#/task/id) does not resolve: 'task' is not a property here",
                    "POST /e (noParameters): 200 link to getJob: passes no parameter",
                },
                lint.SubmitLinks());
        }

        [Fact]
        public async Task Examples_that_do_not_match_their_schemas_are_each_reported()
        {
            // Quoted "5" must fail and plain 5 must pass: examples are read with YAML's types, not as text.
            var lint = await SpecLint.FromYamlAsync(Header + """
                paths:
                  /jobs:
                    post:
                      operationId: createJob
                      summary: Submit a job.
                      parameters:
                        - { name: limit, in: query, schema: { type: integer }, example: many }
                      requestBody:
                        content:
                          application/json:
                            schema: { $ref: "#/components/schemas/Job" }
                            example: { count: "5", name: ok }
                      responses:
                        "200":
                          description: The job.
                          content:
                            application/json:
                              schema: { $ref: "#/components/schemas/Job" }
                              example: { count: 5, name: ok }
                              examples:
                                good: { value: { count: 1, name: ok } }
                                nameless: { value: { count: 1 } }
                components:
                  schemas:
                    Job:
                      type: object
                      required: [count, name]
                      properties:
                        count: { type: integer }
                        name: { type: string }
                        size: { type: integer, example: big }
                """);

            var problems = lint.Examples();

            Assert.Collection(
                problems,
                p => Assert.StartsWith("POST /jobs (createJob): parameter 'limit' example does not match its schema: IntegerExpected", p),
                p => Assert.StartsWith("POST /jobs (createJob): request body application/json example does not match its schema: IntegerExpected: #/count", p),
                p => Assert.StartsWith("POST /jobs (createJob): 200 application/json examples['nameless'] does not match its schema: PropertyRequired: #/name", p),
                p => Assert.StartsWith("#/components/schemas/Job/properties/size example does not match its schema: IntegerExpected", p));
        }

        [Fact]
        public async Task Undeclared_tags_and_tags_without_descriptions_are_each_reported()
        {
            var lint = await SpecLint.FromYamlAsync("""
                openapi: 3.0.3
                info: { title: Lint, version: "1" }
                tags:
                  - name: Things
                    description: Things to lint.
                  - name: Bare
                paths:
                  /a:
                    get:
                      operationId: a
                      summary: A.
                      tags: [Things, Ghost]
                      responses: { "204": { description: Done. } }
                  /b:
                    get:
                      operationId: b
                      summary: B.
                      tags: [Bare, Ghost]
                      responses: { "204": { description: Done. } }
                """);

            Assert.Equal(
                new[]
                {
                    "GET /a (a): tag 'Ghost' is not declared in the top-level tags",
                    "GET /b (b): tag 'Bare' is declared without a description",
                    "GET /b (b): tag 'Ghost' is not declared in the top-level tags",
                },
                lint.Tags());
        }

        /// <summary>Fails with every problem on its own line, so one run shows all that needs fixing.</summary>
        private static void AssertNone(string rule, IReadOnlyCollection<string> problems, string spec = "yescale.openapi.yaml")
        {
            if (problems.Count > 0)
            {
                Assert.Fail(
                    "spec/" + spec + " breaks the " + rule + " rule " + problems.Count + " time(s):" + Environment.NewLine
                    + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
            }
        }

        [Fact]
        public async Task Operations_without_evidence_or_with_a_malformed_page_id_are_each_reported()
        {
            var lint = await SpecLint.FromYamlAsync(Header + """
                paths:
                  /a:
                    get:
                      operationId: silent
                      tags: [Things]
                      summary: Says nothing about its source.
                      responses: { "204": { description: Done. } }
                  /b:
                    get:
                      operationId: badPage
                      x-yescale-doc: https://example.invalid/page
                      tags: [Things]
                      summary: A page that is not an id.
                      responses: { "204": { description: Done. } }
                  /c:
                    get:
                      operationId: both
                      x-yescale-doc: api-262294482
                      tags: [Things]
                      summary: Both at once.
                      description: No YEScale page confirms this operation; the best source is a blog.
                      responses: { "204": { description: Done. } }
                  /d:
                    get:
                      operationId: honest
                      tags: [Things]
                      summary: Says what it rests on.
                      description: No YEScale page confirms this operation; the best source is the vendor's API.
                      responses: { "204": { description: Done. } }
                  /e:
                    get:
                      operationId: documented
                      x-yescale-doc: doc-7023075
                      tags: [Things]
                      summary: Documented.
                      responses: { "204": { description: Done. } }
                """);

            var problems = lint.Evidence();

            Assert.Equal(3, problems.Count);
            Assert.Contains(problems, p => p.StartsWith("GET /a (silent): names no YEScale page", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("GET /b (badPage): x-yescale-doc 'https://example.invalid/page' is not", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("GET /c (both): names page api-262294482 and also says", StringComparison.Ordinal));
        }
    }
}
