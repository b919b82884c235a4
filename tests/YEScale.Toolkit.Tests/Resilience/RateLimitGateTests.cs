using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Http;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;
using YEScale.Toolkit.Tests.KeyedJobs;

namespace YEScale.Toolkit.Tests.Resilience
{
    /// <summary>The server's word on its rate limit holds a batch wait's polls back, so they do not each meet a 429.</summary>
    public sealed class RateLimitGateTests
    {
        [Theory]
        [InlineData("1", 1000)]
        [InlineData("0.5", 500)]
        [InlineData("1s", 1000)]
        [InlineData("120ms", 120)]
        [InlineData("6m0s", 360000)]
        [InlineData("1h2m3.5s", 3723500)]
        public void Resets_read_as_seconds_or_durations(string text, int milliseconds)
        {
            Assert.True(RateLimitGate.TryParseReset(text, out var reset));
            Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), reset);
        }

        [Theory]
        [InlineData("")]
        [InlineData("soon")]
        [InlineData("5d")]
        [InlineData("-1")]
        public void Unreadable_resets_are_refused(string text)
        {
            Assert.False(RateLimitGate.TryParseReset(text, out _));
        }

        [Fact]
        public async Task A_window_the_server_says_is_spent_pauses_every_poll_of_a_batch_until_it_reopens()
        {
            var clock = Stopwatch.StartNew();
            var polls = new ConcurrentQueue<(string Path, TimeSpan At)>();
            var first = 0;
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                polls.Enqueue((context.Request.Path.Value!, clock.Elapsed));
                if (Interlocked.Increment(ref first) == 1)
                {
                    // The first answer spends the window: nothing more for 800 ms.
                    context.Response.Headers["x-ratelimit-remaining-requests"] = "0";
                    context.Response.Headers["x-ratelimit-reset-requests"] = "800ms";
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"state\":\"done\"}");
            });
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http);
            var ids = new[] { "job-1", "job-2", "job-3", "job-4" };

            // One poll in flight at a time, so the first answer is in before any other poll is sent.
            var outcomes = new List<TaskOutcome<ApiTask>>();
            await foreach (var outcome in client.Tasks.WaitAllAsync(ids.Select(client.JobTask), new TaskBatchOptions { MaxConcurrentRequests = 1, RequestsPerSecond = 100 }))
            {
                outcomes.Add(outcome);
            }

            Assert.All(outcomes, o => Assert.True(o.Succeeded));
            var seen = polls.OrderBy(p => p.At).ToList();
            Assert.Equal(4, seen.Count);
            Assert.All(seen.Skip(1), later => Assert.True(later.At - seen[0].At >= TimeSpan.FromMilliseconds(750), $"A poll came {(later.At - seen[0].At).TotalMilliseconds:0} ms after the window closed for 800 ms."));
        }

        [Fact]
        public async Task A_429_with_Retry_After_on_one_task_holds_back_the_other_tasks_polls()
        {
            var clock = Stopwatch.StartNew();
            var polls = new ConcurrentQueue<(string Path, TimeSpan At, int Status)>();
            var first = 0;
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                if (Interlocked.Increment(ref first) == 1)
                {
                    polls.Enqueue((context.Request.Path.Value!, clock.Elapsed, 429));
                    context.Response.StatusCode = 429;
                    context.Response.Headers["Retry-After"] = "1";
                    await context.Response.WriteAsync("{\"error\":{\"message\":\"slow down\"}}");
                    return;
                }

                polls.Enqueue((context.Request.Path.Value!, clock.Elapsed, 200));
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"state\":\"done\"}");
            });
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, new ApiClientOptions { TaskWait = new TaskWaitOptions { Interval = TimeSpan.FromMilliseconds(50) } });

            await foreach (var outcome in client.Tasks.WaitAllAsync(new[] { "job-1", "job-2", "job-3" }.Select(client.JobTask), new TaskBatchOptions { MaxConcurrentRequests = 1, RequestsPerSecond = 100 }))
            {
                Assert.True(outcome.Succeeded);
            }

            var seen = polls.OrderBy(p => p.At).ToList();
            var refusal = seen.First(p => p.Status == 429);
            Assert.All(seen.Where(p => p.Status == 200), later => Assert.True(later.At - refusal.At >= TimeSpan.FromMilliseconds(950), $"A poll came {(later.At - refusal.At).TotalMilliseconds:0} ms after a 429 that asked for 1 s."));
        }
    }
}
