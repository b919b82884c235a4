using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using static YEScale.Toolkit.Tests.Simulator.SimulatorHttp;

namespace YEScale.Toolkit.Tests.Simulator
{
    /// <summary>Every task route of the embedded YEScale spec, driven the same way over raw HTTP: submit, poll to the end, download.</summary>
    public class EmbeddedSpecTaskRouteTests
    {
        private static readonly DateTimeOffset Start = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);

        public static IEnumerable<object[]> Routes()
        {
            var simulator = new YEScaleSimulator();
            return simulator.TaskRoutes.Select(r => new object[] { r.SubmitOperationId ?? r.SubmitMethod + " " + r.SubmitPath });
        }

        [Fact]
        public void Every_task_query_in_the_spec_is_simulated_and_reached_by_a_submit()
        {
            var simulator = new YEScaleSimulator();
            var extensions = File.ReadAllLines(EmbeddedSpecSource).Count(line => Regex.IsMatch(line, @"^\s+x-yescale-task:\s*$"));

            Assert.Empty(simulator.SpecProblems);
            Assert.True(extensions > 0);
            Assert.Equal(extensions, simulator.TaskRoutes.Select(r => r.QueryOperationId).Distinct().Count());
            Assert.Contains(simulator.TaskRoutes, r => r.SubmitPath == "/seedance/generations" && r.QueryPath == "/seedance/generations/{task_id}");
            Assert.Contains(simulator.Tasks, t => t.Id == YEScaleSimulator.ExampleTaskId && t.IsExample);
        }

        [Theory]
        [MemberData(nameof(Routes))]
        public async Task A_task_goes_queued_running_succeeded_and_its_result_downloads(string submit)
        {
            var clock = new ManualClock(Start);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { QueuedFor = TimeSpan.FromSeconds(1), RunningFor = TimeSpan.FromSeconds(2) }, clock);
            using var http = await StartAsync(simulator);
            var route = simulator.TaskRoutes.First(r => (r.SubmitOperationId ?? r.SubmitMethod + " " + r.SubmitPath) == submit);

            var id = await SubmitAsync(http, route, fail: false);
            Assert.Equal(route.QueuedStatus, TextAt(await QueryAsync(http, route, id), route.StatusPointer));
            clock.SetElapsed(TimeSpan.FromSeconds(2));
            Assert.Equal(route.RunningStatus, TextAt(await QueryAsync(http, route, id), route.StatusPointer));
            clock.SetElapsed(TimeSpan.FromSeconds(3));
            var done = await QueryAsync(http, route, id);

            Assert.Equal(route.SucceededStatus, TextAt(done, route.StatusPointer));
            if (route.ErrorPointer is { } error)
            {
                Assert.Null(TextAt(done, error));
            }

            if (route.ResultPointer is { } result)
            {
                var url = TextAt(done, result);
                Assert.Equal($"{simulator.BaseAddress.ToString().TrimEnd('/')}/files/{Uri.EscapeDataString(id)}.{route.ResultExtension}", url);
                using var file = await http.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, file.StatusCode);
                Assert.NotEmpty(await file.Content.ReadAsByteArrayAsync());
            }
        }

        [Theory]
        [MemberData(nameof(Routes))]
        public async Task A_task_asked_to_fail_ends_with_a_failure_word_and_its_error(string submit)
        {
            var clock = new ManualClock(Start);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { FailureStatus = "expired" }, clock);
            using var http = await StartAsync(simulator);
            var route = simulator.TaskRoutes.First(r => (r.SubmitOperationId ?? r.SubmitMethod + " " + r.SubmitPath) == submit);

            var id = await SubmitAsync(http, route, fail: true);
            clock.SetElapsed(TimeSpan.FromMinutes(1));
            var failed = await QueryAsync(http, route, id);

            var word = TextAt(failed, route.StatusPointer);
            Assert.Contains(word, route.FailedStatuses);
            Assert.Equal(route.FailedStatuses.Contains("expired") ? "expired" : route.FailedStatuses[0], word);
            if (route.ErrorPointer is { } error)
            {
                Assert.NotEqual(JsonValueKind.Undefined, At(failed, error).ValueKind);
            }

            if (route.ResultPointer is { } result)
            {
                Assert.Null(TextAt(failed, result));
            }

            using var file = await http.GetAsync($"files/{Uri.EscapeDataString(id)}.{route.ResultExtension}");
            Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        }

        [Fact]
        public async Task Every_query_route_knows_its_example_task_and_no_other_family_s()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await StartAsync(simulator);

            foreach (var route in simulator.TaskRoutes)
            {
                foreach (var exampleId in route.ExampleTaskIds)
                {
                    using var response = await http.GetAsync(QueryPath(route, exampleId));
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route.QueryPath} {exampleId}: {(int)response.StatusCode}");
                }
            }

            // The Seedance example is unknown to another family's query.
            var other = simulator.TaskRoutes.FirstOrDefault(r => r.QueryPath != "/seedance/generations/{task_id}");
            if (other != null)
            {
                using var response = await http.GetAsync(QueryPath(other, YEScaleSimulator.ExampleTaskId));
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }

        /// <summary>Submits the route's request example (or its required members), with "[fail]" in its first string when asked; returns the id at the link's pointer.</summary>
        private static async Task<string> SubmitAsync(HttpClient http, SimulatedTaskRoute route, bool fail)
        {
            var body = (route.SubmitExample is { } example ? JsonNode.Parse(example) : null) as JsonObject ?? new JsonObject();
            foreach (var member in route.SubmitRequiredMembers.Where(m => body[m] is null))
            {
                body[member] = "simulated";
            }

            if (fail && !MarkFirstString(body))
            {
                body["prompt"] = "[fail]";
            }

            HttpContent content = route.SubmitContentType?.StartsWith("multipart/", StringComparison.Ordinal) == true
                ? Multipart(body)
                : JsonBody(body.ToJsonString());
            using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(route.SubmitMethod), route.SubmitPath.TrimStart('/')) { Content = content });
            var answer = await ReadJsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {answer}");
            var id = TextAt(answer, route.TaskIdPointer);
            Assert.False(string.IsNullOrEmpty(id), $"{route}: no id at {route.TaskIdPointer} in {answer}");
            return id!;
        }

        private static async Task<JsonElement> QueryAsync(HttpClient http, SimulatedTaskRoute route, string id)
        {
            using var response = await http.GetAsync(QueryPath(route, id));
            var answer = await ReadJsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {answer}");
            return answer;
        }

        private static string QueryPath(SimulatedTaskRoute route, string id)
        {
            var path = route.QueryPath.TrimStart('/');
            return route.TaskIdInQuery
                ? path + "?" + route.TaskIdParameter + "=" + Uri.EscapeDataString(id)
                : path.Replace("{" + route.TaskIdParameter + "}", Uri.EscapeDataString(id), StringComparison.Ordinal);
        }

        private static bool MarkFirstString(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj.ToArray())
                    {
                        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                        {
                            obj[name] = text.GetValue<string>() + " [fail]";
                            return true;
                        }

                        if (MarkFirstString(value))
                        {
                            return true;
                        }
                    }

                    return false;
                case JsonArray array:
                    return array.Any(MarkFirstString);
                default:
                    return false;
            }
        }

        private static MultipartFormDataContent Multipart(JsonObject fields)
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                form.Add(new StringContent(value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? string.Empty), name);
            }

            return form;
        }
    }
}
