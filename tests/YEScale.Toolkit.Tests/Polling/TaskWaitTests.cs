using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Polling
{
    /// <summary>The generated wait methods against the simulator over 127.0.0.1: lifecycle, faults, limits.</summary>
    public class TaskWaitTests
    {
        private sealed class Recorder<T> : IProgress<T>
        {
            public ConcurrentQueue<T> Items { get; } = new();

            public void Report(T value) => Items.Enqueue(value);
        }

        [Fact]
        public async Task Submit_and_wait_returns_the_succeeded_task_and_reports_each_status_once()
        {
            await using var service = await SimulatedService.StartAsync();
            var progress = new Recorder<TaskSnapshot<YEScale.SeedanceGeneration>>();

            var task = await (await service.Client.Seedance.CreateGenerationAsync(SimulatedService.Request())).WaitAsync(null, progress);

            Assert.Equal(YEScale.SeedanceTaskStatus.Succeeded, task.Status);
            Assert.EndsWith($"/files/{task.Id}.mp4", task.Content?.VideoUrl);
            var statuses = progress.Items.Select(s => s.Status).ToList();
            Assert.Equal(statuses.Distinct().ToList(), statuses);
            Assert.Equal("succeeded", statuses.Last());
            Assert.Contains("running", statuses);
            Assert.All(progress.Items, s => Assert.Equal(task.Id, s.TaskId));
        }

        [Fact]
        public async Task Watch_yields_every_status_change_in_order_ending_with_the_finished_task()
        {
            await using var service = await SimulatedService.StartAsync(o =>
            {
                o.QueuedFor = TimeSpan.FromMilliseconds(300);
                o.RunningFor = TimeSpan.FromMilliseconds(600);
            });
            var id = await service.SubmitAsync();

            var seen = new List<string?>();
            await foreach (var snapshot in service.Client.Seedance.GenerationTask(id).WatchAsync())
            {
                seen.Add(snapshot.Status);
            }

            Assert.Equal(new[] { "queued", "running", "succeeded" }, seen);
        }

        [Fact]
        public async Task A_relay_task_runs_under_its_lifecycle_words_not_under_a_final_word_of_another_route()
        {
            // The relay's status enum is shared with Suno's routes and lists their final words ("error") after its own.
            await using var service = await SimulatedService.StartAsync(o =>
            {
                o.QueuedFor = TimeSpan.FromMilliseconds(300);
                o.RunningFor = TimeSpan.FromMilliseconds(600);
            });
            var taskHandle = await service.Client.Video.CreateGenerationAsync(new YEScale.VideoGenerationRequest { Model = "veo3", Prompt = "A paper boat" });

            var seen = new List<string?>();
            await foreach (var snapshot in taskHandle.WatchAsync())
            {
                seen.Add(snapshot.Status);
            }

            // Progress changes are snapshots too: the words, each run of them once.
            var words = seen.Where((word, i) => i == 0 || word != seen[i - 1]).ToList();
            Assert.Equal(new[] { "NOT_START", "IN_PROGRESS", "SUCCESS" }, words);
        }

        [Fact]
        public async Task The_downloaded_result_is_the_simulated_video_and_no_key_is_sent_for_it()
        {
            await using var service = await SimulatedService.StartAsync();
            var taskHandle = await service.Client.Seedance.CreateGenerationAsync(SimulatedService.Request());
            var task = await taskHandle.WaitAsync();
            using var file = new System.IO.MemoryStream();

            await taskHandle.DownloadAsync(file);

            Assert.Equal(PlaceholderVideo.Bytes, file.ToArray());
        }

        public static TheoryData<string, SimulatedFault> TransientFaults() => new()
        {
            { "429 without Retry-After", SimulatedFault.RateLimited(null) },
            { "429 with Retry-After", SimulatedFault.RateLimited(TimeSpan.FromSeconds(1)) },
            { "500", SimulatedFault.ServerError() },
            { "502", SimulatedFault.ServerError(502) },
            { "503 with Retry-After", SimulatedFault.ServiceUnavailable(TimeSpan.FromSeconds(1)) },
            { "slow answer", SimulatedFault.Slow(TimeSpan.FromMilliseconds(700)) },
            { "dropped connection", SimulatedFault.DropConnection() },
            { "malformed JSON", SimulatedFault.MalformedJson() },
        };

        [Theory]
        [MemberData(nameof(TransientFaults))]
        public async Task A_wait_rides_out_a_transient_fault_and_still_succeeds(string name, SimulatedFault fault)
        {
            await using var service = await SimulatedService.StartAsync();
            var id = await service.SubmitAsync();
            service.Simulator.InjectFaults(fault);

            var task = await service.Client.Seedance.WaitForGenerationAsync(id);

            Assert.True(task.Status == YEScale.SeedanceTaskStatus.Succeeded, name);
            Assert.Equal(0, service.Simulator.PendingFaults);
            Assert.Equal(fault.Kind, service.FetchesOf(id)[0].Fault);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task No_request_comes_before_the_time_Retry_After_names(bool asDate)
        {
            await using var service = await SimulatedService.StartAsync();
            var id = await service.SubmitAsync();
            service.Simulator.InjectFaults(SimulatedFault.RateLimited(TimeSpan.FromSeconds(1), asDate));

            await service.Client.Seedance.WaitForGenerationAsync(id);

            var fetches = service.FetchesOf(id);
            var limited = fetches.First(r => r.StatusCode == 429);
            var next = fetches[fetches.ToList().IndexOf(limited) + 1];
            var waited = next.ElapsedSince(limited);
            // Delta-seconds: at least 1 s. A date is whole seconds, rounded up by the server: still at least 1 s after.
            Assert.True(waited >= TimeSpan.FromSeconds(1), $"next request after {waited.TotalMilliseconds} ms");
        }

        [Fact]
        public async Task A_429_without_Retry_After_backs_off_exponentially()
        {
            await using var service = await SimulatedService.StartAsync();
            var id = await service.SubmitAsync();
            service.Simulator.InjectFaults(SimulatedFault.RateLimited(null), SimulatedFault.RateLimited(null), SimulatedFault.RateLimited(null));

            await service.Client.Seedance.WaitForGenerationAsync(id, new TaskWaitOptions { Interval = TimeSpan.FromMilliseconds(100), BackoffFactor = 1, Jitter = 0 });

            var fetches = service.FetchesOf(id);
            var gaps = Enumerable.Range(1, 3).Select(i => fetches[i].ElapsedSince(fetches[i - 1]).TotalMilliseconds).ToList();
            Assert.True(gaps[0] >= 95 && gaps[1] >= 190 && gaps[2] >= 380, string.Join(", ", gaps));
        }

        [Fact]
        public async Task When_the_failure_budget_runs_out_the_last_cause_is_reported_with_the_task_id()
        {
            await using var service = await SimulatedService.StartAsync();
            var id = await service.SubmitAsync();
            service.Simulator.InjectFaults(Enumerable.Repeat(SimulatedFault.ServerError(), 4).ToArray());
            var options = SimulatedService.FastPolling();
            options.MaxConsecutiveFailures = 3;

            var exception = await Assert.ThrowsAsync<TaskPollingException>(() => service.Client.Seedance.WaitForGenerationAsync(id, options));

            Assert.Equal(id, exception.TaskId);
            Assert.Equal(4, exception.Failures);
            var cause = Assert.IsType<ApiException>(exception.InnerException);
            Assert.Equal(500, cause.Status);
            Assert.Equal(id, cause.TaskId);
            Assert.Contains("upstream error", cause.Content);
        }

        [Fact]
        public async Task A_wrong_key_fails_at_once_with_ApiException_401_and_the_task_id()
        {
            await using var service = await SimulatedService.StartAsync(configureClient: o => o.ApiKey = "sk-wrong");

            var exception = await Assert.ThrowsAsync<ApiException>(() => service.Client.Seedance.WaitForGenerationAsync("cgt-x"));

            Assert.Equal(401, exception.Status);
            Assert.Equal("cgt-x", exception.TaskId);
            Assert.Single(service.FetchesOf("cgt-x"));
            Assert.DoesNotContain("sk-wrong", exception.ToString());
        }

        [Fact]
        public async Task An_unknown_task_fails_at_once_with_ApiException_404()
        {
            await using var service = await SimulatedService.StartAsync();

            var exception = await Assert.ThrowsAsync<ApiException>(() => service.Client.Seedance.WaitForGenerationAsync("cgt-missing"));

            Assert.Equal(404, exception.Status);
            Assert.Equal("cgt-missing", exception.TaskId);
            Assert.Equal("task_not_exist", exception.ErrorCode);
        }

        [Theory]
        [InlineData("failed")]
        [InlineData("cancelled")]
        [InlineData("expired")]
        public async Task A_terminal_failure_raises_TaskFailedException_with_the_final_snapshot_and_the_error(string failureStatus)
        {
            await using var service = await SimulatedService.StartAsync(o => o.FailureStatus = failureStatus);
            var id = await service.SubmitAsync("A storm [fail]");

            var exception = await Assert.ThrowsAsync<TaskFailedException<YEScale.SeedanceGeneration>>(() => service.Client.Seedance.WaitForGenerationAsync(id));

            Assert.Equal(id, exception.TaskId);
            Assert.Equal(failureStatus, exception.Status);
            Assert.Equal(failureStatus, exception.Snapshot.Status.ToString());
            Assert.Contains("OutputVideoSensitiveContentDetected", exception.Error);
            Assert.Contains(id, exception.Message);
        }

        [Fact]
        public async Task Cancellation_stops_the_wait_within_200_ms_and_keeps_the_task_id()
        {
            await using var service = await SimulatedService.StartAsync(o => o.RunningFor = TimeSpan.FromMinutes(5));
            var id = await service.SubmitAsync();
            using var cancellation = new CancellationTokenSource();
            var options = new TaskWaitOptions { Interval = TimeSpan.FromSeconds(10) };
            var wait = service.Client.Seedance.WaitForGenerationAsync(id, options, cancellationToken: cancellation.Token);
            await Task.Delay(300);

            var clock = Stopwatch.StartNew();
            cancellation.Cancel();
            var exception = await Assert.ThrowsAsync<TaskWaitCanceledException>(() => wait);
            clock.Stop();

            Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(200), $"took {clock.Elapsed.TotalMilliseconds} ms");
            Assert.Equal(id, exception.TaskId);
            Assert.Equal("queued", exception.LastStatus);
            Assert.Equal(cancellation.Token, exception.CancellationToken);
        }

        [Fact]
        public async Task A_wait_past_its_timeout_raises_TaskTimeoutException_with_the_last_status()
        {
            await using var service = await SimulatedService.StartAsync(o => o.RunningFor = TimeSpan.FromMinutes(5));
            var id = await service.SubmitAsync();
            var clock = Stopwatch.StartNew();

            var exception = await Assert.ThrowsAsync<TaskTimeoutException>(() => service.Client.Seedance.WaitForGenerationAsync(id, SimulatedService.FastPolling(TimeSpan.FromMilliseconds(600))));

            Assert.Equal(id, exception.TaskId);
            Assert.Equal("running", exception.LastStatus);
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(3));
        }

        [Fact]
        public async Task An_unknown_status_keeps_the_wait_polling()
        {
            await using var service = await SimulatedService.StartAsync();
            var id = await service.SubmitAsync();
            service.Simulator.InjectFaults(SimulatedFault.Status("rerouting"), SimulatedFault.Status("rerouting"));

            var seen = new List<string?>();
            await foreach (var snapshot in service.Client.Seedance.GenerationTask(id).WatchAsync())
            {
                seen.Add(snapshot.Status);
            }

            Assert.Equal("rerouting", seen[0]);
            Assert.Equal("succeeded", seen[^1]);
        }

        [Fact]
        public async Task Two_hundred_tasks_wait_at_once_under_20_requests_per_second_and_a_failure_stops_no_other()
        {
            await using var service = await SimulatedService.StartAsync(o =>
            {
                o.QueuedFor = TimeSpan.FromMilliseconds(100);
                o.RunningFor = TimeSpan.FromMilliseconds(100);
            });
            var ids = new List<string>();
            for (var i = 0; i < 200; i++)
            {
                ids.Add(await service.SubmitAsync(i % 50 == 0 ? "task " + i + " [fail]" : "task " + i));
            }

            service.Simulator.ClearRequests();
            var outcomes = new List<TaskOutcome<ApiTask>>();
            var batch = new TaskBatchOptions { RequestsPerSecond = 20, MaxConcurrentRequests = 20, Wait = SimulatedService.FastPolling(TimeSpan.FromMinutes(1)) };
            await foreach (var outcome in service.Client.Tasks.WaitAllAsync(ids.Select(service.Client.Seedance.GenerationTask), batch))
            {
                outcomes.Add(outcome);
            }

            Assert.Equal(200, outcomes.Count);
            Assert.Equal(ids.OrderBy(x => x), outcomes.Select(o => o.TaskId).OrderBy(x => x));
            Assert.Equal(4, outcomes.Count(o => o.Exception is TaskFailedException));
            Assert.Equal(196, outcomes.Count(o => o.Succeeded));
            // Every outcome keeps its handle; a finished handle holds the final answer, a failed one its status.
            Assert.All(outcomes, o => Assert.Equal(o.TaskId, o.Value.Id));
            Assert.All(outcomes.Where(o => o.Succeeded), o => Assert.Equal("succeeded", Assert.IsType<ApiTask<YEScale.SeedanceGeneration>>(o.Value).Value!.Status.ToString()));
            Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(TaskState.Failed, o.Value.State));
            Assert.InRange(service.Simulator.MaxRequestsInAnyWindow(TimeSpan.FromSeconds(1)), 1, 20);
        }
    }
}
