using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;

namespace YEScale.Toolkit.Tests.Resilience
{
    /// <summary>
    /// DI that cannot double-bill: the README's AddYEScaleClient + AddStandardResilienceHandler stack, against the
    /// simulator. The handler must not repeat a submit (the client repeats one only on proof it was not processed), and
    /// must not cut long answers at its default 10 s. A contrast shows what the handler does to a submit without the README's line.
    /// </summary>
    public class ResilienceHandlerTests
    {
        private const string ClientName = "YEScale.YEScaleClient";

        private static async Task<YEScaleSimulator> StartSimulator()
        {
            // No key: the README's snippet sets only the address (the key comes from configuration or YESCALE_API_KEY).
            var simulator = new YEScaleSimulator(new SimulatorOptions { QueuedFor = TimeSpan.FromMilliseconds(200), RunningFor = TimeSpan.FromMilliseconds(300) });
            await simulator.StartAsync();
            return simulator;
        }

        /// <summary>The stack exactly as the README shows it.</summary>
        private static ServiceProvider ReadmeStack(Uri baseAddress)
        {
            var services = new ServiceCollection();

            // README: resilience begin
            services.AddYEScaleClient(options => options.BaseAddress = baseAddress)
                .AddStandardResilienceHandler(resilience =>
                {
                    // The client repeats calls itself, and a submit only on proof it was not processed: the handler must not repeat POSTs.
                    resilience.Retry.DisableForUnsafeHttpMethods();
                    // AI answers are long: the client's own timeouts (ApiClientOptions.Timeout) govern, not the handler's 10 s.
                    resilience.AttemptTimeout.Timeout = TimeSpan.FromMinutes(10);
                    resilience.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(30);
                    resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(20);
                });
            // README: resilience end

            return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        }

        [Fact]
        public async Task An_open_circuit_is_a_refusal_before_sending_not_a_raw_Polly_exception()
        {
            await using var simulator = await StartSimulator();
            var control = new Polly.CircuitBreaker.CircuitBreakerManualControl();
            var services = new ServiceCollection();
            services.AddYEScaleClient(options => options.BaseAddress = simulator.BaseAddress)
                .AddStandardResilienceHandler(resilience =>
                {
                    resilience.Retry.DisableForUnsafeHttpMethods();
                    resilience.CircuitBreaker.ManualControl = control;
                });
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<YEScale.YEScaleClient>();
            await control.IsolateAsync();

            var exception = await Assert.ThrowsAsync<ApiConnectionException>(
                () => client.Seedance.CreateGenerationAsync(FaultRig.Request("A glass harp, behind an open circuit"), new RequestOptions { Retry = RetryOptions.None }));

            Assert.False(exception.RequestSent);
            Assert.Equal(0, exception.Status);
            Assert.Contains("refused to send it", exception.Message);
            Assert.Empty(simulator.SubmitsTo(FaultRig.SubmitPath));
        }

        [Fact]
        public void The_README_shows_this_stack_word_for_word()
        {
            var test = System.IO.File.ReadAllLines(System.IO.Path.Combine(YEScale.Toolkit.Tests.Infrastructure.SeedPage.Repository, "tests", "YEScale.Toolkit.Tests", "Resilience", "ResilienceHandlerTests.cs"));
            var begin = Array.FindIndex(test, l => l.Trim() == "// README: resilience begin");
            var end = Array.FindIndex(test, l => l.Trim() == "// README: resilience end");
            Assert.True(begin >= 0 && end > begin, "The snippet markers are missing.");
            var snippet = string.Join("\n", test[(begin + 1)..end].Select(l => l.Trim()));
            var readme = string.Join("\n", System.IO.File.ReadAllLines(System.IO.Path.Combine(YEScale.Toolkit.Tests.Infrastructure.SeedPage.Repository, "README.md")).Select(l => l.Trim()));

            Assert.Contains(snippet, readme);
        }

        [Fact]
        public async Task The_README_stack_resolves_and_its_handler_options_pass_validation()
        {
            await using var simulator = await StartSimulator();
            await using var provider = ReadmeStack(simulator.BaseAddress);

            var client = provider.GetRequiredService<YEScale.YEScaleClient>();
            var task = await client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId);

            Assert.Equal(YEScaleSimulator.ExampleTaskId, task.Id);

            // Resolving the options runs the handler's validators (SamplingDuration >= 2 x AttemptTimeout, total > attempt).
            var resilience = provider.GetRequiredService<IOptionsMonitor<HttpStandardResilienceOptions>>().Get(ClientName + "-standard");
            Assert.Equal(TimeSpan.FromMinutes(10), resilience.AttemptTimeout.Timeout);
            Assert.Equal(TimeSpan.FromMinutes(30), resilience.TotalRequestTimeout.Timeout);
            Assert.Equal(TimeSpan.FromMinutes(20), resilience.CircuitBreaker.SamplingDuration);
        }

        [Fact]
        public async Task A_submit_answered_500_after_the_server_accepted_it_reaches_the_server_once_and_surfaces_as_TaskMayExistException()
        {
            await using var simulator = await StartSimulator();
            await using var provider = ReadmeStack(simulator.BaseAddress);
            var client = provider.GetRequiredService<YEScale.YEScaleClient>();
            simulator.InjectFaults(SimulatedFault.ServerErrorAfterAccepting(500));

            var exception = await Assert.ThrowsAsync<TaskMayExistException>(() => client.Seedance.CreateGenerationAsync(FaultRig.Request("A glass harp, behind a resilience handler")));

            Assert.Equal(500, exception.Status);
            Assert.Equal(1, exception.Attempts);
            Assert.Single(simulator.SubmitsTo(FaultRig.SubmitPath));
            Assert.Single(simulator.SubmittedTasks);
        }

        [Fact]
        public async Task A_submit_refused_with_429_Retry_After_1_is_repeated_by_the_client_and_succeeds()
        {
            await using var simulator = await StartSimulator();
            await using var provider = ReadmeStack(simulator.BaseAddress);
            var client = provider.GetRequiredService<YEScale.YEScaleClient>();
            simulator.InjectFaults(SimulatedFault.RateLimited(TimeSpan.FromSeconds(1)));
            var options = new RequestOptions();

            var created = await client.Seedance.CreateGenerationAsync(FaultRig.Request("A glass harp, refused once"), options);

            var submits = simulator.SubmitsTo(FaultRig.SubmitPath);
            Assert.Equal(2, submits.Count);
            Assert.Equal(429, submits[0].StatusCode);
            Assert.Equal(200, submits[1].StatusCode);
            Assert.Equal(created.Id, Assert.Single(simulator.SubmittedTasks).Id);

            // The client made both tries (the handler passed the 429 through), and waited as asked.
            Assert.Equal(2, options.Response!.Attempts);
            Assert.True(submits[1].ElapsedSince(submits[0]) >= TimeSpan.FromSeconds(1) - FaultRig.TimerSlack, $"repeated after {submits[1].ElapsedSince(submits[0])}");
        }

        [Fact]
        public async Task An_answer_slower_than_the_handlers_default_10_s_is_not_cut()
        {
            await using var simulator = await StartSimulator();
            await using var provider = ReadmeStack(simulator.BaseAddress);
            var client = provider.GetRequiredService<YEScale.YEScaleClient>();
            var delay = TimeSpan.FromSeconds(11);
            simulator.InjectFaults(SimulatedFault.Slow(delay));
            var options = new RequestOptions();
            var watch = Stopwatch.StartNew();

            var task = await client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, options);

            Assert.Equal(YEScaleSimulator.ExampleTaskId, task.Id);
            Assert.True(watch.Elapsed >= delay - FaultRig.TimerSlack, $"answered after {watch.Elapsed}");
            Assert.Equal(1, options.Response!.Attempts);
            var query = Assert.Single(simulator.Requests);
            Assert.Equal(200, query.StatusCode);
            Assert.Equal(SimulatedFaultKind.Slow, query.Fault);
        }

        // Long enough that a loaded 2-core machine has the submit carried out before the handler gives up.
        private static readonly TimeSpan ImpatientAttempt = TimeSpan.FromSeconds(1.5);

        /// <summary>A stack whose handler gives up first: 1.5 s per attempt, no repeats of its own.</summary>
        private static ServiceProvider ImpatientHandlerStack(Uri baseAddress, Action<ApiClientOptions> configure)
        {
            var services = new ServiceCollection();
            services.AddYEScaleClient(options =>
                {
                    options.BaseAddress = baseAddress;
                    configure(options);
                })
                .AddStandardResilienceHandler(resilience =>
                {
                    resilience.Retry.DisableFor(HttpMethod.Get, HttpMethod.Post);
                    resilience.AttemptTimeout.Timeout = ImpatientAttempt;
                });
            return services.BuildServiceProvider();
        }

        [Fact]
        public async Task A_handler_timeout_that_cuts_a_submit_the_server_accepted_surfaces_as_TaskMayExistException_and_is_journalled()
        {
            await using var simulator = await StartSimulator();
            var journal = new InMemoryTaskJournal();
            await using var provider = ImpatientHandlerStack(simulator.BaseAddress, options => options.TaskJournal = journal);
            var client = provider.GetRequiredService<YEScale.YEScaleClient>();
            simulator.InjectFaults(SimulatedFault.SlowAfterAccepting(TimeSpan.FromSeconds(20)));

            // Polly's TimeoutRejectedException is no HttpRequestException or OperationCanceledException: it must not escape
            // the client as it is, or the caller would never hear that the task may exist.
            var exception = await Record.ExceptionAsync(() => client.Seedance.CreateGenerationAsync(FaultRig.Request("A glass harp, cut by the handler")));

            var mayExist = Assert.IsType<TaskMayExistException>(exception);
            var late = Assert.IsType<ApiTimeoutException>(mayExist.InnerException);
            Assert.IsType<Polly.Timeout.TimeoutRejectedException>(late.InnerException);
            Assert.True(late.Timeout >= ImpatientAttempt - FaultRig.TimerSlack, $"Timeout {late.Timeout}");
            Assert.Contains("TimeoutRejectedException", late.Message);
            Assert.Equal(1, mayExist.Attempts);
            Assert.Single(simulator.SubmitsTo(FaultRig.SubmitPath));
            Assert.Single(simulator.SubmittedTasks);
            Assert.Equal(mayExist.SubmitId, Assert.Single(await journal.GetOutcomeUnknownAsync(FaultRig.TaskOperation)).SubmitId);
        }

        [Fact]
        public async Task A_handler_timeout_on_a_poll_is_an_ApiTimeoutException_the_client_repeats()
        {
            await using var simulator = await StartSimulator();
            await using var provider = ImpatientHandlerStack(simulator.BaseAddress, options => options.Retry = FaultRig.QuickRetry(maxAttempts: 2));
            var client = provider.GetRequiredService<YEScale.YEScaleClient>();
            simulator.InjectFaults(SimulatedFault.Slow(TimeSpan.FromSeconds(20)), SimulatedFault.Slow(TimeSpan.FromSeconds(20)));

            var exception = await Record.ExceptionAsync(() => client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId));

            var late = Assert.IsType<ApiTimeoutException>(exception);
            Assert.IsType<Polly.Timeout.TimeoutRejectedException>(late.InnerException);
            Assert.Equal(2, late.Attempts);
            Assert.Equal(2, simulator.Requests.Count);
        }

        [Fact]
        public async Task Contrast_the_plain_standard_handler_repeats_a_submit_the_server_accepted_and_bills_it_twice()
        {
            await using var simulator = await StartSimulator();
            var services = new ServiceCollection();
            services.AddYEScaleClient(options => options.BaseAddress = simulator.BaseAddress)
                .AddStandardResilienceHandler();
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<YEScale.YEScaleClient>();
            simulator.InjectFaults(SimulatedFault.ServerErrorAfterAccepting(500));
            var options = new RequestOptions();

            // The handler repeats the POST under the client, so the client sees only the repeat's success.
            var created = await client.Seedance.CreateGenerationAsync(FaultRig.Request("A glass harp, billed twice"), options);

            var submits = simulator.SubmitsTo(FaultRig.SubmitPath);
            Assert.True(submits.Count > 1, $"{submits.Count} submit(s) reached the server");
            Assert.Equal(500, submits[0].StatusCode);
            Assert.Equal(submits.Count, simulator.SubmittedTasks.Count); // every one created (and billed) a task
            Assert.Equal(created.Id, submits[^1].TaskId);
            Assert.NotEqual(submits[0].TaskId, created.Id); // the first task exists, and the caller never hears of it
            Assert.Equal(1, options.Response!.Attempts);
        }
    }
}
