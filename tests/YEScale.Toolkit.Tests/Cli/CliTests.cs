using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
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
            Assert.Contains(events, e => Event(e) == "status" && e.GetProperty("status").GetString() == "queued");
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
            Assert.Contains($"error: Task {id} ended 'failed' at YEScale: The generated video may contain sensitive content (OutputVideoSensitiveContentDetected).", errors);
            Assert.Contains("hint: ", errors);
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
                Assert.Contains("YEScale refused the API key (HTTP 401", errors);
                Assert.Contains("--key KEY or set YESCALE_API_KEY", errors);
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
            Assert.Contains("No API key was given", errors);
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
            Assert.Contains($"Could not reach YEScale at {address}", errors);
            Assert.Contains("--base-url", errors);
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

            await using var service = await SimulatedService.StartAsync(o => o.RunningFor = TimeSpan.FromMinutes(5));

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
