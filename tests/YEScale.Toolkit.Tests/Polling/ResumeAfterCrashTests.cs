using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Polling
{
    /// <summary>Nothing paid for is lost: a process killed after submitting is restarted and resumes every task.</summary>
    [Collection(ProcessHeavyCollection.Name)]
    public sealed class ResumeAfterCrashTests : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "yescale-resume-" + Guid.NewGuid().ToString("N"));

        public ResumeAfterCrashTests() => Directory.CreateDirectory(_directory);

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public async Task A_process_killed_after_submit_is_resumed_from_the_journal_and_every_task_finishes()
        {
            await using var simulator = new YEScaleSimulator(new SimulatorOptions
            {
                ApiKey = SimulatedService.Key,
                QueuedFor = TimeSpan.FromSeconds(1),
                RunningFor = TimeSpan.FromSeconds(2),
            });
            var address = (await simulator.StartAsync()).ToString();
            var journal = Path.Combine(_directory, "tasks.jsonl");
            var common = new[] { "--base-url", address, "--key", SimulatedService.Key, "--journal", journal, "--interval", "0.1", "--json" };

            // First run: submit three tasks and start waiting; killed as soon as the third is submitted.
            string[] submitted;
            using (var first = CliProcess.Start(new[] { "submit", "a fox", "a boat", "a tree", "--wait" }.Concat(common).ToArray()))
            {
                for (var i = 0; i < 3; i++)
                {
                    first.WaitForLine(line => line.Contains("\"submitted\""), TimeSpan.FromSeconds(30));
                }

                first.Kill();
                submitted = first.Output.Where(line => line.Contains("\"submitted\"")).Select(IdOf).ToArray();
            }

            Assert.Equal(3, submitted.Length);
            var unfinished = await new FileTaskJournal(journal).GetUnfinishedAsync("getSeedanceGeneration");
            Assert.Equal(submitted.OrderBy(x => x), unfinished.Select(e => e.TaskId).OrderBy(x => x));
            Assert.All(submitted, id => Assert.NotEqual("succeeded", simulator.Tasks.Single(t => t.Id == id).StatusAt(DateTimeOffset.UtcNow, simulator.Options)));

            // Second run, a new process: resume from the journal.
            var (exitCode, output, errors) = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), new[] { "resume" }.Concat(common).ToArray());

            Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
            var finished = output.Where(line => line.Contains("\"succeeded\"")).Select(IdOf).OrderBy(x => x).ToArray();
            Assert.Equal(submitted.OrderBy(x => x), finished);
            Assert.Empty(await new FileTaskJournal(journal).GetUnfinishedAsync());
        }

        private static string IdOf(string jsonLine)
        {
            using var document = JsonDocument.Parse(jsonLine);
            return document.RootElement.GetProperty("id").GetString()!;
        }
    }
}
