using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;

namespace YEScale.Toolkit.Tests.Simulator
{
    /// <summary>
    /// Faults that come after the gateway accepted a submit (the task exists and is billed, yet the client does not get the
    /// answer), and refusals with OpenAI's <c>retry-after-ms</c>: seen through a plain HttpClient, so only the simulator is tested.
    /// </summary>
    public class AcceptedFaultTests
    {
        private const string Model = "doubao-seedance-1-0-pro-250528";
        private const string SubmitPath = "/seedance/generations";

        [Fact]
        public async Task DropAfterAccepting_creates_the_task_then_aborts_without_a_response()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.DropAfterAccepting());

            var exception = await Record.ExceptionAsync(() => http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody()));

            Assert.True(exception is HttpRequestException or IOException, exception?.ToString() ?? "no exception: the submit was answered");
            var submit = Assert.Single(simulator.SubmitsTo(SubmitPath));
            Assert.True(submit.Completed);
            Assert.Null(submit.StatusCode);
            Assert.Equal(SimulatedFaultKind.DropAfterAccepting, submit.Fault);
            var task = Assert.Single(simulator.SubmittedTasks);
            Assert.Equal(task.Id, submit.TaskId);
            Assert.Equal(Model, task.Model);

            // The task is real: a client that lost the answer could still find it by id.
            var (status, body) = await SimulatorHttp.GetJsonAsync(http, "seedance/generations/" + task.Id);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(task.Id, body.GetProperty("id").GetString());
        }

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        public async Task ServerErrorAfterAccepting_creates_the_task_then_answers_an_upstream_error(int status)
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(status == 500 ? SimulatedFault.ServerErrorAfterAccepting() : SimulatedFault.ServerErrorAfterAccepting(status));

            using var response = await http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody());

            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("{\"error\":{\"message\":\"upstream error\",\"type\":\"upstream_error\"}}", await response.Content.ReadAsStringAsync());
            var submit = Assert.Single(simulator.SubmitsTo(SubmitPath));
            Assert.Equal(status, submit.StatusCode);
            Assert.Equal(SimulatedFaultKind.ServerErrorAfterAccepting, submit.Fault);
            Assert.Equal(Assert.Single(simulator.SubmittedTasks).Id, submit.TaskId);
        }

        [Fact]
        public async Task A_server_error_before_accepting_creates_nothing_unlike_one_after()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.ServerError(), SimulatedFault.ServerErrorAfterAccepting());

            using var before = await http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody());
            Assert.Empty(simulator.SubmittedTasks);
            using var after = await http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody());

            Assert.Equal(HttpStatusCode.InternalServerError, before.StatusCode);
            Assert.Equal(HttpStatusCode.InternalServerError, after.StatusCode);
            var submits = simulator.SubmitsTo("seedance/generations");
            Assert.Equal(2, submits.Count);
            Assert.Null(submits[0].TaskId);
            Assert.Equal(Assert.Single(simulator.SubmittedTasks).Id, submits[1].TaskId);
        }

        [Fact]
        public async Task SlowAfterAccepting_creates_the_task_and_a_client_that_times_out_first_gives_up()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            http.Timeout = TimeSpan.FromMilliseconds(200);
            simulator.InjectFaults(SimulatedFault.SlowAfterAccepting(TimeSpan.FromSeconds(30)));

            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody()));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {watch.Elapsed}");

            // The server sees the disconnect shortly after: logged as answered with nothing, but with the task it created.
            var submit = await SimulatorHttp.EventuallyAsync(() => simulator.SubmitsTo(SubmitPath).SingleOrDefault() is { Completed: true } r ? r : null, TimeSpan.FromSeconds(5));
            Assert.Null(submit.StatusCode);
            Assert.Equal(SimulatedFaultKind.SlowAfterAccepting, submit.Fault);
            Assert.Equal(Assert.Single(simulator.SubmittedTasks).Id, submit.TaskId);
        }

        [Fact]
        public async Task SlowAfterAccepting_holds_back_the_headers_of_an_answer_for_a_task_that_already_exists()
        {
            var delay = TimeSpan.FromMilliseconds(600);
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.SlowAfterAccepting(delay));

            var watch = Stopwatch.StartNew();
            var sending = http.SendAsync(new HttpRequestMessage(HttpMethod.Post, SubmitPath.TrimStart('/')) { Content = SubmitBody() }, HttpCompletionOption.ResponseHeadersRead);

            // Created at once, answered only after the delay.
            var task = await SimulatorHttp.EventuallyAsync(() => simulator.SubmittedTasks.SingleOrDefault(), TimeSpan.FromSeconds(5));
            Assert.False(sending.IsCompleted, $"headers arrived after {watch.Elapsed}");
            using var response = await sending;
            Assert.True(watch.Elapsed >= delay - TimeSpan.FromMilliseconds(20), $"headers arrived after {watch.Elapsed}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(task.Id, (await SimulatorHttp.ReadJsonAsync(response)).GetProperty("id").GetString());
            Assert.Equal(task.Id, Assert.Single(simulator.SubmitsTo(SubmitPath)).TaskId);
        }

        [Fact]
        public async Task SlowBody_sends_the_headers_and_half_the_body_at_once_and_the_rest_after_the_delay()
        {
            var delay = TimeSpan.FromSeconds(1);
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.SlowBody(delay));

            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, SubmitPath.TrimStart('/')) { Content = SubmitBody() }, HttpCompletionOption.ResponseHeadersRead);
            var headersAt = watch.Elapsed;

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var length = response.Content.Headers.ContentLength;
            Assert.NotNull(length);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var half = (int)length!.Value / 2;
            var body = new byte[length.Value];
            await stream.ReadExactlyAsync(body.AsMemory(0, half));
            var halfAt = watch.Elapsed;
            await stream.ReadExactlyAsync(body.AsMemory(half));
            var restAt = watch.Elapsed;
            Assert.Equal(0, await stream.ReadAsync(new byte[1]));

            Assert.True(headersAt < delay, $"headers arrived after {headersAt}");
            Assert.True(halfAt < delay, $"the first half arrived after {halfAt}");
            Assert.True(restAt >= delay - TimeSpan.FromMilliseconds(20), $"the rest arrived after {restAt}");
            using var document = JsonDocument.Parse(body);
            var task = Assert.Single(simulator.SubmittedTasks);
            Assert.Equal(task.Id, document.RootElement.GetProperty("id").GetString());
            var submit = Assert.Single(simulator.SubmitsTo(SubmitPath));
            Assert.Equal(200, submit.StatusCode);
            Assert.Equal(SimulatedFaultKind.SlowBody, submit.Fault);
            Assert.Equal(task.Id, submit.TaskId);
        }

        [Fact]
        public async Task SlowBody_hangs_a_client_whose_deadline_covers_only_the_headers()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(SimulatedFault.SlowBody(TimeSpan.FromSeconds(30)));

            using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, SubmitPath.TrimStart('/')) { Content = SubmitBody() }, HttpCompletionOption.ResponseHeadersRead);
            using var reading = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => response.Content.ReadAsStringAsync(reading.Token));
            Assert.Single(simulator.SubmittedTasks);
        }

        [Theory]
        [InlineData(1500, "1500")]
        [InlineData(1234.4, "1235")]
        [InlineData(0, "0")]
        public async Task RateLimited_and_ServiceUnavailable_can_send_retry_after_ms_instead_of_Retry_After(double milliseconds, string header)
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            var wait = TimeSpan.FromMilliseconds(milliseconds);
            simulator.InjectFaults(SimulatedFault.RateLimited(null, retryAfterMs: wait), SimulatedFault.ServiceUnavailable(null, retryAfterMs: wait));

            using var limited = await http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody());
            using var unavailable = await http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody());

            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal(header, Assert.Single(limited.Headers.GetValues("retry-after-ms")));
            Assert.False(limited.Headers.Contains("Retry-After"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.Equal(header, Assert.Single(unavailable.Headers.GetValues("retry-after-ms")));
            Assert.False(unavailable.Headers.Contains("Retry-After"));

            // Refused before accepting: both submits arrived, neither created a task.
            Assert.Equal(2, simulator.SubmitsTo(SubmitPath).Count);
            Assert.Empty(simulator.SubmittedTasks);
        }

        [Fact]
        public async Task Retry_After_and_retry_after_ms_can_be_sent_together_with_different_values()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);
            simulator.InjectFaults(
                SimulatedFault.RateLimited(TimeSpan.FromSeconds(2), retryAfterMs: TimeSpan.FromMilliseconds(250)),
                SimulatedFault.ServiceUnavailable(TimeSpan.FromSeconds(3), asDate: false, retryAfterMs: TimeSpan.FromMilliseconds(40)),
                SimulatedFault.RateLimited(TimeSpan.FromSeconds(1)));

            using var limited = await http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody());
            using var unavailable = await http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody());
            using var plain = await http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody());

            Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter!.Delta);
            Assert.Equal("250", Assert.Single(limited.Headers.GetValues("retry-after-ms")));
            Assert.Equal(TimeSpan.FromSeconds(3), unavailable.Headers.RetryAfter!.Delta);
            Assert.Equal("40", Assert.Single(unavailable.Headers.GetValues("retry-after-ms")));
            Assert.Equal(TimeSpan.FromSeconds(1), plain.Headers.RetryAfter!.Delta);
            Assert.False(plain.Headers.Contains("retry-after-ms"));
        }

        [Theory]
        [InlineData(nameof(FaultOptions.DropAfterAcceptingProbability), SimulatedFaultKind.DropAfterAccepting)]
        [InlineData(nameof(FaultOptions.ServerErrorAfterAcceptingProbability), SimulatedFaultKind.ServerErrorAfterAccepting)]
        [InlineData(nameof(FaultOptions.SlowAfterAcceptingProbability), SimulatedFaultKind.SlowAfterAccepting)]
        [InlineData(nameof(FaultOptions.SlowBodyProbability), SimulatedFaultKind.SlowBody)]
        public async Task A_random_fault_after_accepting_still_creates_every_task(string probability, SimulatedFaultKind kind)
        {
            var faults = new FaultOptions { SlowDelay = TimeSpan.FromMilliseconds(100) };
            typeof(FaultOptions).GetProperty(probability)!.SetValue(faults, 1.0);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { Faults = faults });
            using var http = await SimulatorHttp.StartAsync(simulator);

            for (var i = 0; i < 2; i++)
            {
                var watch = Stopwatch.StartNew();
                HttpResponseMessage? response = null;
                try
                {
                    response = await http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody());
                    await response.Content.ReadAsByteArrayAsync();
                }
                catch (HttpRequestException) when (kind == SimulatedFaultKind.DropAfterAccepting)
                {
                }

                using (response)
                {
                    switch (kind)
                    {
                        case SimulatedFaultKind.DropAfterAccepting:
                            Assert.Null(response);
                            break;
                        case SimulatedFaultKind.ServerErrorAfterAccepting:
                            Assert.Equal(HttpStatusCode.InternalServerError, response!.StatusCode);
                            break;
                        default:
                            Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
                            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(90), $"answered after {watch.Elapsed}");
                            break;
                    }
                }
            }

            var submits = simulator.SubmitsTo(SubmitPath);
            Assert.Equal(2, submits.Count);
            Assert.All(submits, s => Assert.Equal(kind, s.Fault));
            Assert.Equal(submits.Select(s => s.TaskId).Order(), simulator.SubmittedTasks.Select(t => t.Id).Order());
        }

        [Fact]
        public void The_command_line_binds_the_faults_after_accepting_and_retry_after_ms()
        {
            var configuration = SimulatorCommandLine.BuildConfiguration(
                new[]
                {
                    "--Faults:DropAfterAcceptingProbability=0.1", "--Faults:ServerErrorAfterAcceptingProbability=0.2",
                    "--Faults:SlowAfterAcceptingProbability=0.3", "--Faults:SlowBodyProbability=0.4", "--Faults:RetryAfterMs=00:00:00.250",
                },
                includeEnvironment: false);

            var options = SimulatorCommandLine.ReadOptions(configuration);
            var defaults = SimulatorCommandLine.ReadOptions(SimulatorCommandLine.BuildConfiguration(Array.Empty<string>(), includeEnvironment: false));
            var cleared = SimulatorCommandLine.ReadOptions(SimulatorCommandLine.BuildConfiguration(new[] { "--Faults:RetryAfterMs=" }, includeEnvironment: false));

            Assert.Equal(0.1, options.Faults.DropAfterAcceptingProbability);
            Assert.Equal(0.2, options.Faults.ServerErrorAfterAcceptingProbability);
            Assert.Equal(0.3, options.Faults.SlowAfterAcceptingProbability);
            Assert.Equal(0.4, options.Faults.SlowBodyProbability);
            Assert.Equal(TimeSpan.FromMilliseconds(250), options.Faults.RetryAfterMs);
            Assert.Null(defaults.Faults.RetryAfterMs);
            Assert.Null(cleared.Faults.RetryAfterMs);
            Assert.ThrowsAny<ArgumentException>(() => SimulatorCommandLine.ReadOptions(SimulatorCommandLine.BuildConfiguration(new[] { "--Faults:SlowBodyProbability=2" }, includeEnvironment: false)));
        }

        [Fact]
        public async Task Random_refusals_send_retry_after_ms_when_FaultOptions_asks()
        {
            var faults = new FaultOptions { RateLimitProbability = 1, RetryAfter = null, RetryAfterMs = TimeSpan.FromMilliseconds(750) };
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { Faults = faults });
            using var http = await SimulatorHttp.StartAsync(simulator);

            using var response = await http.PostAsync(SubmitPath.TrimStart('/'), SubmitBody());

            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("750", Assert.Single(response.Headers.GetValues("retry-after-ms")));
            Assert.False(response.Headers.Contains("Retry-After"));
        }

        [Fact]
        public void The_new_faults_describe_themselves_and_refuse_bad_arguments()
        {
            Assert.Equal("DropAfterAccepting", SimulatedFault.DropAfterAccepting().ToString());
            Assert.Equal("ServerErrorAfterAccepting(502)", SimulatedFault.ServerErrorAfterAccepting(502).ToString());
            Assert.Equal("SlowAfterAccepting(00:00:02)", SimulatedFault.SlowAfterAccepting(TimeSpan.FromSeconds(2)).ToString());
            Assert.Equal("SlowBody(00:00:01)", SimulatedFault.SlowBody(TimeSpan.FromSeconds(1)).ToString());
            Assert.Equal("RateLimited(429, Retry-After none, retry-after-ms 00:00:01.5000000)", SimulatedFault.RateLimited(null, retryAfterMs: TimeSpan.FromMilliseconds(1500)).ToString());
            Assert.Equal("ServiceUnavailable(503, Retry-After 00:00:03)", SimulatedFault.ServiceUnavailable(TimeSpan.FromSeconds(3)).ToString());
            Assert.Equal(TimeSpan.FromMilliseconds(1500), SimulatedFault.ServiceUnavailable(null, retryAfterMs: TimeSpan.FromMilliseconds(1500)).RetryAfterMs);

            Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.ServerErrorAfterAccepting(404));
            Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.SlowAfterAccepting(TimeSpan.FromSeconds(-1)));
            Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.SlowBody(TimeSpan.FromSeconds(-1)));
            Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.RateLimited(null, retryAfterMs: TimeSpan.FromMilliseconds(-1)));
        }

        [Fact]
        public async Task SubmitsTo_counts_submits_only_and_SubmittedTasks_leaves_out_the_examples()
        {
            await using var simulator = new YEScaleSimulator();
            using var http = await SimulatorHttp.StartAsync(simulator);

            var (status, body) = await SimulatorHttp.PostJsonAsync(http, SubmitPath, SubmitJson());
            var id = body.GetProperty("id").GetString()!;
            (await http.GetAsync("seedance/generations/" + id)).Dispose();
            (await http.GetAsync("seedance/generations/" + YEScaleSimulator.ExampleTaskId)).Dispose();

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(3, simulator.Requests.Count);
            var submit = Assert.Single(simulator.SubmitsTo(SubmitPath));
            Assert.True(submit.IsSubmit);
            Assert.Equal(id, submit.TaskId);
            Assert.All(simulator.Requests.Skip(1), r => Assert.False(r.IsSubmit));
            Assert.Empty(simulator.SubmitsTo("/seedance/generations/" + id));
            Assert.Equal(id, Assert.Single(simulator.SubmittedTasks).Id);
            Assert.Contains(simulator.Tasks, t => t.IsExample);
        }

        private static string SubmitJson(string prompt = "A lighthouse in fog") =>
            JsonSerializer.Serialize(new { model = Model, content = new[] { new { type = "text", text = prompt } } });

        private static StringContent SubmitBody(string prompt = "A lighthouse in fog") => SimulatorHttp.JsonBody(SubmitJson(prompt));
    }
}
