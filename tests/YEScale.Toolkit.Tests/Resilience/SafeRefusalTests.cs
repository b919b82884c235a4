using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;

namespace YEScale.Toolkit.Tests.Resilience
{
    /// <summary>
    /// Refusals and how the client sits them out: a 429 proves the server did nothing, so even a submit is repeated,
    /// no sooner than Retry-After or retry-after-ms asks (and not at all when it asks too much); a 503 is repeated for
    /// a poll but not for a submit; the attempt bound and RetryOptions.None hold, and the tries are reported.
    /// The clients' own backoff is 10 ms (FaultRig.QuickRetry), so a wait of a second can only be the server's.
    /// </summary>
    public class SafeRefusalTests
    {
        private const string Prompt = "A hummingbird at a feeder, refused once";

        [Fact]
        public async Task A_submit_refused_with_429_and_Retry_After_1_is_repeated_once_no_sooner_than_a_second_later_and_succeeds()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient();
            rig.Simulator.InjectFaults(SimulatedFault.RateLimited(TimeSpan.FromSeconds(1)));
            var options = new RequestOptions();
            var watch = Stopwatch.StartNew();

            var created = await client.Seedance.CreateGenerationAsync(FaultRig.Request(Prompt), options);

            var submits = rig.Submits;
            Assert.Equal(2, submits.Count);
            Assert.Equal(429, submits[0].StatusCode);
            Assert.Equal(200, submits[1].StatusCode);
            Assert.Equal(created.Id, Assert.Single(rig.Simulator.SubmittedTasks).Id);
            var gap = submits[1].ElapsedSince(submits[0]);
            Assert.True(gap >= TimeSpan.FromSeconds(1) - FaultRig.TimerSlack, $"repeated {gap} after the 429");
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1) - FaultRig.TimerSlack, $"returned after {watch.Elapsed}");
            Assert.Equal(2, options.Response!.Attempts);
            Assert.Equal(200, options.Response.Status);
        }

        [Fact]
        public async Task A_submit_refused_with_429_and_retry_after_ms_is_repeated_no_sooner_than_those_milliseconds()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient();
            rig.Simulator.InjectFaults(SimulatedFault.RateLimited(retryAfter: null, retryAfterMs: TimeSpan.FromMilliseconds(300)));
            var options = new RequestOptions();

            await client.Seedance.CreateGenerationAsync(FaultRig.Request(Prompt), options);

            var submits = rig.Submits;
            Assert.Equal(2, submits.Count);
            Assert.Equal(429, submits[0].StatusCode);
            Assert.Equal(200, submits[1].StatusCode);
            var gap = submits[1].ElapsedSince(submits[0]);
            Assert.True(gap >= TimeSpan.FromMilliseconds(300) - FaultRig.TimerSlack, $"repeated {gap} after the 429");
            Assert.Single(rig.Simulator.SubmittedTasks);
            Assert.Equal(2, options.Response!.Attempts);
        }

        [Fact]
        public async Task A_poll_answered_503_with_an_HTTP_date_Retry_After_is_repeated_after_that_date()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient();
            rig.Simulator.InjectFaults(SimulatedFault.ServiceUnavailable(TimeSpan.FromSeconds(1), asDate: true));
            var options = new RequestOptions();

            var task = await client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, options);

            Assert.Equal(YEScaleSimulator.ExampleTaskId, task.Id);
            var queries = rig.QueriesOf(YEScaleSimulator.ExampleTaskId);
            Assert.Equal(2, queries.Count);
            Assert.Equal(503, queries[0].StatusCode);
            Assert.Equal(200, queries[1].StatusCode);

            // The simulator's date is a second after it answered, rounded up to a whole second (HTTP-dates have no
            // fractions), so it is no earlier than this; a client that read it as "1 second" would often come back sooner.
            var date = CeilingToSecond(queries[0].ArrivedAt + TimeSpan.FromSeconds(1));
            Assert.True(queries[1].ArrivedAt >= date - FaultRig.TimerSlack, $"repeated at {queries[1].ArrivedAt:HH:mm:ss.fff}, the date was no earlier than {date:HH:mm:ss.fff}");
            Assert.Equal(2, options.Response!.Attempts);
        }

        [Fact]
        public async Task A_submit_answered_503_is_not_repeated_whatever_its_Retry_After_says()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient();
            rig.Simulator.InjectFaults(SimulatedFault.ServiceUnavailable(TimeSpan.FromSeconds(30), asDate: true));
            var options = new RequestOptions();
            var watch = Stopwatch.StartNew();

            var exception = await Assert.ThrowsAsync<TaskMayExistException>(() => client.Seedance.CreateGenerationAsync(FaultRig.Request(Prompt), options));

            // A 503 does not prove the gateway did nothing: no repeat, and no wait for the date either.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"returned after {watch.Elapsed}");
            Assert.Equal(503, Assert.IsType<ApiException>(exception.InnerException).Status);
            Assert.Equal(503, exception.Status);
            Assert.Equal(1, exception.Attempts);
            Assert.Equal(503, Assert.Single(rig.Submits).StatusCode);
            Assert.Contains(Prompt, exception.Request.Body);
            Assert.Equal(1, options.Response!.Attempts);
        }

        [Fact]
        public async Task A_429_whose_Retry_After_exceeds_MaxRetryAfter_is_passed_on_at_once_instead_of_sat_out()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient(); // MaxRetryAfter: the default 60 s
            rig.Simulator.InjectFaults(SimulatedFault.RateLimited(TimeSpan.FromSeconds(120)));
            var watch = Stopwatch.StartNew();

            var exception = await Record.ExceptionAsync(() => client.Seedance.CreateGenerationAsync(FaultRig.Request(Prompt)));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"returned after {watch.Elapsed}");

            // A 429 is a refusal: the plain ApiException, with the server's wait for the caller to read, not TaskMayExistException.
            var refused = Assert.IsType<ApiException>(exception);
            Assert.Equal(429, refused.Status);
            Assert.Equal("120", refused.GetHeader("Retry-After"));
            Assert.Equal(1, refused.Attempts);
            Assert.Equal(429, Assert.Single(rig.Submits).StatusCode);
            Assert.Empty(rig.Simulator.SubmittedTasks);
        }

        [Fact]
        public async Task A_429_within_a_lowered_MaxRetryAfter_is_sat_out_and_one_beyond_it_is_not()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient(options => options.Retry.MaxRetryAfter = TimeSpan.FromMilliseconds(500));
            rig.Simulator.InjectFaults(SimulatedFault.RateLimited(null, retryAfterMs: TimeSpan.FromMilliseconds(400)), SimulatedFault.RateLimited(TimeSpan.FromSeconds(1)));

            // The first 429 asks for 400 ms (within the bound): repeated; the repeat's 429 asks for a second (beyond it): passed on.
            var exception = await Assert.ThrowsAsync<ApiException>(() => client.Seedance.CreateGenerationAsync(FaultRig.Request(Prompt)));

            Assert.Equal(429, exception.Status);
            Assert.Equal("1", exception.GetHeader("Retry-After"));
            Assert.Equal(2, exception.Attempts);
            Assert.Equal(2, rig.Submits.Count);
        }

        [Fact]
        public async Task RetryOptions_None_for_one_call_tries_a_poll_once()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient();
            rig.Simulator.InjectFaults(SimulatedFault.ServerError(503));
            var options = new RequestOptions { Retry = RetryOptions.None };

            var exception = await Assert.ThrowsAsync<ApiException>(() => client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, options));

            Assert.Equal(503, exception.Status);
            Assert.Equal(1, exception.Attempts);
            Assert.Single(rig.QueriesOf(YEScaleSimulator.ExampleTaskId));
            Assert.Equal(1, options.Response!.Attempts);
        }

        [Fact]
        public async Task RetryOptions_None_for_the_client_tries_even_a_refused_submit_once()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient(options => options.Retry = RetryOptions.None);
            rig.Simulator.InjectFaults(SimulatedFault.RateLimited(TimeSpan.Zero));

            var exception = await Assert.ThrowsAsync<ApiException>(() => client.Seedance.CreateGenerationAsync(FaultRig.Request(Prompt)));

            Assert.Equal(429, exception.Status);
            Assert.Equal(1, exception.Attempts);
            Assert.Single(rig.Submits);
        }

        [Fact]
        public async Task MaxAttempts_bounds_the_tries_and_the_failure_and_the_answer_report_them()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient(options => options.Retry = FaultRig.QuickRetry(maxAttempts: 3));
            rig.Simulator.InjectFaults(SimulatedFault.ServerError(502), SimulatedFault.ServerError(502), SimulatedFault.ServerError(502), SimulatedFault.ServerError(502), SimulatedFault.ServerError(502));
            var options = new RequestOptions();

            var exception = await Assert.ThrowsAsync<ApiException>(() => client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, options));

            Assert.Equal(502, exception.Status);
            Assert.Equal(3, exception.Attempts);
            Assert.Equal(3, options.Response!.Attempts);
            Assert.Equal(502, options.Response.Status);
            Assert.Equal(3, rig.QueriesOf(YEScaleSimulator.ExampleTaskId).Count);
            Assert.Equal(2, rig.Simulator.PendingFaults); // the fourth try was never sent
        }

        [Fact]
        public async Task A_call_that_succeeds_after_repeats_reports_its_tries_in_the_answer()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient();
            rig.Simulator.InjectFaults(SimulatedFault.ServiceUnavailable(null), SimulatedFault.ServerError(500));
            var options = new RequestOptions();

            await client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, options);

            Assert.Equal(3, options.Response!.Attempts);
            Assert.Equal(200, options.Response.Status);
            Assert.Equal(3, rig.QueriesOf(YEScaleSimulator.ExampleTaskId).Count);
        }

        private static DateTimeOffset CeilingToSecond(DateTimeOffset value)
        {
            var remainder = value.UtcTicks % TimeSpan.TicksPerSecond;
            return remainder == 0 ? value : value.AddTicks(TimeSpan.TicksPerSecond - remainder);
        }
    }
}
