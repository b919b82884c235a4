using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Polling
{
    /// <summary>
    /// The task handle against the simulator on 127.0.0.1: what a submit returns, what a token rehydrates, and one wait
    /// for tasks of different kinds under one rate limit; resuming every kind the journal holds in one call.
    /// </summary>
    public class TaskHandleTests
    {
        [Fact]
        public async Task A_submit_returns_a_handle_that_updates_waits_and_downloads()
        {
            await using var service = await SimulatedService.StartAsync();

            var task = await service.Client.Seedance.CreateGenerationAsync(SimulatedService.Request("a handle"));

            Assert.Equal(task.SubmitAnswer.Id, task.Id);
            Assert.Equal("getSeedanceGeneration", task.Kind);
            Assert.Null(task.Value);
            Assert.Equal(TaskState.Pending, task.State);
            Assert.Contains("not fetched yet", task.ToString());

            var first = await task.UpdateAsync();
            Assert.Same(first, task.Value);
            Assert.Contains(task.Status, new[] { "queued", "running" });
            Assert.False(task.HasCompleted);

            var final = await task.WaitAsync();
            Assert.Equal("succeeded", final.Status.ToString());
            Assert.Equal(TaskState.Succeeded, task.State);
            Assert.Equal(1.0, task.Progress);
            Assert.Equal(final.Content?.VideoUrl, task.ResultUrl);
            Assert.Null(task.WaitFailure);

            using var video = new MemoryStream();
            await task.DownloadAsync(video);
            Assert.True(video.Length > 0);
        }

        [Fact]
        public async Task A_token_survives_a_new_client_and_names_the_same_task()
        {
            await using var service = await SimulatedService.StartAsync();
            var submitted = await service.Client.Kling.CreateTextToVideoAsync(new YEScale.KlingTextToVideoRequest { Prompt = "a token", Duration = "5" });
            var token = submitted.ToToken();

            Assert.DoesNotContain(SimulatedService.Key, token);
            using var http = new System.Net.Http.HttpClient();
            var restarted = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = service.Simulator.BaseAddress, ApiKey = SimulatedService.Key, TaskWait = SimulatedService.FastPolling() });
            var again = Assert.IsType<ApiTask<YEScale.KlingVideoTask>>(restarted.Tasks.FromToken(token));

            Assert.Equal(submitted.Id, again.Id);
            Assert.Equal("getKlingTextToVideo", again.Kind);
            var final = await again.WaitAsync();
            Assert.Equal(submitted.Id, final.Data?.TaskId);
        }

        [Theory]
        [InlineData("not a token")]
        [InlineData("t1:")]
        [InlineData("t1:getSeedanceGeneration:")]
        public void A_malformed_token_is_a_FormatException(string token)
        {
            using var http = new System.Net.Http.HttpClient();
            var client = new YEScale.YEScaleClient(http);

            Assert.Throws<FormatException>(() => client.Tasks.FromToken(token));
        }

        [Fact]
        public void A_token_of_a_kind_the_client_does_not_know_names_the_kinds_it_does()
        {
            using var http = new System.Net.Http.HttpClient();
            var client = new YEScale.YEScaleClient(http);

            var error = Assert.Throws<ArgumentException>(() => client.Tasks.FromToken("t1:getSomethingElse:abc"));

            Assert.Contains("getSomethingElse", error.Message);
            Assert.Contains("getSeedanceGeneration", error.Message);
        }

        [Fact]
        public async Task Tasks_of_different_kinds_are_waited_for_in_one_call_under_one_rate_limit()
        {
            await using var service = await SimulatedService.StartAsync();
            var client = service.Client;
            var tasks = new List<ApiTask>();
            for (var i = 0; i < 6; i++)
            {
                tasks.Add(await client.Seedance.CreateGenerationAsync(SimulatedService.Request("seedance " + i)));
                tasks.Add(await client.Kling.CreateImageAsync(new YEScale.KlingImageRequest { Prompt = "kling " + i }));
                tasks.Add(await client.Suno.SubmitMusicAsync(new YEScale.SunoMusicRequest { GptDescriptionPrompt = "suno " + i, Mv = "chirp-v4" }));
            }

            service.Simulator.ClearRequests();
            var outcomes = new List<TaskOutcome<ApiTask>>();
            await foreach (var outcome in client.Tasks.WaitAllAsync(tasks, new TaskBatchOptions { RequestsPerSecond = 8, MaxConcurrentRequests = 4, Wait = SimulatedService.FastPolling(TimeSpan.FromSeconds(30)) }))
            {
                outcomes.Add(outcome);
            }

            Assert.Equal(18, outcomes.Count);
            Assert.All(outcomes, o => Assert.True(o.Succeeded, o.ToString()));
            Assert.Equal(tasks.Select(t => t.ToToken()).OrderBy(t => t), outcomes.Select(o => o.Value.ToToken()).OrderBy(t => t));
            Assert.Equal(new[] { "getKlingImage", "getSeedanceGeneration", "getSunoTask" }, outcomes.Select(o => o.Value.Kind).Distinct().OrderBy(k => k));
            Assert.All(outcomes, o => Assert.Equal(TaskState.Succeeded, o.Value.State));
            Assert.InRange(service.Simulator.MaxRequestsInAnyWindow(TimeSpan.FromSeconds(1)), 1, 8);
        }

        [Fact]
        public async Task Resume_waits_for_every_kind_the_journal_holds_in_one_call()
        {
            var path = Path.Combine(Path.GetTempPath(), "yescale-handle-journal-" + Guid.NewGuid().ToString("N") + ".jsonl");
            try
            {
                await using var service = await SimulatedService.StartAsync();
                string seedance, kling;
                using (var journal = new FileTaskJournal(path))
                {
                    using var http = new System.Net.Http.HttpClient();
                    var before = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = service.Simulator.BaseAddress, ApiKey = SimulatedService.Key, TaskJournal = journal });
                    seedance = (await before.Seedance.CreateGenerationAsync(SimulatedService.Request("resumed"))).Id;
                    kling = (await before.Kling.CreateImageAsync(new YEScale.KlingImageRequest { Prompt = "resumed" })).Id;
                }

                using var reopened = new FileTaskJournal(path);
                using var http2 = new System.Net.Http.HttpClient();
                var after = new YEScale.YEScaleClient(http2, new ApiClientOptions { BaseAddress = service.Simulator.BaseAddress, ApiKey = SimulatedService.Key, TaskJournal = reopened, TaskWait = SimulatedService.FastPolling() });
                var outcomes = new List<TaskOutcome<ApiTask>>();
                await foreach (var outcome in after.Tasks.ResumeAsync())
                {
                    outcomes.Add(outcome);
                }

                Assert.Equal(new[] { "getKlingImage:" + kling, "getSeedanceGeneration:" + seedance }, outcomes.Select(o => o.Value.Kind + ":" + o.Value.Id).OrderBy(x => x, StringComparer.Ordinal));
                Assert.All(outcomes, o => Assert.True(o.Succeeded, o.ToString()));
                Assert.Empty(await reopened.GetUnfinishedAsync("getSeedanceGeneration"));
                Assert.Empty(await reopened.GetUnfinishedAsync("getKlingImage"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData("45%", 0.45)]
        [InlineData("45", 0.45)]
        [InlineData("0.45", 0.45)]
        [InlineData(" 100 % ", 1.0)]
        [InlineData("1", 1.0)]
        [InlineData("250", 1.0)]
        [InlineData("-3", 0.0)]
        public void Progress_becomes_a_fraction_whatever_form_it_is_reported_in(string reported, double expected)
        {
            Assert.Equal(expected, TaskProgress.ToFraction(reported)!.Value, 6);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("half")]
        [InlineData("NaN")]
        public void Progress_without_a_number_is_unknown(string? reported)
        {
            Assert.Null(TaskProgress.ToFraction(reported));
        }
    }
}
