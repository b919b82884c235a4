using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;

namespace YEScale.Toolkit.Tests.Resilience
{
    /// <summary>
    /// Faults that come after the server read a submit (the task was created and is billed, yet the client does not get
    /// the answer): the generated client must not submit again, must say the task may exist, and must leave a record a
    /// resume reports instead of submitting it a second time.
    /// </summary>
    public class SubmitFaultTests
    {
        public enum Fault
        {
            /// <summary>The connection is aborted after the task was created.</summary>
            DropAfterAccepting,

            /// <summary>A 500 comes back although the task was created.</summary>
            ServerErrorAfterAccepting,

            /// <summary>The headers are held back past <see cref="RequestOptions.Timeout"/>.</summary>
            SlowAfterAccepting,

            /// <summary>The headers and half the body come at once, the rest after <see cref="ApiClientOptions.Timeout"/>.</summary>
            SlowBody,
        }

        public enum JournalKind
        {
            InMemory,
            File,
        }

        // Long enough that a loaded 2-core machine has the submit carried out (the task created) before the client gives up.
        private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(2);

        /// <summary>The fault, and the call's options (a short per-call timeout for the slow headers).</summary>
        private static (SimulatedFault Fault, RequestOptions Options) Arrange(Fault fault) => fault switch
        {
            Fault.DropAfterAccepting => (SimulatedFault.DropAfterAccepting(), new RequestOptions()),
            Fault.ServerErrorAfterAccepting => (SimulatedFault.ServerErrorAfterAccepting(500), new RequestOptions()),
            Fault.SlowAfterAccepting => (SimulatedFault.SlowAfterAccepting(TimeSpan.FromSeconds(30)), new RequestOptions { Timeout = ShortTimeout }),
            Fault.SlowBody => (SimulatedFault.SlowBody(TimeSpan.FromSeconds(30)), new RequestOptions()),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        /// <summary>The slow body runs into the client-wide timeout; every other fault keeps the 10 minutes default.</summary>
        private static void Configure(Fault fault, ApiClientOptions options)
        {
            if (fault == Fault.SlowBody)
            {
                options.Timeout = ShortTimeout;
            }
        }

        /// <summary>What the submit's failure must be: the exception type inside TaskMayExistException and the status the client saw.</summary>
        private static void AssertFailure(Fault fault, TaskMayExistException exception)
        {
            switch (fault)
            {
                case Fault.DropAfterAccepting:
                    var connection = Assert.IsType<ApiConnectionException>(exception.InnerException);
                    Assert.True(connection.RequestSent);
                    Assert.Equal(0, exception.Status);
                    break;
                case Fault.ServerErrorAfterAccepting:
                    var error = Assert.IsType<ApiException>(exception.InnerException);
                    Assert.Equal(500, error.Status);
                    Assert.Equal(500, exception.Status);
                    Assert.Contains("upstream error", exception.Content);
                    break;
                case Fault.SlowAfterAccepting:
                    var late = Assert.IsType<ApiTimeoutException>(exception.InnerException);
                    Assert.Equal(ShortTimeout, late.Timeout);
                    Assert.True(late.Elapsed >= ShortTimeout - FaultRig.TimerSlack, $"timed out after {late.Elapsed}");
                    Assert.False(late.BetweenEvents);
                    Assert.Equal(0, exception.Status); // no headers had come
                    break;
                case Fault.SlowBody:
                    var slowBody = Assert.IsType<ApiTimeoutException>(exception.InnerException);
                    Assert.Equal(ShortTimeout, slowBody.Timeout);
                    Assert.True(slowBody.Elapsed >= ShortTimeout - FaultRig.TimerSlack, $"timed out after {slowBody.Elapsed}");
                    Assert.Equal(200, exception.Status); // the headers had come: the timeout covered the body
                    break;
            }
        }

        public static IEnumerable<object[]> FaultsAndJournals()
            => from fault in Enum.GetValues<Fault>()
               from journal in Enum.GetValues<JournalKind>()
               select new object[] { fault, journal };

        [Theory]
        [MemberData(nameof(FaultsAndJournals))]
        public async Task A_fault_after_the_server_read_the_submit_is_not_repeated_and_is_journalled_then_resumed_as_outcome_unknown(Fault fault, JournalKind kind)
        {
            await using var rig = await FaultRig.StartAsync();
            var path = FaultRig.NewJournalPath();
            try
            {
                ITaskJournal journal = kind == JournalKind.File ? new FileTaskJournal(path) : new InMemoryTaskJournal();
                var client = rig.CreateClient(options =>
                {
                    options.TaskJournal = journal;
                    Configure(fault, options);
                });
                var (injected, requestOptions) = Arrange(fault);
                rig.Simulator.InjectFaults(injected);
                var prompt = "A lighthouse in a storm, " + fault + " " + kind;

                var exception = await Assert.ThrowsAsync<TaskMayExistException>(() => client.Seedance.CreateGenerationAsync(FaultRig.Request(prompt), requestOptions));

                // The server read one submit and created one task; the client did not send it again.
                var submit = Assert.Single(await rig.SettledSubmitsAsync());
                var task = Assert.Single(rig.Simulator.SubmittedTasks);
                Assert.Equal(task.Id, submit.TaskId);
                Assert.Equal(Enum.Parse<SimulatedFaultKind>(fault.ToString()), submit.Fault);

                // What the caller is told.
                AssertFailure(fault, exception);
                Assert.Equal(1, exception.Attempts);
                Assert.Equal(FaultRig.SubmitOperation, exception.OperationId);
                Assert.Equal(FaultRig.TaskOperation, exception.TaskOperation);
                Assert.Equal("POST", exception.Request.Method);
                Assert.Equal(FaultRig.SubmitPath, exception.Request.Path);
                Assert.Contains(prompt, exception.Request.Body);
                Assert.DoesNotContain(FaultRig.Key, exception.Request.Body);
                Assert.NotNull(exception.SubmitId);
                Assert.Contains(exception.SubmitId!, exception.Message);

                // What the journal holds: the submit, outcome unknown, and no task (its id never came back).
                var unknown = Assert.Single(await journal.GetOutcomeUnknownAsync(FaultRig.TaskOperation));
                Assert.Equal(exception.SubmitId, unknown.SubmitId);
                Assert.Equal(FaultRig.SubmitOperation, unknown.SubmitOperation);
                Assert.Equal("POST", unknown.Method);
                Assert.Equal(FaultRig.SubmitPath, unknown.Path);
                Assert.Contains(prompt, unknown.Body);
                Assert.Empty(await journal.GetUnfinishedAsync(FaultRig.TaskOperation));

                // A restarted process (a new client; for the file, a new journal on the same file) resumes: it reports the
                // submit and sends nothing, least of all the submit again.
                var requestsBefore = rig.Simulator.RequestCount;
                var resumedJournal = kind == JournalKind.File ? new FileTaskJournal(path) : journal;
                var resumer = rig.CreateClient(options => options.TaskJournal = resumedJournal);
                var outcomes = new List<TaskOutcome<ApiTask>>();
                await foreach (var outcome in resumer.Tasks.ResumeAsync())
                {
                    outcomes.Add(outcome);
                }

                var reported = Assert.Single(outcomes);
                Assert.True(reported.IsOutcomeUnknown);
                Assert.False(reported.Succeeded);
                Assert.Null(reported.TaskId);
                Assert.Equal(exception.SubmitId, reported.UnknownSubmit!.SubmitId);
                Assert.Contains(prompt, reported.UnknownSubmit.Body);
                Assert.Equal(exception.SubmitId, Assert.IsType<TaskOutcomeUnknownException>(reported.Exception).Entry.SubmitId);
                Assert.Single(rig.Submits);
                Assert.Single(rig.Simulator.SubmittedTasks);
                Assert.Equal(requestsBefore, rig.Simulator.RequestCount);
                (journal as IDisposable)?.Dispose();
                (resumedJournal as IDisposable)?.Dispose();
            }
            finally
            {
                FaultRig.DeleteJournal(path);
            }
        }

        [Theory]
        [InlineData(Fault.DropAfterAccepting)]
        [InlineData(Fault.ServerErrorAfterAccepting)]
        [InlineData(Fault.SlowAfterAccepting)]
        [InlineData(Fault.SlowBody)]
        public async Task Without_a_journal_the_same_fault_throws_TaskMayExistException_with_no_submit_id(Fault fault)
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient(options => Configure(fault, options));
            var (injected, requestOptions) = Arrange(fault);
            rig.Simulator.InjectFaults(injected);
            var prompt = "A red kite over dunes, " + fault;

            var exception = await Assert.ThrowsAsync<TaskMayExistException>(() => client.Seedance.CreateGenerationAsync(FaultRig.Request(prompt), requestOptions));

            Assert.Single(rig.Submits);
            Assert.Single(rig.Simulator.SubmittedTasks);
            AssertFailure(fault, exception);
            Assert.Null(exception.SubmitId);
            Assert.Contains(prompt, exception.Request.Body);
            Assert.Contains("Check the account's tasks", exception.Message);
        }
    }
}
