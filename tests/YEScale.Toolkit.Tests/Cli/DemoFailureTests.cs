using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Cli
{
    /// <summary>
    /// The demo, run as a user runs it against a server that fails as gateways do: one line on stderr saying what
    /// happened and what to do, and the exit code of that kind of failure.
    /// </summary>
    [Collection(ProcessHeavyCollection.Name)]
    public sealed class DemoFailureTests : IDisposable
    {
        private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "yescale-demo-" + Guid.NewGuid().ToString("N"));

        public DemoFailureTests() => Directory.CreateDirectory(_directory);

        private string Journal => Path.Combine(_directory, "tasks.jsonl");

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        private static string DemoPath
        {
            get
            {
                var configuration = typeof(DemoFailureTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
                var path = Path.Combine(SeedPage.Repository, "samples", "YEScale.Demo", "bin", configuration, "net10.0", "YEScale.Demo.dll");
                return File.Exists(path) ? path : throw new FileNotFoundException("Build samples/YEScale.Demo first.", path);
            }
        }

        [Fact]
        public async Task A_submit_whose_connection_drops_after_it_was_accepted_exits_10_and_the_journal_holds_it()
        {
            await using var service = await SimulatedService.StartAsync();
            service.Simulator.InjectFaults(SimulatedFault.DropAfterAccepting());

            var (code, _, errors) = await RunAsync(service.Simulator.BaseAddress.ToString());

            Assert.True(code == 10, $"exit {code}: {errors}");
            var unknown = Assert.Single(await new FileTaskJournal(Journal).GetOutcomeUnknownAsync("getSeedanceGeneration"));
            var line = OneLine(errors);
            Assert.StartsWith("The submit may have created a task (billed at most once; it was not sent again)", line);
            Assert.Contains($"The journal holds it as submit {unknown.SubmitId}: check it with 'yescale resume' before submitting again.", line);
            Assert.Single(service.Simulator.SubmitsTo("/seedance/generations"));
            Assert.Single(service.Simulator.SubmittedTasks);
        }

        [Fact]
        public async Task A_closed_port_exits_5_and_says_nothing_was_sent()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();

            var (code, _, errors) = await RunAsync($"http://127.0.0.1:{port}/");

            Assert.True(code == 5, $"exit {code}: {errors}");
            var line = OneLine(errors);
            Assert.StartsWith($"Could not reach YEScale at http://127.0.0.1:{port}/", line);
            Assert.Contains("Nothing was sent.", line);
            Assert.Empty(await new FileTaskJournal(Journal).GetOutcomeUnknownAsync());
        }

        [Fact]
        public async Task A_submit_refused_with_429_and_Retry_After_is_sent_again_after_the_wait_and_the_demo_finishes()
        {
            await using var service = await SimulatedService.StartAsync();
            service.Simulator.InjectFaults(SimulatedFault.RateLimited(TimeSpan.FromSeconds(1)));

            var (code, output, errors) = await RunAsync(service.Simulator.BaseAddress.ToString());

            Assert.True(code == 0, $"exit {code}: {errors}");
            var submits = service.Simulator.SubmitsTo("/seedance/generations");
            Assert.Equal(2, submits.Count);
            Assert.True(submits[1].ArrivedAt - submits[0].ArrivedAt >= TimeSpan.FromSeconds(0.95), $"The second submit came {(submits[1].ArrivedAt - submits[0].ArrivedAt).TotalMilliseconds:0} ms after a 429 that asked for 1 s.");
            Assert.Single(service.Simulator.SubmittedTasks);
            Assert.Contains(output, l => l.StartsWith("Saved ", StringComparison.Ordinal));
        }

        private Task<(int ExitCode, IReadOnlyList<string> Output, string Errors)> RunAsync(string baseUrl)
            => CliProcess.RunProgramAsync(DemoPath, RunLimit, "--base-url", baseUrl, "--key", SimulatedService.Key, "--journal", Journal, "--output", _directory);

        /// <summary>Standard error holds one line, without a stack trace or the key; returns it.</summary>
        private static string OneLine(string errors)
        {
            var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", line);
            Assert.DoesNotContain("Exception", line);
            Assert.DoesNotContain(SimulatedService.Key, line);
            return line;
        }
    }
}
