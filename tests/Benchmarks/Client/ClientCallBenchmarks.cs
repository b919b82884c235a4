using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using YEScale.Toolkit.Benchmarks.Baselines;
using YEScale.Toolkit.Benchmarks.Infrastructure;
using YEScale.Toolkit.Benchmarks.Reporting;

namespace YEScale.Toolkit.Benchmarks.Client
{
    /// <summary>
    /// One Seedance.GetGenerationAsync call answered from memory with the documentation's example: the generated client
    /// against a hand-written one (HttpClient + System.Text.Json source generation) and NSwag's generated client.
    /// Every client is built once, with the same handler, base address and key.
    /// </summary>
    [BenchmarkCategory("client-call")]
    public class ClientCallBenchmarks
    {
        private const string ApiKey = "sk-benchmark-0123456789";
        private static readonly Uri BaseAddress = new("https://api.yescale.io/");

        private YEScale.YEScaleClient _generated = null!;
        private HandWrittenSeedanceClient _handWritten = null!;
        private Func<string, CancellationToken, Task> _nswag = null!;

        [GlobalSetup]
        public void Setup()
        {
            var handler = new CannedResponseHandler(SeedExample.Utf8);
            _generated = new YEScale.YEScaleClient(new HttpClient(handler, disposeHandler: false), new ApiClientOptions { BaseAddress = BaseAddress, ApiKey = ApiKey });
            _handWritten = new HandWrittenSeedanceClient(new HttpClient(handler, disposeHandler: false) { BaseAddress = BaseAddress }, ApiKey);
            var nswagHttp = new HttpClient(handler, disposeHandler: false);
            nswagHttp.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
            _nswag = NSwagCompiledClient.Create(nswagHttp, BaseAddress);

            // Once, untimed: all three send the same request and read the same answer.
            handler.Record = true;
            var generated = Generated().GetAwaiter().GetResult();
            var sent = (handler.LastPath, handler.LastAuthorization);
            var handWritten = HandWritten().GetAwaiter().GetResult();
            Same("hand-written request", sent, (handler.LastPath, handler.LastAuthorization));
            var nswag = NSwagAsObject().GetAwaiter().GetResult();
            Same("NSwag request", sent, (handler.LastPath, handler.LastAuthorization));
            handler.Record = false;

            Same("usage", generated.Usage!.TotalTokens, handWritten.Usage.TotalTokens);
            Same("usage (NSwag)", generated.Usage!.TotalTokens, (long)NSwagCompiledClient.Member(nswag, "Usage", "Total_tokens")!);
            Same("video url", generated.Content!.VideoUrl, handWritten.Content.VideoUrl);
            Same("items", generated.Request.Content.Count, handWritten.Request.Content.Count);
            Same("image", generated.Request.Content[1].ImageUrl?.Url, handWritten.Request.Content[1].ImageUrl?.Url);
            Same("status", generated.Status.ToString(), handWritten.Status);
            Findings.Note("client", $"client call: all three clients sent GET {sent.LastPath} with '{sent.LastAuthorization?.Split(' ')[0]} ...' and read the same example; NSwag's client source: {NSwagCompiledClient.SourcePath}");
        }

        [Benchmark(Baseline = true)]
        public Task<SeedanceGenerationDto> HandWritten() => _handWritten.GetSeedanceGenerationAsync(SeedExample.TaskId);

        [Benchmark]
        public Task<YEScale.SeedanceGeneration> Generated() => _generated.Seedance.GetGenerationAsync(SeedExample.TaskId);

        [Benchmark]
        public Task NSwag() => _nswag(SeedExample.TaskId, CancellationToken.None);

        private async Task<object> NSwagAsObject()
        {
            var task = NSwag();
            await task.ConfigureAwait(false);
            return task.GetType().GetProperty("Result")!.GetValue(task)!;
        }

        private static void Same<T>(string what, T expected, T actual)
        {
            if (!Equals(expected, actual))
            {
                throw new InvalidOperationException($"The clients disagree on {what}: '{expected}' against '{actual}'.");
            }
        }
    }
}
