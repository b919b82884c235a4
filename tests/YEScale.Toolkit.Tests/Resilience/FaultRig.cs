using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;

namespace YEScale.Toolkit.Tests.Resilience
{
    /// <summary>
    /// The YEScale simulator on 127.0.0.1 (port 0) and generated clients pointed at it over plain SocketsHttpHandlers: no
    /// handler in between that buffers answers, so a slow body or a dropped connection reaches the client as it happened.
    /// Faults are injected in the server (<see cref="YEScaleSimulator.InjectFaults"/>), never in the client.
    /// </summary>
    internal sealed class FaultRig : IAsyncDisposable
    {
        public const string Key = "sk-resilience-test-0123456789";

        public const string SubmitPath = "/seedance/generations";

        public const string TaskOperation = "getSeedanceGeneration";

        public const string SubmitOperation = "createSeedanceGeneration";

        /// <summary>
        /// Timers fire on a millisecond tick, so a try cut by one can measure a hair under its limit (0.3999 s for 0.4 s),
        /// and a delay can end a hair early: the slack allowed when checking that a limit or a wait was reached.
        /// </summary>
        public static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);

        private readonly List<HttpClient> _clients = new();

        private FaultRig(YEScaleSimulator simulator)
        {
            Simulator = simulator;
        }

        public YEScaleSimulator Simulator { get; }

        public Uri BaseAddress => Simulator.BaseAddress;

        /// <summary>Submits the server has seen at the Seedance submit path, whatever they were answered.</summary>
        public IReadOnlyList<SimulatorRequest> Submits => Simulator.SubmitsTo(SubmitPath);

        /// <summary>
        /// The submits once the server has finished with each: a client that gave up (a timeout) returns before the
        /// server notices it went away and completes its log entry, task id included. Waits at most five seconds.
        /// </summary>
        public async Task<IReadOnlyList<SimulatorRequest>> SettledSubmitsAsync()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            var submits = Submits;
            while (submits.Any(s => !s.Completed) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
                submits = Submits;
            }

            return submits;
        }

        /// <summary>Queries of one task the server has seen.</summary>
        public IReadOnlyList<SimulatorRequest> QueriesOf(string taskId)
            => Simulator.Requests.Where(r => r.Method == "GET" && r.TaskId == taskId && r.Path.StartsWith(SubmitPath + "/", StringComparison.Ordinal)).ToList();

        public static async Task<FaultRig> StartAsync()
        {
            var simulator = new YEScaleSimulator(new SimulatorOptions { ApiKey = Key, QueuedFor = TimeSpan.FromMilliseconds(200), RunningFor = TimeSpan.FromMilliseconds(300) });
            await simulator.StartAsync();
            return new FaultRig(simulator);
        }

        /// <summary>
        /// Backoff short enough that a test measuring a server-requested wait can tell it from the client's own:
        /// without the header the repeat would come within tens of milliseconds.
        /// </summary>
        public static RetryOptions QuickRetry(int maxAttempts = 4) => new()
        {
            MaxAttempts = maxAttempts,
            InitialDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(50),
        };

        /// <summary>A client of the simulator over its own HttpClient (disposed with the rig).</summary>
        public YEScale.YEScaleClient CreateClient(Action<ApiClientOptions>? configure = null, HttpClient? http = null)
        {
            http ??= new HttpClient(new SocketsHttpHandler());
            _clients.Add(http);
            var options = new ApiClientOptions { BaseAddress = BaseAddress, ApiKey = Key, Retry = QuickRetry() };
            configure?.Invoke(options);
            return new YEScale.YEScaleClient(http, options);
        }

        public static YEScale.SeedanceGenerationCreate Request(string prompt) => new()
        {
            Model = "doubao-seedance-1-0-pro-250528",
            Content = new List<YEScale.SeedanceContentItem> { new() { Type = YEScale.SeedanceContentType.Text, Text = prompt } },
        };

        /// <summary>A journal file of its own under the temp folder, deleted (with its lock file) by <see cref="DeleteJournal"/>.</summary>
        public static string NewJournalPath() => Path.Combine(Path.GetTempPath(), "yescale-resilience-" + Guid.NewGuid().ToString("N") + ".jsonl");

        public static void DeleteJournal(string path)
        {
            foreach (var file in new[] { path, path + ".lock" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // A leftover temp file is harmless.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            await Simulator.DisposeAsync();
        }
    }
}
