using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;
using YEScale.Toolkit.Tests.KeyedJobs;

namespace YEScale.Toolkit.Tests.Resilience
{
    /// <summary>The rules of the retry policy the other fault tests do not reach: the opt-in for unsafe requests, the server's word, the deadline.</summary>
    public sealed class RetryRuleTests
    {
        private static ApiClientOptions Quick(Action<RetryOptions>? change = null)
        {
            var retry = FaultRig.QuickRetry();
            change?.Invoke(retry);
            return new ApiClientOptions { Retry = retry };
        }

        [Fact]
        public async Task RepeatUnsafeRequests_repeats_a_POST_that_is_not_a_task_submit_after_a_500()
        {
            var tries = 0;
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.StatusCode = Interlocked.Increment(ref tries) == 1 ? 500 : 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(tries == 1 ? "{\"error\":{\"message\":\"upstream error\"}}" : "{\"id\":\"note-1\"}");
            });
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, Quick(r => r.RepeatUnsafeRequests = true));

            var note = await client.CreateNoteAsync(new CreateNoteRequest { Text = "hi" });

            Assert.Equal("note-1", note.Id);
            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task RepeatUnsafeRequests_never_repeats_a_task_submit_the_server_may_have_carried_out()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient(options => options.Retry.RepeatUnsafeRequests = true);
            rig.Simulator.InjectFaults(SimulatedFault.ServerErrorAfterAccepting());

            await Assert.ThrowsAsync<TaskMayExistException>(() => client.Seedance.CreateGenerationAsync(FaultRig.Request("A lighthouse, unsafe repeats allowed")));

            Assert.Single(rig.Submits);
            Assert.Single(rig.Simulator.SubmittedTasks);
        }

        [Fact]
        public async Task A_server_that_says_x_should_retry_false_is_not_asked_again()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.StatusCode = 503;
                context.Response.Headers["x-should-retry"] = "false";
                await context.Response.WriteAsync("{\"error\":{\"message\":\"down for good\"}}");
            });
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, Quick());

            var failure = await Assert.ThrowsAsync<ApiException>(() => client.GetJobAsync("job-1"));

            Assert.Equal(503, failure.Status);
            Assert.Equal(1, failure.Attempts);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task No_try_starts_that_the_deadline_would_not_let_finish_waiting()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.StatusCode = 503;
                context.Response.Headers["Retry-After"] = "1";
                await context.Response.WriteAsync("{\"error\":{\"message\":\"busy\"}}");
            });
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, Quick(r => r.Deadline = TimeSpan.FromSeconds(1.5)));
            var clock = Stopwatch.StartNew();

            var failure = await Assert.ThrowsAsync<ApiException>(() => client.GetJobAsync("job-1"));

            // The first try, a wait of 1 s, a second try; a third would start after the 1.5 s deadline.
            Assert.Equal(2, failure.Attempts);
            Assert.Equal(2, server.Requests.Count);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5) + TimeSpan.FromSeconds(1), $"gave up after {clock.Elapsed}");
        }

        [Fact]
        public async Task A_submit_answer_without_the_task_id_fails_as_an_ApiException_naming_where_it_was_looked_for()
        {
            await using var server = await LoopbackServer.StartAsync(200, "{\"code\":0,\"data\":{}}");
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, Quick());

            var failure = await Assert.ThrowsAsync<ApiException>(() => client.CreateJobAsync(new CreateJobRequest { Prompt = "a boat" }));

            Assert.Equal(200, failure.Status);
            Assert.Contains("answered without a task id at /data/id", failure.Message);
            Assert.Contains("\"code\":0", failure.Content);
            Assert.Single(server.Requests);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_resolved_outcome_unknown_submit_is_no_longer_listed_also_after_a_restart(bool file)
        {
            var path = FaultRig.NewJournalPath();
            try
            {
                ITaskJournal journal = file ? new FileTaskJournal(path) : new InMemoryTaskJournal();
                var first = new UnknownSubmitEntry("submit-1", "getJob", "createJob", "POST", "/jobs", "{\"prompt\":\"a\"}", null, DateTimeOffset.UtcNow, "dropped");
                var second = first with { SubmitId = "submit-2", SentAt = first.SentAt.AddSeconds(1) };
                await journal.RecordOutcomeUnknownAsync(first);
                await journal.RecordOutcomeUnknownAsync(second);

                await journal.ResolveOutcomeUnknownAsync("getJob", "submit-1");

                var reopened = file ? new FileTaskJournal(path) : journal;
                var left = Assert.Single(await reopened.GetOutcomeUnknownAsync("getJob"));
                Assert.Equal(second, left);
                Assert.Empty(await reopened.GetOutcomeUnknownAsync("getOther"));
                Assert.Empty(await reopened.GetUnfinishedAsync());
            }
            finally
            {
                FaultRig.DeleteJournal(path);
            }
        }
    }
}
