using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using YEScale.Simulator;
using YEScale.Toolkit.Benchmarks.Reporting;
using YEScale.Toolkit.Polling;

namespace YEScale.Toolkit.Benchmarks.Polling
{
    /// <summary>One way of running the batch wait: how long the simulated tasks take and how the client polls.</summary>
    internal sealed record PollingScenario(string Name, string Description, TimeSpan QueuedFor, TimeSpan RunningFor, TaskWaitOptions Wait)
    {
        public TimeSpan Lifetime => QueuedFor + RunningFor;

        /// <summary>The simulator's own lifecycle (1 s queued, 2 s running) and the toolkit's default TaskWaitOptions.</summary>
        public static PollingScenario SimulatorDefaults() => new(
            "defaults, 3 s tasks",
            "simulator default lifecycle (1 s queued + 2 s running); TaskWaitOptions defaults (first poll at once, 2 s, x1.5, max 30 s, jitter 10%)",
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(2),
            new TaskWaitOptions());

        /// <summary>
        /// A one-minute Seedance task (10 s queued, 50 s running) with the default options, every duration divided by 10 so
        /// the run takes seconds: the sequence of polls, and so the request count, is the one the real durations give.
        /// </summary>
        public static PollingScenario OneMinuteTasksCompressed() => new(
            "defaults, 60 s tasks (time / 10)",
            "a 60 s task (10 s queued + 50 s running) with the default options, all durations divided by 10: 1 s + 5 s; first poll at once, 0.2 s, x1.5, max 3 s, jitter 10%",
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(5),
            new TaskWaitOptions { Interval = TimeSpan.FromMilliseconds(200), MaxInterval = TimeSpan.FromSeconds(3), Timeout = TimeSpan.FromMinutes(3) });
    }

    internal sealed record PollingResult(
        PollingScenario Scenario,
        int Tasks,
        int Succeeded,
        string? FirstFailure,
        long Polls,
        long ServerRequests,
        IReadOnlyDictionary<int, int> PollsPerTaskHistogram,
        IReadOnlyList<double> BytesPerPendingTaskSamples,
        long MemoryPassPolls,
        TimeSpan CpuPerPoll,
        TimeSpan CpuPerPlainFetch,
        TimeSpan IdleCpuPerSecond,
        TimeSpan Wall,
        TimeSpan MeanDetectionLag,
        TimeSpan MaxDetectionLag)
    {
        /// <summary>One poll per task, made exactly when it finishes, is the least the lifecycle allows.</summary>
        public long MinimumPolls => Tasks;

        public double PollsPerTask => (double)Polls / Tasks;

        public double ExcessPercent => 100.0 * (Polls - MinimumPolls) / MinimumPolls;

        /// <summary>The highest sample: the peak as far as the samples saw it (a true peak can only be higher).</summary>
        public double PeakBytesPerPendingTask => BytesPerPendingTaskSamples.Count == 0 ? double.NaN : BytesPerPendingTaskSamples.Max();

        public double MedianBytesPerPendingTask => BytesPerPendingTaskSamples.Count == 0 ? double.NaN : BytesPerPendingTaskSamples.OrderBy(x => x).ElementAt(BytesPerPendingTaskSamples.Count / 2);
    }

    /// <summary>
    /// Waits for many Seedance tasks at once with the generated client's Tasks.WaitAllAsync (Seedance handles) against the
    /// simulator on 127.0.0.1 (in this process) and counts what it cost: polls per task, managed memory held per
    /// pending task, CPU per poll.
    /// </summary>
    internal static class PollingMeasurement
    {
        private const string ApiKey = "sk-benchmark-polling";
        private const int Concurrency = 8;

        // Shaped like the documentation's prompt, so each pending task holds a realistic last answer.
        private const string Prompt = "A 20-year-old girl, with an oval face, delicate features, long black hair, fair skin, and ambient light, wearing a short white skirt, sitting on a bench beside the street, smiling and shaking her hair --resolution 480p --duration 5";

        public static async Task<PollingResult> RunAsync(PollingScenario scenario, int taskCount)
        {
            var options = new SimulatorOptions { ApiKey = ApiKey, QueuedFor = scenario.QueuedFor, RunningFor = scenario.RunningFor };
            await using var simulator = new YEScaleSimulator(options);
            var address = await simulator.StartAsync();
            var counter = new PollCounter(new SocketsHttpHandler());
            using var http = new HttpClient(counter);
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = address, ApiKey = ApiKey, TaskWait = scenario.Wait });

            // Warm-up, untimed: plain fetches, then quick tasks through the same batch wait, so that neither anchor nor
            // measurement pays for first-time JIT compilation.
            await FetchManyAsync(client, 200);
            options.QueuedFor = TimeSpan.FromMilliseconds(50);
            options.RunningFor = TimeSpan.FromMilliseconds(100);
            var quick = new TaskWaitOptions { Interval = TimeSpan.FromMilliseconds(40), BackoffFactor = 1.2 };
            await foreach (var outcome in client.Tasks.WaitAllAsync((await SubmitAsync(client, 64)).Select(client.Seedance.GenerationTask), new TaskBatchOptions { RequestsPerSecond = 10_000, MaxConcurrentRequests = Concurrency, Wait = quick }))
            {
                if (!outcome.Succeeded)
                {
                    throw new InvalidOperationException("A warm-up task failed: " + outcome);
                }
            }

            options.QueuedFor = scenario.QueuedFor;
            options.RunningFor = scenario.RunningFor;

            // Pass 1, memory: the batch wait with the heap measured (full collections) while every task is pending. It also
            // serves as the warm-up of pass 2 (the runtime's tiered JIT has recompiled the hot paths by its end).
            var memoryPass = await WaitPassAsync(client, simulator, counter, scenario, taskCount, sampleMemory: true);
            Console.WriteLine("// " + $"polling [{scenario.Name}], memory pass: {memoryPass.Samples.Count} heap samples, {memoryPass.Polls} polls");

            // Anchors: a plain fetch through the same client, server and connections with as many in flight as the batch
            // allows; and what the process burns doing nothing (timers, the server's heartbeat, the runtime).
            // A second's pause first, so that the memory pass's collections and background JIT are over.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var idleCpu = await CpuOfAsync(() => Task.Delay(TimeSpan.FromSeconds(1)));
            var plainCount = Math.Max(taskCount, 500);
            var plainCpu = await CpuOfAsync(() => FetchManyAsync(client, plainCount));

            // Pass 2, requests and CPU: the same wait for fresh tasks, with nothing else running in the process.
            var countingPass = await WaitPassAsync(client, simulator, counter, scenario, taskCount, sampleMemory: false);
            Console.WriteLine("// " + $"polling [{scenario.Name}]: {countingPass.Succeeded}/{taskCount} succeeded in {countingPass.Wall.TotalSeconds:N1} s; {countingPass.Polls} polls ({countingPass.ServerRequests} seen by the simulator); CPU {countingPass.Cpu.TotalMilliseconds:N0} ms");

            return new PollingResult(
                scenario,
                taskCount,
                countingPass.Succeeded,
                countingPass.FirstFailure ?? memoryPass.FirstFailure,
                countingPass.Polls,
                countingPass.ServerRequests,
                countingPass.Histogram,
                memoryPass.Samples,
                memoryPass.Polls,
                countingPass.Polls == 0 ? TimeSpan.Zero : countingPass.Cpu / countingPass.Polls,
                plainCpu / plainCount,
                idleCpu,
                countingPass.Wall,
                countingPass.Lags.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)countingPass.Lags.Average(l => l.Ticks)),
                countingPass.Lags.Count == 0 ? TimeSpan.Zero : countingPass.Lags.Max());
        }

        private sealed record Pass(int Succeeded, string? FirstFailure, long Polls, long ServerRequests, IReadOnlyDictionary<int, int> Histogram, IReadOnlyList<double> Samples, TimeSpan Cpu, TimeSpan Wall, IReadOnlyList<TimeSpan> Lags);

        private static async Task<Pass> WaitPassAsync(YEScale.YEScaleClient client, YEScaleSimulator simulator, PollCounter counter, PollingScenario scenario, int taskCount, bool sampleMemory)
        {
            var taskIds = await SubmitAsync(client, taskCount);
            var createdAt = simulator.Tasks.ToDictionary(task => task.Id, task => task.CreatedAt, StringComparer.Ordinal);

            // Everything the measurement itself keeps is allocated before the heap's starting point is taken.
            counter.Reset(taskIds);
            simulator.ClearRequests();
            var completed = 0;
            var outcomes = new List<(string Id, bool Succeeded, string Text, DateTimeOffset At)>(taskIds.Count);
            var samples = new List<double>(1024);
            var batch = new TaskBatchOptions
            {
                // Not the default 10/s: at that rate 1,000 tasks need 100 s a round. High enough not to bind here.
                RequestsPerSecond = 10_000,
                MaxConcurrentRequests = Concurrency,
            };
            var serverBefore = simulator.RequestCount;
            var heapBefore = FullCollect();
            var cpuBefore = ProcessCpu();
            var clock = Stopwatch.StartNew();

            var waiting = Task.Run(async () =>
            {
                await foreach (var outcome in client.Tasks.WaitAllAsync(taskIds.Select(client.Seedance.GenerationTask), batch))
                {
                    outcomes.Add((outcome.TaskId!, outcome.Succeeded, outcome.ToString(), DateTimeOffset.UtcNow));
                    Interlocked.Increment(ref completed);
                }
            });

            // Every 50 ms while all tasks are pending (the first polls are under way, none has finished): a full
            // collection, then what the heap holds beyond the starting point, per task. The simulator's request log is
            // emptied first: it grows with every poll and is not the client's.
            while (sampleMemory && !waiting.IsCompleted && Volatile.Read(ref completed) == 0)
            {
                await Task.WhenAny(waiting, Task.Delay(50));
                if (waiting.IsCompleted || Volatile.Read(ref completed) != 0 || counter.Total < Math.Min(50, taskIds.Count))
                {
                    continue;
                }

                simulator.ClearRequests();
                var heap = FullCollect();
                if (Volatile.Read(ref completed) == 0)
                {
                    samples.Add((heap - heapBefore) / (double)taskIds.Count);
                }
            }

            await waiting;
            clock.Stop();
            var cpu = ProcessCpu() - cpuBefore;
            var lags = outcomes.Where(o => o.Succeeded).Select(o => o.At - (createdAt[o.Id] + scenario.Lifetime)).ToList();
            return new Pass(
                outcomes.Count(o => o.Succeeded),
                outcomes.FirstOrDefault(o => !o.Succeeded).Text,
                counter.Total,
                simulator.RequestCount - serverBefore,
                counter.PerTask.Values.Where(n => n > 0).GroupBy(n => n).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
                samples,
                cpu,
                clock.Elapsed,
                lags);
        }

        private static async Task<List<string>> SubmitAsync(YEScale.YEScaleClient client, int count)
        {
            var ids = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
            {
                var created = await client.Seedance.CreateGenerationAsync(Request(i), token);
                ids.Add(created.Id);
            });
            return ids.ToList();
        }

        private static YEScale.SeedanceGenerationCreate Request(int i) => new()
        {
            Model = "doubao-seedance-1-0-pro-250528",
            Content = new List<YEScale.SeedanceContentItem> { new() { Type = YEScale.SeedanceContentType.Text, Text = Prompt + " #" + i } },
        };

        private static Task FetchManyAsync(YEScale.YEScaleClient client, int count)
            => Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (_, token) =>
                await client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, token));

        private static async Task<TimeSpan> CpuOfAsync(Func<Task> work)
        {
            FullCollect();
            var before = ProcessCpu();
            await work();
            return ProcessCpu() - before;
        }

        private static long FullCollect()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return GC.GetTotalMemory(forceFullCollection: false);
        }

        private static TimeSpan ProcessCpu()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }

        /// <summary>Counts the polls (GET of one task) each task received, on the client side of the wire.</summary>
        private sealed class PollCounter : DelegatingHandler
        {
            private long _total;

            public PollCounter(HttpMessageHandler inner) : base(inner)
            {
            }

            public ConcurrentDictionary<string, int> PerTask { get; } = new(StringComparer.Ordinal);

            public long Total => Interlocked.Read(ref _total);

            /// <summary>Starts counting afresh, with an entry per task made now (not while memory is being measured).</summary>
            public void Reset(IEnumerable<string> taskIds)
            {
                PerTask.Clear();
                foreach (var id in taskIds)
                {
                    PerTask[id] = 0;
                }

                Interlocked.Exchange(ref _total, 0);
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                const string Prefix = "/seedance/generations/";
                var path = request.RequestUri!.AbsolutePath;
                if (request.Method == HttpMethod.Get && path.StartsWith(Prefix, StringComparison.Ordinal) && path.Length > Prefix.Length)
                {
                    Interlocked.Increment(ref _total);
                    PerTask.AddOrUpdate(Uri.UnescapeDataString(path.Substring(Prefix.Length)), 1, (_, n) => n + 1);
                }

                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
