using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Hosting
{
    /// <summary>services.AddYEScaleClient() in a real generic host, against the simulator on 127.0.0.1.</summary>
    public class DependencyInjectionTests
    {
        private const string Key = "sk-di-test-secret-0123456789";

        private static async Task<YEScaleSimulator> StartSimulator()
        {
            var simulator = new YEScaleSimulator(new SimulatorOptions { ApiKey = Key });
            await simulator.StartAsync();
            return simulator;
        }

        [Fact]
        public async Task The_client_comes_from_IHttpClientFactory_with_key_and_address_from_configuration()
        {
            await using var simulator = await StartSimulator();
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["YEScale:ApiKey"] = Key,
                ["YEScale:BaseAddress"] = simulator.BaseAddress.ToString(),
            });
            var httpBuilder = builder.Services.AddYEScaleClient();
            using var host = builder.Build();

            var client = host.Services.GetRequiredService<YEScale.YEScaleClient>();
            var task = await client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId);

            Assert.Equal(YEScaleSimulator.ExampleTaskId, task.Id);
            Assert.Equal("YEScale.YEScaleClient", httpBuilder.Name);
            // The simulator answers 401 to any other key, so a task coming back proves the configured key was sent.
            Assert.Equal(200, simulator.Requests.Single().StatusCode);
        }

        [Fact]
        public async Task Configure_overrides_configuration_and_the_builder_takes_handlers()
        {
            await using var simulator = await StartSimulator();
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["YEScale:ApiKey"] = "sk-wrong", ["YEScale:BaseAddress"] = "http://127.0.0.1:9/" });
            var seen = new ConcurrentQueue<string>();
            builder.Services.AddYEScaleClient(options =>
                {
                    options.ApiKey = Key;
                    options.BaseAddress = simulator.BaseAddress;
                })
                .AddHttpMessageHandler(() => new RecordingHandler(seen));
            using var host = builder.Build();

            var task = await host.Services.GetRequiredService<YEScale.YEScaleClient>().Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId);

            Assert.Equal(YEScaleSimulator.ExampleTaskId, task.Id);
            Assert.Equal(new[] { "GET /seedance/generations/" + YEScaleSimulator.ExampleTaskId }, seen);
        }

        [Fact]
        public async Task Requests_and_polling_are_logged_without_the_key()
        {
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { ApiKey = Key, QueuedFor = TimeSpan.FromMilliseconds(100), RunningFor = TimeSpan.FromMilliseconds(100) });
            await simulator.StartAsync();
            var builder = Host.CreateApplicationBuilder();
            var logs = new ConcurrentQueue<string>();
            builder.Logging.ClearProviders().AddProvider(new ListLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace);
            builder.Services.AddYEScaleClient(options =>
            {
                options.ApiKey = Key;
                options.BaseAddress = simulator.BaseAddress;
                options.TaskWait = SimulatedService.FastPolling();
            });
            using var host = builder.Build();
            var client = host.Services.GetRequiredService<YEScale.YEScaleClient>();

            await (await client.Seedance.CreateGenerationAsync(SimulatedService.Request())).WaitAsync();

            var text = string.Join("\n", logs);
            Assert.Contains("createSeedanceGeneration: POST /seedance/generations answered 200", text);
            Assert.Contains("getSeedanceGeneration: GET /seedance/generations/", text);
            Assert.Contains("is succeeded after poll", text);
            Assert.DoesNotContain(Key, text);
        }

        private sealed class RecordingHandler : System.Net.Http.DelegatingHandler
        {
            private readonly ConcurrentQueue<string> _seen;

            public RecordingHandler(ConcurrentQueue<string> seen) => _seen = seen;

            protected override Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
            {
                _seen.Enqueue(request.Method + " " + request.RequestUri!.AbsolutePath);
                return base.SendAsync(request, cancellationToken);
            }
        }

        private sealed class ListLoggerProvider : ILoggerProvider
        {
            private readonly ConcurrentQueue<string> _logs;

            public ListLoggerProvider(ConcurrentQueue<string> logs) => _logs = logs;

            public ILogger CreateLogger(string categoryName) => new ListLogger(_logs, categoryName);

            public void Dispose()
            {
            }

            private sealed class ListLogger : ILogger
            {
                private readonly ConcurrentQueue<string> _logs;
                private readonly string _category;

                public ListLogger(ConcurrentQueue<string> logs, string category)
                {
                    _logs = logs;
                    _category = category;
                }

                public IDisposable? BeginScope<TState>(TState state)
                    where TState : notnull => null;

                public bool IsEnabled(LogLevel logLevel) => true;

                public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                {
                    // Everything a sink could see: the message, the structured values and any exception.
                    var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(",", pairs.Select(p => p.Key + "=" + p.Value)) : string.Empty;
                    _logs.Enqueue(_category + ": " + formatter(state, exception) + " | " + values + " | " + exception);
                }
            }
        }
    }
}
