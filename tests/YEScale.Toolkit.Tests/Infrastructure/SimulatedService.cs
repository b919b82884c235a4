using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    /// <summary>The YEScale simulator on 127.0.0.1 and a generated client pointed at it, with test-speed timings.</summary>
    public sealed class SimulatedService : IAsyncDisposable
    {
        public const string Key = "sk-test-simulated-0123456789";

        private readonly HttpClient _http;

        private readonly RecordingHandler _recorder;

        private SimulatedService(YEScaleSimulator simulator, HttpClient http, RecordingHandler recorder, YEScale.YEScaleClient client)
        {
            Simulator = simulator;
            _http = http;
            _recorder = recorder;
            Client = client;
        }

        /// <summary>What the client sent and what the simulator answered, in order.</summary>
        public IReadOnlyList<Exchange> Exchanges => _recorder.Exchanges;

        /// <summary>Every request the client sent and every answer the simulator gave validates against the spec (NJsonSchema).</summary>
        public void AssertExchangesConformToSpec() => SpecConformance.AssertConforms(Exchanges);

        public YEScaleSimulator Simulator { get; }

        public YEScale.YEScaleClient Client { get; }

        /// <summary>Polls every 50 ms without growth or jitter, so tests are quick and their request counts exact.</summary>
        public static TaskWaitOptions FastPolling(TimeSpan? timeout = null) => new()
        {
            Interval = TimeSpan.FromMilliseconds(50),
            BackoffFactor = 1,
            Jitter = 0,
            Timeout = timeout ?? TimeSpan.FromSeconds(15),
        };

        public static async Task<SimulatedService> StartAsync(Action<SimulatorOptions>? configure = null, Action<ApiClientOptions>? configureClient = null)
        {
            var options = new SimulatorOptions { ApiKey = Key, QueuedFor = TimeSpan.FromMilliseconds(200), RunningFor = TimeSpan.FromMilliseconds(300) };
            configure?.Invoke(options);
            var simulator = new YEScaleSimulator(options);
            var address = await simulator.StartAsync();
            var recorder = new RecordingHandler(new SocketsHttpHandler());
            var http = new HttpClient(recorder);
            var clientOptions = new ApiClientOptions { BaseAddress = address, ApiKey = Key, TaskWait = FastPolling() };
            configureClient?.Invoke(clientOptions);
            return new SimulatedService(simulator, http, recorder, new YEScale.YEScaleClient(http, clientOptions));
        }

        public static YEScale.SeedanceGenerationCreate Request(string prompt = "A cat walking through falling snow") => new()
        {
            Model = "doubao-seedance-1-0-pro-250528",
            Content = new List<YEScale.SeedanceContentItem> { new() { Type = YEScale.SeedanceContentType.Text, Text = prompt } },
        };

        public async Task<string> SubmitAsync(string prompt = "A cat walking through falling snow")
            => (await Client.Seedance.CreateGenerationAsync(Request(prompt))).Id;

        /// <summary>Fetch requests the simulator saw for one task, in arrival order.</summary>
        public IReadOnlyList<SimulatorRequest> FetchesOf(string taskId)
            => Simulator.Requests.Where(r => r.Method == "GET" && r.TaskId == taskId && r.Path.StartsWith("/seedance/", StringComparison.Ordinal)).ToList();

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await Simulator.DisposeAsync();
        }
    }
}
