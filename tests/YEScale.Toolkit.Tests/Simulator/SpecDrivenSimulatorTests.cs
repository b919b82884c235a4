using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using static YEScale.Toolkit.Tests.Simulator.SimulatorHttp;

namespace YEScale.Toolkit.Tests.Simulator
{
    /// <summary>
    /// The simulator serves whatever spec it is given: task routes from <c>x-yescale-task</c> and links, with the words,
    /// pointers and types that spec declares; other operations from their examples.
    /// </summary>
    public class SpecDrivenSimulatorTests
    {
        private static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

        // Integer status words, the id in the query string, progress as a 0..1 fraction, the result through an array index,
        // an error object with a text and a numeric code member; plus a plain example operation, a multipart one and a binary one.
        private const string JobsSpec = """
            openapi: 3.0.3
            info: { title: Jobs, version: "1" }
            paths:
              /jobs:
                post:
                  operationId: createJob
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [model, prompt]
                          properties:
                            model: { type: string }
                            prompt: { type: string }
                  responses:
                    "200":
                      description: Accepted.
                      content:
                        application/json:
                          schema: { $ref: "#/components/schemas/Accepted" }
                          example:
                            ok: true
                            task: { job_id: job-20250101000000-abcde }
                      links:
                        poll:
                          operationId: queryJob
                          parameters:
                            job_id: $response.body#/task/job_id
              /jobs/query:
                get:
                  operationId: queryJob
                  x-yescale-task:
                    taskId: job_id
                    status: /state
                    succeeded: ["2"]
                    failed: ["3", "4"]
                    progress: /done
                    result: /files/0/uri
                    error: /problem
                  parameters:
                    - { name: job_id, in: query, required: true, schema: { type: string } }
                  responses:
                    "200":
                      description: The job.
                      content:
                        application/json:
                          schema: { $ref: "#/components/schemas/Job" }
                          example:
                            job_id: job-20250101000000-abcde
                            state: 2
                            done: 1.0
                            files:
                              - { uri: "https://cdn.example/jobs/job-20250101000000-abcde.png", kind: image }
              /health:
                get:
                  operationId: health
                  responses:
                    "200":
                      description: Health.
                      content:
                        application/json:
                          example: { status: ok, version: "1.10", uptime: 12.5, checks: [true, 3, null, ~, "false"], quoted: 'yes' }
              /uploads:
                post:
                  operationId: upload
                  requestBody:
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          required: [file, purpose]
                          properties:
                            file: { type: string, format: binary }
                            purpose: { type: string }
                  responses:
                    "201":
                      description: Stored.
                      content:
                        application/json:
                          examples:
                            stored: { value: { id: file-1, bytes: 3 } }
              /speak:
                post:
                  operationId: speak
                  responses:
                    "200":
                      description: Audio.
                      content:
                        audio/mpeg:
                          schema: { type: string, format: binary }
            components:
              schemas:
                Accepted:
                  allOf:
                    - type: object
                      properties: { ok: { type: boolean } }
                    - type: object
                      properties:
                        task: { type: object, properties: { job_id: { type: string } } }
                Job:
                  type: object
                  properties:
                    job_id: { type: string }
                    state: { $ref: "#/components/schemas/JobState" }
                    done: { type: number, minimum: 0, maximum: 1 }
                    problem:
                      type: object
                      properties:
                        reason: { type: string }
                        code: { type: integer }
                        hint: { type: string }
                    files:
                      type: array
                      items: { type: object, properties: { uri: { type: string }, kind: { type: string } } }
                JobState:
                  type: integer
                  enum: [0, 1, 2, 3, 4]
            """;

        [Fact]
        public async Task The_relay_spec_answers_its_own_words_progress_text_and_result_url()
        {
            var clock = new ManualClock(Start);
            var options = new SimulatorOptions { SpecPath = Path.Combine(SpecsDirectory, "relay-tasks.openapi.yaml"), QueuedFor = TimeSpan.FromSeconds(1), RunningFor = TimeSpan.FromSeconds(4) };
            await using var simulator = new YEScaleSimulator(options, clock);
            using var http = await StartAsync(simulator);

            var (status, submitted) = await PostJsonAsync(http, "/music/submit", """{"prompt":"lofi beats"}""");
            Assert.Equal(HttpStatusCode.OK, status);
            var id = submitted.GetProperty("data").GetString()!;
            Assert.Matches("^[0-9a-f]{24}$", id); // the submit has no example: a random hex id at the link's pointer

            var queued = (await GetJsonAsync(http, "/music/fetch/" + id)).Body;
            Assert.Equal("queued", TextAt(queued, "/data/status")); // no status enum: the default pending words
            Assert.Equal("0%", TextAt(queued, "/data/progress"));
            Assert.Null(TextAt(queued, "/data/result_url"));
            Assert.Null(TextAt(queued, "/data/fail_reason"));

            clock.SetElapsed(TimeSpan.FromSeconds(3));
            var running = (await GetJsonAsync(http, "/music/fetch/" + id)).Body;
            Assert.Equal("running", TextAt(running, "/data/status"));
            Assert.Matches("^[1-9][0-9]?%$", TextAt(running, "/data/progress"));

            clock.SetElapsed(TimeSpan.FromSeconds(5));
            var done = (await GetJsonAsync(http, "/music/fetch/" + id)).Body;
            Assert.Equal("SUCCESS", TextAt(done, "/data/status"));
            Assert.Equal("100%", TextAt(done, "/data/progress"));
            var result = TextAt(done, "/data/result_url")!;
            Assert.Equal($"{simulator.BaseAddress.ToString().TrimEnd('/')}/files/{id}.mp4", result);
            using var file = await http.GetAsync(result);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("video/mp4", file.Content.Headers.ContentType!.MediaType);

            var failing = (await PostJsonAsync(http, "/music/submit", """{"prompt":"a storm [fail]"}""")).Body.GetProperty("data").GetString()!;
            clock.SetElapsed(TimeSpan.FromSeconds(20));
            var failed = (await GetJsonAsync(http, "/music/fetch/" + failing)).Body;
            Assert.Equal("FAILURE", TextAt(failed, "/data/status")); // FailureStatus "failed" is not in the route's list
            Assert.Equal("The simulated task failed.", TextAt(failed, "/data/fail_reason"));
            Assert.Null(TextAt(failed, "/data/result_url"));

            Assert.Equal(new[] { true, true, true, true, false, true, true }, simulator.Requests.Select(r => r.IsTaskEndpoint));
            Assert.Equal(new string?[] { id, id, id, id, id, failing, failing }, simulator.Requests.Select(r => r.TaskId));
        }

        [Fact]
        public async Task A_relay_task_is_unknown_to_a_missing_id_and_a_body_without_its_required_member_is_refused()
        {
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { SpecPath = Path.Combine(SpecsDirectory, "relay-tasks.openapi.yaml") });
            using var http = await StartAsync(simulator);

            var (missing, body) = await GetJsonAsync(http, "/music/fetch/nope");
            var (refused, error) = await PostJsonAsync(http, "/music/submit", """{"title":"no prompt"}""");
            var (broken, notJson) = await PostJsonAsync(http, "/music/submit", """{"prompt":""");

            Assert.Equal(HttpStatusCode.NotFound, missing);
            Assert.Equal("""{"code":"task_not_exist","message":"task_not_exist","data":null}""", body.GetRawText());
            Assert.Equal(HttpStatusCode.BadRequest, refused);
            Assert.Equal("Missing required member: 'prompt'.", ErrorMessage(error));
            Assert.Equal("invalid_request_error", error.GetProperty("error").GetProperty("type").GetString());
            Assert.Equal(HttpStatusCode.BadRequest, broken);
            Assert.Equal("The request body is not valid JSON.", ErrorMessage(notJson));
            Assert.Empty(simulator.Tasks);
        }

        [Fact]
        public async Task Integer_status_words_a_query_string_id_fraction_progress_and_a_result_in_an_array_follow_the_spec()
        {
            using var spec = new TempSpec(JobsSpec);
            var clock = new ManualClock(Start);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { SpecPath = spec.Path, QueuedFor = TimeSpan.FromSeconds(1), RunningFor = TimeSpan.FromSeconds(2) }, clock);
            using var http = await StartAsync(simulator);

            var (status, submitted) = await PostJsonAsync(http, "/jobs", """{"model":"m1","prompt":"a red fox"}""");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(submitted.GetProperty("ok").GetBoolean()); // the rest of the example is kept
            var id = submitted.GetProperty("task").GetProperty("job_id").GetString()!;
            Assert.Matches(new Regex("^job-20260304050607-[a-z0-9]{5}$"), id);

            var queued = (await GetJsonAsync(http, "/jobs/query?job_id=" + id)).Body;
            Assert.Equal(id, queued.GetProperty("job_id").GetString()); // the example's id is replaced by the real one
            Assert.Equal(JsonValueKind.Number, queued.GetProperty("state").ValueKind);
            Assert.Equal(0, queued.GetProperty("state").GetInt32()); // enum [0..4] without 2, 3, 4: 0 then 1
            Assert.Equal(0, queued.GetProperty("done").GetDouble());
            Assert.Equal(JsonValueKind.Undefined, At(queued, "/files/0/uri").ValueKind);
            Assert.Equal(JsonValueKind.Undefined, At(queued, "/problem").ValueKind);

            clock.SetElapsed(TimeSpan.FromSeconds(2));
            var running = (await GetJsonAsync(http, "/jobs/query?job_id=" + id)).Body;
            Assert.Equal(1, running.GetProperty("state").GetInt32());
            Assert.InRange(running.GetProperty("done").GetDouble(), 0.01, 0.99);

            clock.SetElapsed(TimeSpan.FromSeconds(3));
            var done = (await GetJsonAsync(http, "/jobs/query?job_id=" + id)).Body;
            Assert.Equal(2, done.GetProperty("state").GetInt32());
            Assert.Equal(1, done.GetProperty("done").GetDouble());
            var uri = TextAt(done, "/files/0/uri")!;
            Assert.Equal($"{simulator.BaseAddress.ToString().TrimEnd('/')}/files/{id}.png", uri); // the example's URL ends .png
            Assert.Equal("image", TextAt(done, "/files/0/kind"));
            using var image = await http.GetAsync(uri);
            Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
            Assert.Equal(PlaceholderFiles.Png, await image.Content.ReadAsByteArrayAsync());
            using var wrongExtension = await http.GetAsync($"files/{id}.mp4");
            Assert.Equal(HttpStatusCode.NotFound, wrongExtension.StatusCode);

            var failing = TextAt((await PostJsonAsync(http, "/jobs", """{"model":"m1","prompt":"[fail] please"}""")).Body, "/task/job_id")!;
            clock.SetElapsed(TimeSpan.FromSeconds(10));
            var failed = (await GetJsonAsync(http, "/jobs/query?job_id=" + failing)).Body;
            Assert.Equal(3, failed.GetProperty("state").GetInt32()); // the first failure word, as a number
            Assert.Equal("The simulated task failed.", TextAt(failed, "/problem/reason"));
            Assert.Equal(1, failed.GetProperty("problem").GetProperty("code").GetInt32());
            Assert.False(failed.GetProperty("problem").TryGetProperty("hint", out _));
            Assert.Equal(JsonValueKind.Undefined, At(failed, "/files/0/uri").ValueKind);

            var (noId, _) = await GetJsonAsync(http, "/jobs/query");
            var (unknown, _) = await GetJsonAsync(http, "/jobs/query?job_id=job-nope");
            Assert.Equal(HttpStatusCode.BadRequest, noId);
            Assert.Equal(HttpStatusCode.NotFound, unknown);
            Assert.Equal("job-nope", simulator.Requests[^1].TaskId);
        }

        [Fact]
        public async Task The_example_task_of_a_route_answers_the_example_verbatim_and_its_result_downloads()
        {
            using var spec = new TempSpec(JobsSpec);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { SpecPath = spec.Path });
            using var http = await StartAsync(simulator);

            using var response = await http.GetAsync("jobs/query?job_id=job-20250101000000-abcde");
            using var file = await http.GetAsync("files/job-20250101000000-abcde.png");

            Assert.Equal(
                """{"job_id":"job-20250101000000-abcde","state":2,"done":1,"files":[{"uri":"https://cdn.example/jobs/job-20250101000000-abcde.png","kind":"image"}]}""",
                await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            var example = Assert.Single(simulator.Tasks);
            Assert.True(example.IsExample);
            Assert.Equal("2", example.StatusAt(DateTimeOffset.UtcNow, simulator.Options));
            var route = Assert.Single(simulator.TaskRoutes);
            Assert.Equal(("POST", "/jobs", "/task/job_id"), (route.SubmitMethod, route.SubmitPath, route.TaskIdPointer));
            Assert.Equal(("/jobs/query", "job_id", true), (route.QueryPath, route.TaskIdParameter, route.TaskIdInQuery));
            Assert.Equal(("0", "1", "2"), (route.QueuedStatus, route.RunningStatus, route.SucceededStatus));
            Assert.Equal(new[] { "model", "prompt" }, route.SubmitRequiredMembers);
        }

        [Fact]
        public async Task Other_operations_answer_their_example_typed_as_YAML_says_a_multipart_one_checks_its_fields_and_a_binary_one_sends_bytes()
        {
            using var spec = new TempSpec(JobsSpec);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { SpecPath = spec.Path, ApiKey = "sk-1" });
            using var http = await StartAsync(simulator);
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk-1");

            using var health = await http.GetAsync("health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("application/json", health.Content.Headers.ContentType!.MediaType);
            Assert.Equal("""{"status":"ok","version":"1.10","uptime":12.5,"checks":[true,3,null,null,"false"],"quoted":"yes"}""", await health.Content.ReadAsStringAsync());

            using var partial = new MultipartFormDataContent { { new ByteArrayContent(new byte[] { 1, 2, 3 }), "file", "a.bin" } };
            using var refused = await http.PostAsync("uploads", partial);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("Missing required member: 'purpose'.", ErrorMessage(await ReadJsonAsync(refused)));

            using var complete = new MultipartFormDataContent { { new ByteArrayContent(new byte[] { 1, 2, 3 }), "file", "a.bin" }, { new StringContent("fine-tune"), "purpose" } };
            using var stored = await http.PostAsync("uploads", complete);
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
            Assert.Equal("""{"id":"file-1","bytes":3}""", await stored.Content.ReadAsStringAsync());

            using var speech = await http.PostAsync("speak", null);
            Assert.Equal("audio/mpeg", speech.Content.Headers.ContentType!.MediaType);
            Assert.Equal(PlaceholderFiles.Mp3, await speech.Content.ReadAsByteArrayAsync());

            http.DefaultRequestHeaders.Authorization = null;
            using var keyless = await http.GetAsync("health");
            Assert.Equal(HttpStatusCode.Unauthorized, keyless.StatusCode);
            Assert.All(simulator.Requests, r => Assert.False(r.IsTaskEndpoint));
        }

        [Fact]
        public async Task A_JSON_spec_works_as_well_as_YAML()
        {
            using var spec = new TempSpec("""
                {
                  "openapi": "3.0.3",
                  "info": { "title": "Json", "version": "1" },
                  "paths": {
                    "/things/{thing_id}": {
                      "get": {
                        "parameters": [ { "name": "thing_id", "in": "path", "required": true, "schema": { "type": "string" } } ],
                        "responses": { "200": { "description": "A thing.", "content": { "application/json": { "example": { "id": "t-1", "size": 3 } } } } }
                      }
                    }
                  }
                }
                """, ".json");
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { SpecPath = spec.Path });
            using var http = await StartAsync(simulator);

            using var response = await http.GetAsync("things/anything");

            Assert.Equal("""{"id":"t-1","size":3}""", await response.Content.ReadAsStringAsync());
            Assert.Empty(simulator.TaskRoutes);
        }

        [Fact]
        public void A_spec_that_cannot_be_read_fails_when_the_simulator_is_created()
        {
            using var spec = new TempSpec("openapi: 3.0.3\npaths: [unclosed\n");

            Assert.Throws<InvalidDataException>(() => new YEScaleSimulator(new SimulatorOptions { SpecPath = spec.Path }));
            Assert.ThrowsAny<IOException>(() => new YEScaleSimulator(new SimulatorOptions { SpecPath = spec.Path + ".missing" }));
        }

        [Fact]
        public async Task Embedded_spec_operations_without_a_task_answer_their_examples_or_bytes()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await StartAsync(simulator);

            var (status, embeddings) = await PostJsonAsync(http, "/v1/embeddings", """{"model":"text-embedding-3-small","input":"hello"}""");
            using var speech = await http.PostAsync("v1/audio/speech", JsonBody("""{"model":"tts-1","input":"hello","voice":"alloy"}"""));
            var (gemini, _) = await PostJsonAsync(http, "/v1beta/models/gemini-2.0-flash:generateContent", """{"contents":[{"parts":[{"text":"hi"}]}]}""");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("list", embeddings.GetProperty("object").GetString());
            Assert.Equal(JsonValueKind.Number, embeddings.GetProperty("data")[0].GetProperty("embedding")[0].ValueKind);
            Assert.Equal(HttpStatusCode.OK, speech.StatusCode);
            Assert.Equal("audio/mpeg", speech.Content.Headers.ContentType!.MediaType);
            Assert.Equal(PlaceholderFiles.Mp3, await speech.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.OK, gemini); // a path template with a literal after the parameter
        }
    }
}
