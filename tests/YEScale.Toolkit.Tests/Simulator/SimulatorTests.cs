using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Simulator
{
    /// <summary>The simulator's wire behaviour, seen through a plain HttpClient: lifecycle, faults, request log and rate limit.</summary>
    public class SimulatorTests
    {
        private const string Model = "doubao-seedance-1-0-pro-250528";
        private const string ExampleFetch = "seedance/generations/" + YEScaleSimulator.ExampleTaskId;

        // A fixed instant with a fraction of a second, so HTTP-date rounding shows.
        private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, 300, TimeSpan.Zero);

        [Fact]
        public async Task A_task_goes_queued_then_running_then_succeeded_and_its_video_downloads()
        {
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { QueuedFor = TimeSpan.FromMilliseconds(300), RunningFor = TimeSpan.FromMilliseconds(300) });
            using var http = await SimulatorHttp.StartAsync(simulator);

            var id = await SubmitAsync(http, "A paper boat drifting down a gutter");
            var seen = new List<string>();
            var deadline = Stopwatch.StartNew();
            JsonElement task;
            do
            {
                task = await FetchAsync(http, id);
                var status = task.GetProperty("status").GetString()!;
                if (seen.Count == 0 || seen[^1] != status)
                {
                    seen.Add(status);
                }

                await Task.Delay(20);
            }
            while (seen[^1] != "succeeded" && deadline.Elapsed < TimeSpan.FromSeconds(2));

            Assert.Equal(new[] { "queued", "running", "succeeded" }, seen);
            Assert.Equal(id, task.GetProperty("id").GetString());
            Assert.Equal(Model, task.GetProperty("model").GetString());
            Assert.Equal("A paper boat drifting down a gutter", task.GetProperty("request").GetProperty("content")[0].GetProperty("text").GetString());
            Assert.False(task.TryGetProperty("error", out _));
            var videoUrl = task.GetProperty("content").GetProperty("video_url").GetString()!;
            Assert.StartsWith(simulator.BaseAddress.ToString().TrimEnd('/') + "/files/", videoUrl);

            using var video = await http.GetAsync(videoUrl);
            Assert.Equal(HttpStatusCode.OK, video.StatusCode);
            Assert.Equal("video/mp4", video.Content.Headers.ContentType!.MediaType);
            Assert.Equal(PlaceholderVideo.Bytes, await video.Content.ReadAsByteArrayAsync());
        }

        [Fact]
        public async Task The_example_task_answers_the_documentation_page_s_example_and_its_video_downloads()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);

            using var response = await http.GetAsync(ExampleFetch);
            using var video = await http.GetAsync($"files/{YEScaleSimulator.ExampleTaskId}.mp4");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(SeedPage.ExampleJson()), answer), answer!.ToJsonString());
            Assert.Equal(PlaceholderVideo.Bytes, await video.Content.ReadAsByteArrayAsync());
            Assert.Contains(simulator.Tasks, t => t.Id == YEScaleSimulator.ExampleTaskId && t.IsExample && t.StatusAt(DateTimeOffset.UtcNow, simulator.Options) == "succeeded");
        }

        [Fact]
        public async Task On_a_manual_clock_the_status_changes_exactly_at_QueuedFor_and_RunningFor()
        {
            var clock = new ManualClock(Start);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { QueuedFor = TimeSpan.FromSeconds(1), RunningFor = TimeSpan.FromSeconds(2) }, clock);
            using var http = await SimulatorHttp.StartAsync(simulator);
            var id = await SubmitAsync(http);

            Assert.Equal("queued", await StatusAsync(http, id));
            clock.SetElapsed(TimeSpan.FromMilliseconds(999));
            Assert.Equal("queued", await StatusAsync(http, id));
            clock.SetElapsed(TimeSpan.FromSeconds(1));
            Assert.Equal("running", await StatusAsync(http, id));
            clock.SetElapsed(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
            Assert.Equal("running", await StatusAsync(http, id));
            clock.SetElapsed(TimeSpan.FromSeconds(3));
            var task = await FetchAsync(http, id);
            Assert.Equal("succeeded", task.GetProperty("status").GetString());
            Assert.Equal(Start.ToUnixTimeSeconds(), task.GetProperty("created_at").GetInt64());
            Assert.Equal((Start + TimeSpan.FromSeconds(3)).ToUnixTimeSeconds(), task.GetProperty("updated_at").GetInt64());
        }

        [Theory]
        [InlineData("failed")]
        [InlineData("expired")]
        [InlineData("cancelled")]
        public async Task A_failing_prompt_ends_with_FailureStatus_and_an_error(string failureStatus)
        {
            var clock = new ManualClock(Start);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { FailureStatus = failureStatus }, clock);
            using var http = await SimulatorHttp.StartAsync(simulator);
            var id = await SubmitAsync(http, "A storm at sea [fail]");

            clock.Advance(TimeSpan.FromSeconds(10));
            var task = await FetchAsync(http, id);

            Assert.Equal(failureStatus, task.GetProperty("status").GetString());
            // The spec's examples of the error's members, as the real service words them.
            Assert.Equal("OutputVideoSensitiveContentDetected", task.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("The generated video may contain sensitive content.", task.GetProperty("error").GetProperty("message").GetString());
            Assert.False(task.GetProperty("content").TryGetProperty("video_url", out _));
            using var video = await http.GetAsync($"files/{id}.mp4");
            Assert.Equal(HttpStatusCode.NotFound, video.StatusCode);
        }

        [Fact]
        public async Task FailureProbability_one_fails_every_task_and_zero_none()
        {
            var clock = new ManualClock(Start);
            var options = new SimulatorOptions { Faults = { FailureProbability = 1 } };
            await using var simulator = new YEScaleSimulator(options, clock);
            using var http = await SimulatorHttp.StartAsync(simulator);

            var failing = new[] { await SubmitAsync(http), await SubmitAsync(http) };
            options.Faults.FailureProbability = 0;
            var passing = await SubmitAsync(http);
            clock.Advance(TimeSpan.FromSeconds(10));

            Assert.All(failing, id => Assert.True(simulator.Tasks.Single(t => t.Id == id).WillFail));
            Assert.Equal("failed", await StatusAsync(http, failing[0]));
            Assert.Equal("succeeded", await StatusAsync(http, passing));
        }

        [Fact]
        public async Task Without_the_key_the_task_endpoints_answer_401_and_with_it_200()
        {
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { ApiKey = "sk-right" });
            using var http = await SimulatorHttp.StartAsync(simulator);

            using var none = await http.GetAsync(ExampleFetch);
            using var wrong = await SendAsync(http, HttpMethod.Get, ExampleFetch, key: "sk-wrong");
            using var submit = await SendAsync(http, HttpMethod.Post, "seedance/generations", SubmitBody("x"));
            using var right = await SendAsync(http, HttpMethod.Get, ExampleFetch, key: "sk-right");

            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("invalid_api_key", ErrorOf(await none.Content.ReadAsStringAsync()).GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, submit.StatusCode);
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Equal(new int?[] { 401, 401, 401, 200 }, simulator.Requests.Select(r => r.StatusCode));
        }

        [Theory]
        [InlineData(1000, "1")]
        [InlineData(1200, "2")]
        [InlineData(2000, "2")]
        [InlineData(0, "0")]
        public async Task RateLimited_answers_429_with_Retry_After_in_whole_seconds_rounded_up(int milliseconds, string header)
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.RateLimited(TimeSpan.FromMilliseconds(milliseconds)));

            using var response = await http.GetAsync(ExampleFetch);

            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal(header, Assert.Single(response.Headers.GetValues("Retry-After")));
            Assert.Equal(TimeSpan.FromSeconds(int.Parse(header)), response.Headers.RetryAfter!.Delta);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("rate_limit_error", ErrorOf(await response.Content.ReadAsStringAsync()).GetProperty("type").GetString());
        }

        [Fact]
        public async Task RateLimited_without_a_delay_sends_no_Retry_After()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.RateLimited(null), SimulatedFault.ServiceUnavailable(null));

            using var limited = await http.GetAsync(ExampleFetch);
            using var unavailable = await http.GetAsync(ExampleFetch);

            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.False(limited.Headers.Contains("Retry-After"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.False(unavailable.Headers.Contains("Retry-After"));
        }

        [Theory]
        [InlineData(1500, "Fri, 02 Jan 2026 03:04:07 GMT")]
        [InlineData(700, "Fri, 02 Jan 2026 03:04:06 GMT")]
        [InlineData(1700, "Fri, 02 Jan 2026 03:04:07 GMT")]
        public async Task Retry_After_as_a_date_is_RFC_1123_rounded_up_to_the_next_whole_second(int milliseconds, string expected)
        {
            // 03:04:05.300 plus the delay, rounded up: never earlier than the delay asks.
            await using var simulator = new YEScaleSimulator(null, new ManualClock(Start));
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(
                SimulatedFault.RateLimited(TimeSpan.FromMilliseconds(milliseconds), asDate: true),
                SimulatedFault.ServiceUnavailable(TimeSpan.FromMilliseconds(milliseconds), asDate: true));

            using var limited = await http.GetAsync(ExampleFetch);
            using var unavailable = await http.GetAsync(ExampleFetch);

            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal(expected, Assert.Single(limited.Headers.GetValues("Retry-After")));
            Assert.True(limited.Headers.RetryAfter!.Date >= Start + TimeSpan.FromMilliseconds(milliseconds));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.Equal(expected, Assert.Single(unavailable.Headers.GetValues("Retry-After")));
        }

        [Fact]
        public async Task A_date_already_on_a_whole_second_is_not_moved()
        {
            await using var simulator = new YEScaleSimulator(null, new ManualClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.RateLimited(TimeSpan.FromSeconds(2), asDate: true));

            using var response = await http.GetAsync(ExampleFetch);

            Assert.Equal("Fri, 02 Jan 2026 03:04:07 GMT", Assert.Single(response.Headers.GetValues("Retry-After")));
        }

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(504)]
        public async Task ServerError_answers_the_status_with_an_upstream_error_body(int status)
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(status == 500 ? SimulatedFault.ServerError() : SimulatedFault.ServerError(status));

            using var response = await http.GetAsync(ExampleFetch);

            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("{\"error\":{\"message\":\"upstream error\",\"type\":\"upstream_error\"}}", await response.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task ServiceUnavailable_answers_503_with_Retry_After()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.ServiceUnavailable(TimeSpan.FromSeconds(3)));

            using var response = await http.PostAsync("seedance/generations", SubmitBody("x"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
            Assert.Equal("service_unavailable", ErrorOf(await response.Content.ReadAsStringAsync()).GetProperty("type").GetString());
            Assert.All(simulator.Tasks, t => Assert.True(t.IsExample)); // the examples only: a refused submit creates nothing
        }

        [Fact]
        public async Task Slow_answers_normally_after_the_delay()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.Slow(TimeSpan.FromMilliseconds(300)));

            var watch = Stopwatch.StartNew();
            var task = await FetchAsync(http, YEScaleSimulator.ExampleTaskId);

            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {watch.Elapsed}");
            Assert.Equal("succeeded", task.GetProperty("status").GetString());
            Assert.Equal(SimulatedFaultKind.Slow, simulator.Requests.Single().Fault);
        }

        [Fact]
        public async Task A_slow_answer_stops_when_the_client_gives_up()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            http.Timeout = TimeSpan.FromMilliseconds(150);
            simulator.InjectFaults(SimulatedFault.Slow(TimeSpan.FromSeconds(30)));

            await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.GetAsync(ExampleFetch));

            // The server sees the disconnect shortly after; the request is then logged as answered with nothing.
            var request = await SimulatorHttp.EventuallyAsync(() => simulator.Requests.Single() is { Completed: true } r ? r : null, TimeSpan.FromSeconds(2));
            Assert.Null(request.StatusCode);
            Assert.Equal(SimulatedFaultKind.Slow, request.Fault);
        }

        [Fact]
        public async Task DropConnection_aborts_without_a_response()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);

            // Over a pooled connection already used once: the handler must not resend it unseen, so a client's retry logic is what gets tested.
            (await http.GetAsync(ExampleFetch)).Dispose();
            simulator.InjectFaults(SimulatedFault.DropConnection());
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(ExampleFetch));

            var request = simulator.Requests[1];
            Assert.True(request.Completed);
            Assert.Null(request.StatusCode);
            Assert.Equal(SimulatedFaultKind.DropConnection, request.Fault);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ExampleFetch)).StatusCode);
            Assert.Equal(3, simulator.RequestCount);
        }

        [Fact]
        public async Task MalformedJson_answers_200_with_a_body_that_does_not_parse()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.MalformedJson(), SimulatedFault.MalformedJson());

            using var fetch = await http.GetAsync(ExampleFetch);
            using var submit = await http.PostAsync("seedance/generations", SubmitBody("x"));

            Assert.Equal(HttpStatusCode.OK, fetch.StatusCode);
            Assert.Equal("application/json", fetch.Content.Headers.ContentType!.MediaType);
            var body = await fetch.Content.ReadAsStringAsync();
            Assert.StartsWith("{\"content\":", body);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
            var submitBody = await submit.Content.ReadAsStringAsync();
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(submitBody));

            // The submit was carried out; only its answer was cut short.
            Assert.Single(simulator.Tasks, t => !t.IsExample);
        }

        [Fact]
        public async Task Status_overrides_one_fetch_and_a_submit_ignores_it()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.Status("ignored-by-submit"));
            var id = await SubmitAsync(http);
            simulator.InjectFaults(SimulatedFault.Status("rerouting"));

            Assert.Equal("rerouting", await StatusAsync(http, id));
            Assert.Equal("queued", await StatusAsync(http, id));
            Assert.Equal(0, simulator.PendingFaults);
        }

        [Fact]
        public async Task Injected_faults_apply_in_order_one_per_task_request_and_skip_downloads()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.ServerError(), SimulatedFault.RateLimited(null));
            Assert.Equal(2, simulator.PendingFaults);

            using var download = await http.GetAsync($"files/{YEScaleSimulator.ExampleTaskId}.mp4");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(2, simulator.PendingFaults);

            using var first = await http.GetAsync(ExampleFetch);
            using var second = await http.PostAsync("seedance/generations", SubmitBody("x"));
            using var third = await http.GetAsync(ExampleFetch);

            Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
            Assert.Equal(HttpStatusCode.OK, third.StatusCode);
            Assert.Equal(0, simulator.PendingFaults);
            Assert.Equal(new SimulatedFaultKind?[] { null, SimulatedFaultKind.ServerError, SimulatedFaultKind.RateLimited, null }, simulator.Requests.Select(r => r.Fault));

            simulator.InjectFaults(SimulatedFault.ServerError());
            simulator.ClearFaults();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ExampleFetch)).StatusCode);
        }

        [Theory]
        [InlineData(nameof(FaultOptions.RateLimitProbability))]
        [InlineData(nameof(FaultOptions.ServerErrorProbability))]
        [InlineData(nameof(FaultOptions.ServiceUnavailableProbability))]
        [InlineData(nameof(FaultOptions.SlowProbability))]
        [InlineData(nameof(FaultOptions.DropConnectionProbability))]
        [InlineData(nameof(FaultOptions.MalformedJsonProbability))]
        public async Task A_random_fault_with_probability_one_hits_every_task_request_but_no_download(string fault)
        {
            var faults = new FaultOptions { RetryAfter = TimeSpan.FromSeconds(2), SlowDelay = TimeSpan.FromMilliseconds(100) };
            typeof(FaultOptions).GetProperty(fault)!.SetValue(faults, 1.0);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { Faults = faults });
            using var http = await SimulatorHttp.StartAsync(simulator);

            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                HttpResponseMessage? response = null;
                try
                {
                    response = await http.GetAsync(ExampleFetch);
                }
                catch (HttpRequestException) when (fault == nameof(FaultOptions.DropConnectionProbability))
                {
                }

                using (response)
                {
                    var body = response is null ? null : await response.Content.ReadAsStringAsync();
                    switch (fault)
                    {
                        case nameof(FaultOptions.RateLimitProbability):
                            Assert.Equal(HttpStatusCode.TooManyRequests, response!.StatusCode);
                            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);
                            break;
                        case nameof(FaultOptions.ServerErrorProbability):
                            Assert.Equal(HttpStatusCode.InternalServerError, response!.StatusCode);
                            break;
                        case nameof(FaultOptions.ServiceUnavailableProbability):
                            Assert.Equal(HttpStatusCode.ServiceUnavailable, response!.StatusCode);
                            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);
                            break;
                        case nameof(FaultOptions.SlowProbability):
                            Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
                            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(90), $"answered after {watch.Elapsed}");
                            break;
                        case nameof(FaultOptions.DropConnectionProbability):
                            Assert.Null(response);
                            break;
                        case nameof(FaultOptions.MalformedJsonProbability):
                            Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
                            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body!));
                            break;
                    }
                }
            }

            using var download = await http.GetAsync($"files/{YEScaleSimulator.ExampleTaskId}.mp4");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(3, simulator.Requests.Count(r => r.Fault != null));
        }

        [Fact]
        public async Task The_same_seed_draws_the_same_faults()
        {
            async Task<int?[]> RunAsync()
            {
                await using var simulator = new YEScaleSimulator(new SimulatorOptions { Seed = 7, Faults = { RateLimitProbability = 0.5 } });
                using var http = await SimulatorHttp.StartAsync(simulator);
                for (var i = 0; i < 20; i++)
                {
                    using var _ = await http.GetAsync(ExampleFetch);
                }

                return simulator.Requests.Select(r => r.StatusCode).ToArray();
            }

            var first = await RunAsync();
            var second = await RunAsync();

            Assert.Equal(first, second);
            Assert.Contains(200, first);
            Assert.Contains(429, first);
        }

        [Fact]
        public async Task Every_request_is_logged_with_its_arrival_answer_and_task()
        {
            var clock = new ManualClock(Start);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { QueuedFor = TimeSpan.Zero, RunningFor = TimeSpan.Zero }, clock);
            using var http = await SimulatorHttp.StartAsync(simulator);

            var id = await SubmitAsync(http);
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await FetchAsync(http, id);
            clock.Advance(TimeSpan.FromMilliseconds(250));
            (await http.GetAsync($"files/{id}.mp4")).Dispose();
            (await http.GetAsync("files/cgt-missing.mp4")).Dispose();
            (await http.GetAsync("no/such/path")).Dispose();
            (await http.DeleteAsync(ExampleFetch)).Dispose();

            var log = simulator.Requests;
            Assert.Equal(6, simulator.RequestCount);
            Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, log.Select(r => r.Sequence));
            Assert.Equal(new[] { "POST", "GET", "GET", "GET", "GET", "DELETE" }, log.Select(r => r.Method));
            Assert.Equal(new[] { "/seedance/generations", $"/seedance/generations/{id}", $"/files/{id}.mp4", "/files/cgt-missing.mp4", "/no/such/path", "/" + ExampleFetch }, log.Select(r => r.Path));
            Assert.Equal(new int?[] { 200, 200, 200, 404, 404, 404 }, log.Select(r => r.StatusCode));
            Assert.Equal(new[] { id, id, id, "cgt-missing", null, null }, log.Select(r => r.TaskId));
            Assert.Equal(new[] { true, true, false, false, false, false }, log.Select(r => r.IsTaskEndpoint));
            Assert.All(log, r => Assert.True(r.Completed));
            Assert.Equal(new[] { Start, Start.AddMilliseconds(250), Start.AddMilliseconds(500) }, log.Take(3).Select(r => r.ArrivedAt));
            Assert.Equal(TimeSpan.FromMilliseconds(500), log[2].ElapsedSince(log[0]));

            simulator.ClearRequests();
            Assert.Empty(simulator.Requests);
        }

        [Fact]
        public async Task MaxRequestsInAnyWindow_counts_task_requests_in_half_open_windows()
        {
            var clock = new ManualClock(Start);
            await using var simulator = new YEScaleSimulator(null, clock);
            using var http = await SimulatorHttp.StartAsync(simulator);

            // Task requests at 0, 500, 999, 1000 and 1001 ms, with downloads (not counted) in between.
            foreach (var at in new[] { 0, 500, 999, 1000, 1001 })
            {
                clock.SetElapsed(TimeSpan.FromMilliseconds(at));
                (await http.GetAsync(ExampleFetch)).Dispose();
                (await http.GetAsync($"files/{YEScaleSimulator.ExampleTaskId}.mp4")).Dispose();
            }

            Assert.Equal(4, simulator.MaxRequestsInAnyWindow(TimeSpan.FromSeconds(1))); // [500, 1500)
            Assert.Equal(3, simulator.MaxRequestsInAnyWindow(TimeSpan.FromMilliseconds(501))); // [500, 1001): 1001 is outside
            Assert.Equal(2, simulator.MaxRequestsInAnyWindow(TimeSpan.FromMilliseconds(2))); // [999, 1001)
            Assert.Equal(1, simulator.MaxRequestsInAnyWindow(TimeSpan.FromMilliseconds(1)));
            Assert.Equal(5, simulator.MaxRequestsInAnyWindow(TimeSpan.FromMilliseconds(1002)));
            Assert.Throws<ArgumentOutOfRangeException>(() => simulator.MaxRequestsInAnyWindow(TimeSpan.Zero));
        }

        [Fact]
        public async Task MaxRequestsInAnyWindow_sees_a_real_burst()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);

            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => (await http.GetAsync(ExampleFetch)).Dispose()));

            Assert.Equal(8, simulator.MaxRequestsInAnyWindow(TimeSpan.FromSeconds(1)));
            Assert.Equal(8, simulator.Requests.Count(r => r.StatusCode == 200));
        }

        [Fact]
        public async Task RequestsPerSecondLimit_turns_away_requests_beyond_it_in_the_last_second()
        {
            var clock = new ManualClock(Start);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { RequestsPerSecondLimit = 2 }, clock);
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.ServerError());

            var answers = new List<(int Status, string? RetryAfter)>();
            async Task SendAtAsync(int milliseconds)
            {
                clock.SetElapsed(TimeSpan.FromMilliseconds(milliseconds));
                using var response = await http.GetAsync(ExampleFetch);
                answers.Add(((int)response.StatusCode, response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null));
            }

            await SendAtAsync(0);    // admitted; uses the injected 500
            await SendAtAsync(0);    // admitted
            await SendAtAsync(0);    // over: a second must pass
            await SendAtAsync(600);  // over: 400 ms left, rounded up
            await SendAtAsync(1000); // the first two have left the window

            Assert.Equal(new (int, string?)[] { (500, null), (200, null), (429, "1"), (429, "1"), (200, null) }, answers);
            Assert.Equal(new[] { false, false, true, true, false }, simulator.Requests.Select(r => r.RejectedByRateLimit));
            Assert.Equal(0, simulator.PendingFaults);
        }

        [Fact]
        public async Task RequestsPerSecondLimit_admits_only_the_limit_from_a_real_burst()
        {
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { RequestsPerSecondLimit = 3 });
            using var http = await SimulatorHttp.StartAsync(simulator);

            var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                using var response = await http.GetAsync(ExampleFetch);
                return (int)response.StatusCode;
            }));

            Assert.Equal(3, statuses.Count(s => s == 200));
            Assert.Equal(5, statuses.Count(s => s == 429));
            Assert.Equal(8, simulator.MaxRequestsInAnyWindow(TimeSpan.FromSeconds(1)));
            var rejected = simulator.Requests.Where(r => r.RejectedByRateLimit).ToList();
            Assert.Equal(5, rejected.Count);
            Assert.All(rejected, r => Assert.Equal(429, r.StatusCode));
        }

        [Fact]
        public void The_command_line_binds_options_faults_and_the_legacy_positional_port_and_key()
        {
            var configuration = SimulatorCommandLine.BuildConfiguration(
                new[]
                {
                    "5099", "sk-positional",
                    "--Faults:RateLimitProbability=0.3", "--Faults:RetryAfter=", "--Faults:SlowDelay=00:00:00.250",
                    "--Seed", "4", "--FailureStatus=expired", "--RequestsPerSecondLimit=5", "--QueuedFor=00:00:02",
                    "--SpecPath=other.openapi.yaml", "--StreamChunkDelay=00:00:00.010",
                },
                includeEnvironment: false);

            var options = SimulatorCommandLine.ReadOptions(configuration);

            Assert.Equal(5099, SimulatorCommandLine.ReadPort(configuration));
            Assert.Equal("sk-positional", options.ApiKey);
            Assert.Equal(0.3, options.Faults.RateLimitProbability);
            Assert.Null(options.Faults.RetryAfter);
            Assert.Equal(TimeSpan.FromMilliseconds(250), options.Faults.SlowDelay);
            Assert.Equal(4, options.Seed);
            Assert.Equal("expired", options.FailureStatus);
            Assert.Equal(5, options.RequestsPerSecondLimit);
            Assert.Equal(TimeSpan.FromSeconds(2), options.QueuedFor);
            Assert.Equal(TimeSpan.FromSeconds(2), options.RunningFor);
            Assert.Equal("other.openapi.yaml", options.SpecPath);
            Assert.Equal(TimeSpan.FromMilliseconds(10), options.StreamChunkDelay);
        }

        [Fact]
        public void Switches_override_the_positional_values_and_defaults_apply_without_either()
        {
            var overridden = SimulatorCommandLine.BuildConfiguration(new[] { "5099", "--Port=0", "--ApiKey=sk-switch" }, includeEnvironment: false);
            var empty = SimulatorCommandLine.BuildConfiguration(Array.Empty<string>(), includeEnvironment: false);

            Assert.Equal(0, SimulatorCommandLine.ReadPort(overridden));
            Assert.Equal("sk-switch", SimulatorCommandLine.ReadOptions(overridden).ApiKey);
            Assert.Equal(SimulatorCommandLine.DefaultPort, SimulatorCommandLine.ReadPort(empty));
            var defaults = SimulatorCommandLine.ReadOptions(empty);
            Assert.Null(defaults.ApiKey);
            Assert.Equal(TimeSpan.FromSeconds(1), defaults.Faults.RetryAfter);
            Assert.Equal(0, defaults.Faults.RateLimitProbability);
        }

        [Theory]
        [InlineData("--Faults:RateLimitProbability=1.5")]
        [InlineData("--Faults:DropConnectionProbability=-0.1")]
        [InlineData("--RequestsPerSecondLimit=0")]
        [InlineData("--QueuedFor=soon")]
        [InlineData("--StreamChunkDelay=-00:00:01")]
        [InlineData("--StreamChunkDelay=")]
        public void Out_of_range_or_unreadable_settings_are_refused(string argument)
        {
            var configuration = SimulatorCommandLine.BuildConfiguration(new[] { argument }, includeEnvironment: false);

            var exception = Record.Exception(() => SimulatorCommandLine.ReadOptions(configuration));

            Assert.True(exception is ArgumentException or InvalidOperationException, exception?.ToString() ?? "no exception");
        }

        private static StringContent SubmitBody(string prompt) => new(
            JsonSerializer.Serialize(new { model = Model, content = new[] { new { type = "text", text = prompt } } }),
            Encoding.UTF8,
            "application/json");

        private static async Task<string> SubmitAsync(HttpClient http, string prompt = "A cat walking through falling snow")
        {
            using var response = await http.PostAsync("seedance/generations", SubmitBody(prompt));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            using var document = JsonDocument.Parse(body);
            var id = document.RootElement.GetProperty("id").GetString()!;
            Assert.StartsWith("cgt-", id);
            return id;
        }

        private static async Task<JsonElement> FetchAsync(HttpClient http, string id)
        {
            using var response = await http.GetAsync("seedance/generations/" + Uri.EscapeDataString(id));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }

        private static async Task<string> StatusAsync(HttpClient http, string id) => (await FetchAsync(http, id)).GetProperty("status").GetString()!;

        private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content = null, string? key = null)
        {
            var request = new HttpRequestMessage(method, path) { Content = content };
            if (key != null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            }

            return http.SendAsync(request);
        }

        private static JsonElement ErrorOf(string body)
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("error").Clone();
        }
    }
}
