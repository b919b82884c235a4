using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Cli
{
    /// <summary>
    /// The `yescale` tool run as its own process against the simulator on 127.0.0.1: what it prints (redirected,
    /// so plain lines or JSON) and the exit code each kind of failure gets. Each test starts processes, so they run
    /// apart from the timing-sensitive parallel tests.
    /// </summary>
    [Collection(ProcessHeavyCollection.Name)]
    public sealed class CliTests : IDisposable
    {
        private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "yescale-cli-" + Guid.NewGuid().ToString("N"));

        public CliTests() => Directory.CreateDirectory(_directory);

        private string Journal => Path.Combine(_directory, "tasks.jsonl");

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public async Task Submit_without_wait_prints_the_id_and_records_it_in_the_journal()
        {
            await using var service = await SimulatedService.StartAsync();

            var (code, output, errors) = await RunAsync(service, "submit", "A paper boat on a rainy street");

            Assert.True(code == 0, $"exit {code}: {errors}");
            var id = Assert.Single(service.Simulator.Tasks, t => !t.IsExample).Id;
            Assert.Equal(new[] { id + ": submitted" }, output);
            Assert.Contains("yescale wait " + id, errors);
            var unfinished = await new FileTaskJournal(Journal).GetUnfinishedAsync("getSeedanceGeneration");
            Assert.Equal(id, Assert.Single(unfinished).TaskId);
        }

        [Fact]
        public async Task Submit_with_wait_and_json_writes_only_json_lines_and_ends_with_succeeded()
        {
            await using var service = await SimulatedService.StartAsync();

            var (code, output, errors) = await RunAsync(service, "submit", "A fox in the snow", "--wait", "--json");

            Assert.True(code == 0, $"exit {code}: {errors}");
            var events = output.Select(Parse).ToList();
            var id = events[0].GetProperty("id").GetString();
            Assert.Equal("submitted", Event(events[0]));
            // Which unfinished status the first poll sees (queued or running) depends on the machine's load; that one is reported is what counts.
            var statuses = events.Where(e => Event(e) == "status").Select(e => e.GetProperty("status").GetString()).ToList();
            Assert.NotEmpty(statuses);
            Assert.All(statuses, status => Assert.Contains(status, new[] { "queued", "running" }));
            var last = events[^1];
            Assert.Equal("succeeded", Event(last));
            Assert.Equal(id, last.GetProperty("id").GetString());
            Assert.EndsWith($"/files/{id}.mp4", last.GetProperty("video_url").GetString());
            Assert.All(events, e => Assert.Equal(id, e.GetProperty("id").GetString()));
            Assert.Empty(await new FileTaskJournal(Journal).GetUnfinishedAsync());
        }

        [Fact]
        public async Task Get_prints_the_task_as_json_or_as_text()
        {
            await using var service = await SimulatedService.StartAsync();

            var (code, output, errors) = await RunAsync(service, "get", YEScaleSimulator.ExampleTaskId, "--json");

            Assert.True(code == 0, $"exit {code}: {errors}");
            var task = Parse(Assert.Single(output));
            Assert.Equal(YEScaleSimulator.ExampleTaskId, task.GetProperty("id").GetString());
            Assert.Equal("succeeded", task.GetProperty("status").GetString());
            Assert.StartsWith("https://", task.GetProperty("content").GetProperty("video_url").GetString());

            (code, output, errors) = await RunAsync(service, "get", YEScaleSimulator.ExampleTaskId);

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.Equal(YEScaleSimulator.ExampleTaskId, output[0]);
            Assert.Contains(output, line => line.Trim() == "status:  succeeded");
        }

        [Fact]
        public async Task Download_waits_for_a_running_task_and_saves_the_video()
        {
            await using var service = await SimulatedService.StartAsync();
            var id = await service.SubmitAsync();
            var file = Path.Combine(_directory, "videos", "boat.mp4");

            var (code, output, errors) = await RunAsync(service, "download", id, "--output", file);

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.Equal(PlaceholderVideo.Bytes, await File.ReadAllBytesAsync(file));
            Assert.Contains($"{id}: saved {file}", output);
        }

        [Fact]
        public async Task Submit_wait_output_saves_each_video_under_its_task_id()
        {
            await using var service = await SimulatedService.StartAsync();
            var directory = Path.Combine(_directory, "out");

            var (code, output, errors) = await RunAsync(service, "submit", "a fox", "a tree", "--wait", "--output", directory, "--json");

            Assert.True(code == 0, $"exit {code}: {errors}");
            var saved = output.Select(Parse).Where(e => Event(e) == "saved").ToList();
            Assert.Equal(2, saved.Count);
            Assert.All(saved, e => Assert.Equal(Path.Combine(directory, e.GetProperty("id").GetString() + ".mp4"), e.GetProperty("path").GetString()));
            Assert.All(saved, e => Assert.Equal(PlaceholderVideo.Bytes, File.ReadAllBytes(e.GetProperty("path").GetString()!)));
        }

        [Fact]
        public async Task Waiting_for_a_task_that_fails_exits_1_with_the_reason()
        {
            await using var service = await SimulatedService.StartAsync();
            var id = await service.SubmitAsync("A storm [fail]");

            var (code, output, errors) = await RunAsync(service, "wait", id);

            Assert.Equal(1, code);
            Assert.Contains(output, line => line.StartsWith(id + ": failed after", StringComparison.Ordinal) && line.Contains("sensitive content", StringComparison.Ordinal));
            var line = AssertOneErrorLine(errors);
            Assert.StartsWith($"error: Task {id} ended 'failed' at YEScale: The generated video may contain sensitive content (OutputVideoSensitiveContentDetected). It has no video", line);
        }

        [Fact]
        public async Task A_failed_task_in_json_mode_is_a_failed_event_with_its_exit_code()
        {
            await using var service = await SimulatedService.StartAsync();
            var id = await service.SubmitAsync("A storm [fail]");

            var (code, output, _) = await RunAsync(service, "wait", id, "--json");

            Assert.Equal(1, code);
            var last = Parse(output[^1]);
            Assert.Equal("failed", Event(last));
            Assert.Equal("failed", last.GetProperty("status").GetString());
            Assert.Equal(1, last.GetProperty("exit_code").GetInt32());
            Assert.Contains("OutputVideoSensitiveContentDetected", last.GetProperty("error").GetString());
        }

        [Fact]
        public async Task A_wrong_key_exits_3_and_the_key_is_never_printed()
        {
            await using var service = await SimulatedService.StartAsync();
            const string wrongKey = "sk-wrong-0123456789abcdef";

            foreach (var args in new[] { new[] { "submit", "a fox" }, new[] { "get", YEScaleSimulator.ExampleTaskId }, new[] { "get", YEScaleSimulator.ExampleTaskId, "--json" } })
            {
                var (code, output, errors) = await CliProcess.RunAsync(RunLimit, args.Concat(new[] { "--base-url", Address(service), "--key", wrongKey, "--journal", Journal }).ToArray());

                Assert.Equal(3, code);
                var line = AssertOneErrorLine(errors, wrongKey);
                Assert.StartsWith("error: YEScale refused the API key (HTTP 401", line);
                Assert.Contains("--key KEY or set YESCALE_API_KEY", line);
                Assert.DoesNotContain(wrongKey, errors);
                Assert.DoesNotContain(output, line => line.Contains(wrongKey, StringComparison.Ordinal));
                Assert.DoesNotContain(output, line => line.Contains(SimulatedService.Key, StringComparison.Ordinal));
            }
        }

        [Fact]
        public async Task No_key_at_all_exits_3_and_says_how_to_give_one()
        {
            await using var service = await SimulatedService.StartAsync();

            var (code, _, errors) = await CliProcess.RunAsync(RunLimit, "get", YEScaleSimulator.ExampleTaskId, "--base-url", Address(service), "--journal", Journal);

            Assert.Equal(3, code);
            Assert.StartsWith("error: No API key was given", AssertOneErrorLine(errors));
            Assert.Contains("YESCALE_API_KEY", errors);
        }

        [Fact]
        public async Task A_task_still_running_at_the_timeout_exits_4()
        {
            await using var service = await SimulatedService.StartAsync(o => (o.QueuedFor, o.RunningFor) = (TimeSpan.Zero, TimeSpan.FromMinutes(5)));
            var id = await service.SubmitAsync();

            var (code, output, errors) = await RunAsync(service, "wait", id, "--timeout", "0.5");

            Assert.Equal(4, code);
            Assert.Contains(output, line => line.StartsWith(id + ": timed out after", StringComparison.Ordinal));
            Assert.Contains($"Task {id} was still 'running'", errors);
            Assert.Contains($"yescale wait {id}", errors);
        }

        [Fact]
        public async Task A_closed_port_exits_5_with_the_address()
        {
            var address = $"http://127.0.0.1:{ClosedPort()}/";

            var (code, output, errors) = await CliProcess.RunAsync(RunLimit, "get", "cgt-1", "--base-url", address, "--key", SimulatedService.Key, "--journal", Journal);

            Assert.Equal(5, code);
            Assert.Empty(output);
            var line = AssertOneErrorLine(errors);
            Assert.StartsWith($"error: Could not reach YEScale at {address}", line);
            Assert.Contains("Connection refused", line);
            Assert.Contains("Nothing was sent.", line);
            Assert.Contains("--base-url", line);
        }

        [Fact]
        public async Task A_submit_whose_connection_drops_after_it_was_accepted_exits_10_and_resume_lists_it_without_submitting_again()
        {
            await using var service = await SimulatedService.StartAsync();
            service.Simulator.InjectFaults(SimulatedFault.DropAfterAccepting());

            var (code, output, errors) = await RunAsync(service, "submit", "A paper boat on a rainy street");

            Assert.True(code == 10, $"exit {code}: {errors}");
            Assert.Empty(output);
            var unknown = Assert.Single(await new FileTaskJournal(Journal).GetOutcomeUnknownAsync("getSeedanceGeneration"));
            var line = AssertOneErrorLine(errors);
            Assert.StartsWith("error: The submit may have created a task (billed at most once; it was not sent again): the connection was lost before YEScale answered", line);
            Assert.Contains($"The journal holds it as submit {unknown.SubmitId}: check it with 'yescale resume' before submitting again.", line);
            var created = Assert.Single(service.Simulator.SubmittedTasks).Id;

            // resume lists it, one line, and sends nothing for it.
            (code, output, errors) = await RunAsync(service, "resume");

            Assert.True(code == 10, $"exit {code}: {errors}");
            var listed = Assert.Single(output);
            Assert.StartsWith($"{unknown.SubmitId}: outcome unknown: sent {unknown.SentAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z, \"A paper boat on a rainy street", listed);
            Assert.Contains("it was not submitted again", listed);
            Assert.Contains($"'yescale resolve {unknown.SubmitId} --task TASK_ID'", listed);
            Assert.Single(service.Simulator.SubmitsTo("/seedance/generations"));

            // A submit id the journal does not hold is a usage mistake.
            (code, _, errors) = await RunAsync(service, "resolve", "submit-nonesuch", "--task", created);
            Assert.True(code == 2, $"exit {code}: {errors}");
            Assert.Contains("has no submit 'submit-nonesuch'", errors);

            // Found in the dashboard: resolved as that task, which resume then follows to its end.
            (code, output, errors) = await RunAsync(service, "resolve", unknown.SubmitId, "--task", created);

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.Equal($"{unknown.SubmitId}: resolved as task {created}: recorded in the journal; 'yescale resume' (or 'yescale wait {created}') follows it", Assert.Single(output));
            Assert.Empty(await new FileTaskJournal(Journal).GetOutcomeUnknownAsync());

            (code, output, errors) = await RunAsync(service, "resume");

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.StartsWith(created + ": succeeded after ", output[^1]);
            Assert.Single(service.Simulator.SubmitsTo("/seedance/generations"));
            Assert.Single(service.Simulator.SubmittedTasks);
        }

        [Fact]
        public async Task A_server_error_after_the_submit_was_accepted_exits_10_and_json_names_the_submit()
        {
            await using var service = await SimulatedService.StartAsync();
            service.Simulator.InjectFaults(SimulatedFault.ServerErrorAfterAccepting());

            var (code, output, errors) = await RunAsync(service, "submit", "A fox in the snow", "--wait", "--json");

            Assert.True(code == 10, $"exit {code}: {errors}");
            var unknown = Assert.Single(await new FileTaskJournal(Journal).GetOutcomeUnknownAsync("getSeedanceGeneration"));
            var error = Parse(Assert.Single(output));
            Assert.Equal("error", Event(error));
            Assert.Equal("outcome_unknown", error.GetProperty("kind").GetString());
            Assert.Equal(10, error.GetProperty("exit_code").GetInt32());
            Assert.Equal(unknown.SubmitId, error.GetProperty("submit_id").GetString());
            var line = AssertOneErrorLine(errors);
            Assert.StartsWith("error: The submit may have created a task (billed at most once; it was not sent again): YEScale answered HTTP 500", line);
            Assert.Contains("upstream_error", line);
            Assert.Contains("'yescale resume'", line);
            Assert.Single(service.Simulator.SubmitsTo("/seedance/generations"));

            // resume --json: one outcome_unknown event with the prompt; resolve without --task forgets the submit.
            (code, output, errors) = await RunAsync(service, "resume", "--json");

            Assert.True(code == 10, $"exit {code}: {errors}");
            var listed = Parse(Assert.Single(output));
            Assert.Equal("outcome_unknown", Event(listed));
            Assert.Equal(unknown.SubmitId, listed.GetProperty("submit_id").GetString());
            Assert.StartsWith("A fox in the snow", listed.GetProperty("prompt").GetString());

            (code, output, errors) = await RunAsync(service, "resolve", unknown.SubmitId);

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.Equal($"{unknown.SubmitId}: resolved: forgotten, no task recorded", Assert.Single(output));

            (code, output, errors) = await RunAsync(service, "resume");

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.Equal(new[] { "No unfinished tasks in the journal." }, output);
            Assert.Single(service.Simulator.SubmitsTo("/seedance/generations"));
        }

        [Fact]
        public async Task A_rate_limit_that_outlasts_the_retries_exits_7_with_the_servers_wait()
        {
            await using var service = await SimulatedService.StartAsync();
            service.Simulator.InjectFaults(Enumerable.Range(0, 4).Select(_ => SimulatedFault.RateLimited(TimeSpan.FromSeconds(1))).ToArray());

            var (code, output, errors) = await RunAsync(service, "submit", "A lighthouse at dusk");

            Assert.True(code == 7, $"exit {code}: {errors}");
            Assert.Empty(output);
            var line = AssertOneErrorLine(errors);
            Assert.StartsWith("error: YEScale's rate limit was reached after 4 tries (HTTP 429", line);
            Assert.Contains("rate_limit_error", line);
            Assert.Contains("YEScale asks to wait 1 s (Retry-After)", line);

            // A 429 is a refusal: the toolkit tried again (it is safe), and nothing was created or left open.
            Assert.Equal(4, service.Simulator.SubmitsTo("/seedance/generations").Count);
            Assert.Empty(service.Simulator.SubmittedTasks);
            Assert.Empty(await new FileTaskJournal(Journal).GetOutcomeUnknownAsync());
        }

        [Fact]
        public async Task A_connection_dropped_on_every_try_exits_8_and_says_the_request_may_have_been_processed()
        {
            await using var service = await SimulatedService.StartAsync();
            service.Simulator.InjectFaults(Enumerable.Range(0, 4).Select(_ => SimulatedFault.DropConnection()).ToArray());

            var (code, output, errors) = await RunAsync(service, "get", YEScaleSimulator.ExampleTaskId);

            Assert.True(code == 8, $"exit {code}: {errors}");
            Assert.Empty(output);
            var line = AssertOneErrorLine(errors);
            Assert.StartsWith($"error: The connection to YEScale at {Address(service)} was lost during GET /seedance/generations/{YEScaleSimulator.ExampleTaskId} after 4 tries", line);
            Assert.Contains("the request was sent and may have been processed", line);
        }

        [Fact]
        public async Task An_answer_slower_than_the_request_timeout_exits_9()
        {
            await using var service = await SimulatedService.StartAsync();
            service.Simulator.InjectFaults(Enumerable.Range(0, 4).Select(_ => SimulatedFault.Slow(TimeSpan.FromSeconds(30))).ToArray());

            var (code, output, errors) = await RunAsync(service, "get", YEScaleSimulator.ExampleTaskId, "--request-timeout", "0.3");

            Assert.True(code == 9, $"exit {code}: {errors}");
            Assert.Empty(output);
            var line = AssertOneErrorLine(errors);
            Assert.Matches($@"^error: GET /seedance/generations/{YEScaleSimulator.ExampleTaskId} timed out after 0\.3 s on each of 4 tries \([0-9.]+ s in all\); the request was sent and may have been processed\.", line);
            Assert.Contains("--request-timeout SECONDS", line);
        }

        [Fact]
        public async Task A_server_error_on_every_try_of_a_query_exits_6()
        {
            await using var service = await SimulatedService.StartAsync();
            service.Simulator.InjectFaults(Enumerable.Range(0, 4).Select(_ => SimulatedFault.ServerError(502)).ToArray());

            var (code, _, errors) = await RunAsync(service, "get", YEScaleSimulator.ExampleTaskId);

            Assert.True(code == 6, $"exit {code}: {errors}");
            var line = AssertOneErrorLine(errors);
            Assert.StartsWith($"error: YEScale had a server error on GET /seedance/generations/{YEScaleSimulator.ExampleTaskId} after 4 tries (HTTP 502", line);
            Assert.Contains("upstream_error", line);
        }

        [Fact]
        public async Task A_refused_request_exits_6_with_the_status_the_error_and_the_request_id()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.StatusCode = 400;
                context.Response.ContentType = "application/json";
                context.Response.Headers["x-request-id"] = "req-0042";
                await context.Response.WriteAsync("""{"error":{"code":"invalid_request_error","message":"The task id is malformed."}}""");
            });

            var (code, output, errors) = await CliProcess.RunAsync(RunLimit, "get", "cgt-1", "--base-url", server.BaseAddress.ToString(), "--key", SimulatedService.Key, "--journal", Journal);

            Assert.True(code == 6, $"exit {code}: {errors}");
            Assert.Empty(output);
            Assert.Equal(
                "error: YEScale rejected GET /seedance/generations/cgt-1 (HTTP 400 Bad Request: invalid_request_error, The task id is malformed; request id req-0042). Check the prompt and options ('yescale --help').",
                AssertOneErrorLine(errors));
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task An_unknown_command_exits_2_with_the_usage()
        {
            var (code, output, errors) = await CliProcess.RunAsync(RunLimit, "frobnicate");

            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.Contains("Unknown command 'frobnicate'", errors);
            Assert.Contains("Usage:", errors);
            Assert.Contains("Exit codes:", errors);

            (code, output, errors) = await CliProcess.RunAsync(RunLimit, "wait", "--json");

            Assert.Equal(2, code);
            var error = Parse(Assert.Single(output));
            Assert.Equal("error", Event(error));
            Assert.Equal("usage", error.GetProperty("kind").GetString());
            Assert.Equal(2, error.GetProperty("exit_code").GetInt32());
            Assert.Contains("needs a task id", errors);
        }

        [Fact]
        public async Task Usage_mistakes_exit_2_before_anything_is_sent()
        {
            await using var service = await SimulatedService.StartAsync();

            foreach (var args in new[]
            {
                new[] { "submit" },
                new[] { "submit", "a fox", "--output", _directory },
                new[] { "get", "a", "b" },
                new[] { "wait", "x", "--interval", "soon" },
                new[] { "wait", "x", "--timeout", "0" },
                new[] { "wait", "x", "--colour" },
            })
            {
                // Without the usual --interval, which would override the one under test.
                var (code, _, errors) = await CliProcess.RunAsync(RunLimit, args.Concat(new[] { "--base-url", Address(service), "--key", SimulatedService.Key, "--journal", Journal }).ToArray());

                Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}: {errors}");
                Assert.StartsWith("error: ", errors);
            }

            Assert.Equal(0, service.Simulator.RequestCount);
        }

        [Fact]
        public async Task Redirected_plain_output_has_a_line_per_status_change()
        {
            // The tool submits and polls at once, so it sees the task queued, then running, then done.
            await using var service = await SimulatedService.StartAsync(o => (o.QueuedFor, o.RunningFor) = (TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(600)));

            var (code, output, errors) = await RunAsync(service, "submit", "A lighthouse at dusk", "--wait");

            Assert.True(code == 0, $"exit {code}: {errors}");
            var id = output[0].Split(':')[0];
            Assert.Equal(4, output.Count);
            Assert.Equal(id + ": submitted", output[0]);
            Assert.Matches($@"^{id}: queued \(\d+\.\d s\)$", output[1]);
            Assert.Matches($@"^{id}: running \(\d+\.\d s\)$", output[2]);
            Assert.StartsWith(id + ": succeeded after ", output[3]);
            Assert.EndsWith($"/files/{id}.mp4", output[3]);

            // One line per change, never one per poll, and no terminal control codes.
            Assert.DoesNotContain(output, line => line.Contains('\u001b'));
        }

        [Fact]
        public async Task Resume_with_an_empty_journal_says_so()
        {
            await using var service = await SimulatedService.StartAsync();

            var (code, output, errors) = await RunAsync(service, "resume");

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.Equal(new[] { "No unfinished tasks in the journal." }, output);
        }

        [Fact]
        public async Task Ctrl_C_stops_waiting_with_exit_130_and_says_how_to_resume()
        {
            if (OperatingSystem.IsWindows())
            {
                return; // No SIGINT to send; the handler is the same code on every platform.
            }

            // Queued and running both last longer than any test: a loaded machine's first poll may come late, and must
            // still find the task unfinished.
            await using var service = await SimulatedService.StartAsync(o => (o.QueuedFor, o.RunningFor) = (TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));

            using var cli = CliProcess.Start(Common(service, "submit", "A long take", "--wait"));
            var id = cli.WaitForLine(line => line.EndsWith(": submitted", StringComparison.Ordinal), RunLimit).Split(':')[0];
            cli.WaitForLine(line => line.StartsWith(id + ": queued", StringComparison.Ordinal), RunLimit);
            cli.Interrupt();
            var code = await cli.WaitForExitAsync(RunLimit);

            Assert.Equal(130, code);
            Assert.Contains(cli.Output, line => line.StartsWith(id + ": stopped waiting", StringComparison.Ordinal));
            Assert.Contains("Stopped waiting. The task goes on at YEScale", cli.Errors);
            Assert.Contains("yescale resume", cli.Errors);
            Assert.Equal(id, Assert.Single(await new FileTaskJournal(Journal).GetUnfinishedAsync()).TaskId);
        }

        [Fact]
        public async Task Help_and_version_exit_0()
        {
            var (code, output, _) = await CliProcess.RunAsync(RunLimit, "--help");

            Assert.Equal(0, code);
            Assert.Contains(output, line => line.Contains("yescale submit PROMPT", StringComparison.Ordinal));
            Assert.Contains(output, line => line.Trim().StartsWith("130", StringComparison.Ordinal));

            (code, output, _) = await CliProcess.RunAsync(RunLimit, "--version");

            Assert.Equal(0, code);
            Assert.Matches(@"^yescale \d+\.\d+\.\d+", Assert.Single(output));
        }

        private static string Address(SimulatedService service) => service.Simulator.BaseAddress.ToString();

        private string[] Common(SimulatedService service, params string[] args) =>
            args.Concat(new[] { "--base-url", Address(service), "--key", SimulatedService.Key, "--journal", Journal, "--interval", "0.05" }).ToArray();

        private Task<(int ExitCode, IReadOnlyList<string> Output, string Errors)> RunAsync(SimulatedService service, params string[] args) =>
            CliProcess.RunAsync(RunLimit, Common(service, args));

        /// <summary>Standard error holds one line, "error: ...", without a stack trace or a key; returns it.</summary>
        private static string AssertOneErrorLine(string errors, string? key = null)
        {
            var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: ", line);
            Assert.DoesNotContain("   at ", line);
            Assert.DoesNotContain("Exception", line);
            Assert.DoesNotContain(SimulatedService.Key, line);
            if (key != null)
            {
                Assert.DoesNotContain(key, line);
            }

            return line;
        }

        private static JsonElement Parse(string line)
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }

        private static string? Event(JsonElement element) => element.GetProperty("event").GetString();

        /// <summary>A loopback port nothing listens on: bound to find a free one, then released.</summary>
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
