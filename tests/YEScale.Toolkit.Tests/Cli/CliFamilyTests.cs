using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Cli
{
    /// <summary>
    /// The `yescale` tool's task families other than Seedance, and its balance command, run as their own process against
    /// the simulator: what each submit sends, what is waited for and saved (with which extension), and what resume follows.
    /// </summary>
    [Collection(ProcessHeavyCollection.Name)]
    public sealed class CliFamilyTests : IDisposable
    {
        private const string AccessKey = "ak-test-account-0123456789";

        private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "yescale-cli-families-" + Guid.NewGuid().ToString("N"));

        public CliFamilyTests() => Directory.CreateDirectory(_directory);

        private string Journal => Path.Combine(_directory, "tasks.jsonl");

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public async Task Kling_submit_wait_sends_the_main_inputs_and_saves_an_mp4()
        {
            await using var service = await SimulatedService.StartAsync();
            var directory = Path.Combine(_directory, "out");

            var (code, output, errors) = await RunAsync(
                service, "submit", "--family", "kling", "A koi pond in the rain", "--model", "kling-v1-6", "--ratio", "9:16", "--duration", "10", "--mode", "pro", "--wait", "--output", directory, "--json");

            Assert.True(code == 0, $"exit {code}: {errors}");
            var task = Assert.Single(service.Simulator.SubmittedTasks);
            Assert.Equal("createKlingTextToVideo", task.SubmitOperationId);
            var request = task.Request!;
            Assert.Equal("A koi pond in the rain", request["prompt"]!.GetValue<string>());
            Assert.Equal("kling-v1-6", request["model_name"]!.GetValue<string>());
            Assert.Equal("9:16", request["aspect_ratio"]!.GetValue<string>());
            Assert.Equal("10", request["duration"]!.GetValue<string>());
            Assert.Equal("pro", request["mode"]!.GetValue<string>());

            var events = output.Select(Parse).ToList();
            Assert.All(events, e => Assert.Equal("kling", e.GetProperty("family").GetString()));
            var succeeded = Assert.Single(events, e => Event(e) == "succeeded");
            Assert.EndsWith($"/files/{task.Id}.mp4", succeeded.GetProperty("result_url").GetString());
            var saved = Assert.Single(events, e => Event(e) == "saved");
            var path = Path.Combine(directory, task.Id + ".mp4");
            Assert.Equal(path, saved.GetProperty("path").GetString());
            Assert.Equal(PlaceholderVideo.Bytes, await File.ReadAllBytesAsync(path));
            Assert.Empty(await new FileTaskJournal(Journal).GetUnfinishedAsync());
        }

        [Fact]
        public async Task Suno_submit_wait_saves_the_song_as_an_mp3()
        {
            await using var service = await SimulatedService.StartAsync();
            var directory = Path.Combine(_directory, "songs");

            var (code, output, errors) = await RunAsync(
                service, "submit", "--family", "suno", "An upbeat song about paper boats", "--model", "chirp-v4", "--tags", "synth-pop", "--instrumental", "--wait", "--output", directory);

            Assert.True(code == 0, $"exit {code}: {errors}");
            var task = Assert.Single(service.Simulator.SubmittedTasks);
            Assert.Equal("submitSunoMusic", task.SubmitOperationId);
            Assert.Equal("An upbeat song about paper boats", task.Request!["gpt_description_prompt"]!.GetValue<string>());
            Assert.Equal("chirp-v4", task.Request["mv"]!.GetValue<string>());
            Assert.True(task.Request["make_instrumental"]!.GetValue<bool>());
            var path = Path.Combine(directory, task.Id + ".mp3");
            Assert.Contains($"{task.Id}: saved {path}", output);
            Assert.Equal(PlaceholderFiles.Mp3, await File.ReadAllBytesAsync(path));
        }

        [Fact]
        public async Task Midjourney_get_wait_and_download_take_the_family_and_save_a_png()
        {
            await using var service = await SimulatedService.StartAsync();

            var (code, output, errors) = await RunAsync(service, "submit", "--family", "mj", "A lighthouse at dawn", "--bot", "NIJI_JOURNEY");

            Assert.True(code == 0, $"exit {code}: {errors}");
            var task = Assert.Single(service.Simulator.SubmittedTasks);
            Assert.Equal("submitMidjourneyImagine", task.SubmitOperationId);
            Assert.Equal("NIJI_JOURNEY", task.Request!["botType"]!.GetValue<string>());
            Assert.Equal(new[] { task.Id + ": submitted" }, output);

            // The follow-up it suggests names the family, since the bare id would be taken for a Seedance task.
            Assert.Contains("yescale wait midjourney:" + task.Id, errors);

            (code, output, errors) = await RunAsync(service, "wait", "midjourney:" + task.Id);

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.StartsWith(task.Id + ": succeeded after ", output[^1]);
            Assert.EndsWith($"/files/{task.Id}.png", output[^1]);

            (code, output, errors) = await RunAsync(service, "get", "--family", "midjourney", task.Id);

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.Equal(task.Id, output[0]);
            Assert.Contains(output, line => line.Trim().StartsWith("status:", StringComparison.Ordinal) && line.Trim().EndsWith("SUCCESS", StringComparison.Ordinal));

            (code, output, errors) = await RunAsync(service, "download", "midjourney:" + task.Id, "--output", _directory);

            Assert.True(code == 0, $"exit {code}: {errors}");
            var path = Path.Combine(_directory, task.Id + ".png");
            Assert.Equal($"{task.Id}: saved {path}", Assert.Single(output));
            Assert.Equal(PlaceholderFiles.Png, await File.ReadAllBytesAsync(path));
        }

        [Fact]
        public async Task A_kling_task_that_runs_past_the_timeout_names_its_family_in_the_hint()
        {
            await using var service = await SimulatedService.StartAsync(o => (o.QueuedFor, o.RunningFor) = (TimeSpan.Zero, TimeSpan.FromMinutes(5)));
            var ids = new List<string>();
            foreach (var prompt in new[] { "a heron", "a crane" })
            {
                var (submitCode, submitted, submitErrors) = await RunAsync(service, "submit", "--family", "kling", prompt);
                Assert.True(submitCode == 0, $"exit {submitCode}: {submitErrors}");
                ids.Add(Assert.Single(submitted).Split(':')[0]);
            }

            var (code, output, errors) = await RunAsync(service, "wait", "--family", "kling", ids[0], ids[1], "--timeout", "0.5");

            Assert.Equal(4, code);
            Assert.All(ids, id => Assert.Contains(output, line => line.StartsWith(id + ": timed out after", StringComparison.Ordinal)));
            Assert.Contains($"yescale wait kling:{ids[0]} kling:{ids[1]}", errors);
        }

        [Fact]
        public async Task Resume_follows_every_family_the_journal_holds_in_one_wait()
        {
            await using var service = await SimulatedService.StartAsync();
            var submits = new[]
            {
                new[] { "submit", "A paper boat" },
                new[] { "submit", "--family", "kling-image", "A red kite", "--count", "2" },
                new[] { "submit", "--family", "suno", "A lullaby" },
                new[] { "submit", "--family", "runway", "--image", "https://example.com/first.png" },
            };
            foreach (var args in submits)
            {
                var (submitCode, _, submitErrors) = await RunAsync(service, args);
                Assert.True(submitCode == 0, $"{string.Join(' ', args)}: exit {submitCode}: {submitErrors}");
            }

            var unfinished = await new FileTaskJournal(Journal).GetUnfinishedAsync();
            Assert.Equal(
                new[] { "getKlingImage", "getRunwayTask", "getSeedanceGeneration", "getSunoTask" },
                unfinished.Select(entry => entry.Operation).Order(StringComparer.Ordinal));
            var output = Path.Combine(_directory, "resumed");

            var (code, lines, errors) = await RunAsync(service, "resume", "--json", "--output", output);

            Assert.True(code == 0, $"exit {code}: {errors}");
            var events = lines.Select(Parse).ToList();
            var succeeded = events.Where(e => Event(e) == "succeeded").ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("family").GetString()!);
            Assert.Equal(unfinished.ToDictionary(entry => entry.TaskId, entry => Family(entry.Operation)), succeeded);
            var saved = events.Where(e => Event(e) == "saved").Select(e => Path.GetFileName(e.GetProperty("path").GetString()!)).Order(StringComparer.Ordinal);
            Assert.Equal(unfinished.Select(entry => entry.TaskId + Extension(entry.Operation)).Order(StringComparer.Ordinal), saved);
            Assert.Empty(await new FileTaskJournal(Journal).GetUnfinishedAsync());

            (code, lines, errors) = await RunAsync(service, "resume");

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.Equal(new[] { "No unfinished tasks in the journal." }, lines);
        }

        [Fact]
        public async Task One_wait_for_tasks_of_several_families_keeps_all_their_polls_within_one_rate_limit()
        {
            // A gateway that turns away the 11th request in any second: the tool's one limit (10 per second) must hold
            // for all the families' polls together, each of which alone would poll every 50 ms.
            await using var service = await SimulatedService.StartAsync(o => (o.RunningFor, o.RequestsPerSecondLimit) = (TimeSpan.FromSeconds(2), 10));
            var references = new List<string>();
            foreach (var family in new[] { "kling", "suno", "midjourney", "luma" })
            {
                var (submitCode, submitted, submitErrors) = await RunAsync(service, "submit", "--family", family, "one " + family, "two " + family);
                Assert.True(submitCode == 0, $"exit {submitCode}: {submitErrors}");
                references.AddRange(submitted.Select(line => family + ":" + line.Split(':')[0]));
            }

            // The gateway's memory of the submits runs out first, so only the wait's own polls count against it.
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            service.Simulator.ClearRequests();
            var (code, output, errors) = await RunAsync(service, new[] { "wait" }.Concat(references).ToArray());

            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.Equal(8, output.Count(line => line.Contains(": succeeded after ", StringComparison.Ordinal)));
            Assert.DoesNotContain(service.Simulator.Requests, request => request.RejectedByRateLimit);
            Assert.InRange(service.Simulator.MaxRequestsInAnyWindow(TimeSpan.FromSeconds(1)), 1, 10);
        }

        [Fact]
        public async Task An_unknown_family_exits_2_with_the_families_before_anything_is_sent()
        {
            await using var service = await SimulatedService.StartAsync();

            var (code, output, errors) = await RunAsync(service, "submit", "--family", "sora-3", "A cat");

            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.StartsWith("error: Unknown family 'sora-3'. The families are: seedance, kling,", errors);
            Assert.Contains("suno", errors);

            (code, output, _) = await RunAsync(service, "wait", "--family", "sora-3", "abc", "--json");

            Assert.Equal(2, code);
            var error = Parse(Assert.Single(output));
            Assert.Equal("usage", error.GetProperty("kind").GetString());
            Assert.Equal(2, error.GetProperty("exit_code").GetInt32());
            Assert.Contains("Unknown family 'sora-3'", error.GetProperty("message").GetString());

            // An option the family's request has no place for, or a missing one it needs, is refused too.
            (code, _, errors) = await RunAsync(service, "submit", "--family", "suno", "A song", "--camerafixed");
            Assert.Equal(2, code);
            Assert.Contains("suno submits take no --camerafixed", errors);

            (code, _, errors) = await RunAsync(service, "submit", "--family", "kling-i2v", "Make it move");
            Assert.Equal(2, code);
            Assert.Contains("kling-i2v submits need --image", errors);

            Assert.Equal(0, service.Simulator.RequestCount);
        }

        [Fact]
        public async Task Balance_prints_the_accounts_balance_and_use_as_text_and_json_never_the_keys()
        {
            await using var account = new YEScaleSimulator(new SimulatorOptions { ApiKey = AccessKey, SpecPath = Path.Combine(SeedPage.Repository, "spec", "yescale-account.openapi.yaml") });
            var address = (await account.StartAsync()).ToString();

            var (code, output, errors) = await CliProcess.RunAsync(RunLimit, "balance", "--account-url", address, "--access-key", AccessKey, "--key", SimulatedService.Key);

            // The spec's example account: 8,664,402,091 credits left and 1,460,014,143 spent, 500,000 to the dollar.
            Assert.True(code == 0, $"exit {code}: {errors}");
            Assert.Equal(
                new[]
                {
                    "balance:  $17,328.80 (8,664,402,091 credits)",
                    "used:     $2,920.03 (1,460,014,143 credits)",
                    "requests: 213,527",
                    "account:  your_username <your.email@example.com>",
                },
                output);
            var request = Assert.Single(account.Requests);
            Assert.Equal(("GET", "/yescale/user"), (request.Method, request.Path));

            (code, output, errors) = await CliProcess.RunAsync(RunLimit, "balance", "--account-url", address, "--access-key", AccessKey, "--json");

            Assert.True(code == 0, $"exit {code}: {errors}");
            var balance = Parse(Assert.Single(output));
            Assert.Equal("balance", Event(balance));
            Assert.Equal(8664402091, balance.GetProperty("quota").GetInt64());
            Assert.Equal(17328.804182m, balance.GetProperty("quota_usd").GetDecimal());
            Assert.Equal(1460014143, balance.GetProperty("used_quota").GetInt64());
            Assert.Equal(2920.028286m, balance.GetProperty("used_quota_usd").GetDecimal());
            Assert.Equal(213527, balance.GetProperty("request_count").GetInt64());
            Assert.False(balance.TryGetProperty("access_token", out _));
            Assert.DoesNotContain("XXXXX", output[0]);

            // A wrong Access Key: exit 3, said in the account API's terms, the key not echoed.
            const string wrong = "ak-wrong-9876543210";
            (code, output, errors) = await CliProcess.RunAsync(RunLimit, "balance", "--account-url", address, "--access-key", wrong);

            Assert.Equal(3, code);
            Assert.Empty(output);
            Assert.StartsWith("error: YEScale refused the Access Key (HTTP 401", errors);
            Assert.Contains("--access-key KEY or set YESCALE_ACCESS_KEY", errors);
            Assert.DoesNotContain(wrong, errors);
            Assert.DoesNotContain(AccessKey, errors);
        }

        private static string Family(string operation) => operation switch
        {
            "getSeedanceGeneration" => "seedance",
            "getKlingImage" => "kling-image",
            "getSunoTask" => "suno",
            "getRunwayTask" => "runway",
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a family this test submits."),
        };

        private static string Extension(string operation) => operation switch
        {
            "getKlingImage" => ".png",
            "getSunoTask" => ".mp3",
            _ => ".mp4",
        };

        private Task<(int ExitCode, IReadOnlyList<string> Output, string Errors)> RunAsync(SimulatedService service, params string[] args) =>
            CliProcess.RunAsync(RunLimit, args.Concat(new[] { "--base-url", service.Simulator.BaseAddress.ToString(), "--key", SimulatedService.Key, "--journal", Journal, "--interval", "0.05" }).ToArray());

        private static JsonElement Parse(string line)
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }

        private static string? Event(JsonElement element) => element.GetProperty("event").GetString();
    }
}
