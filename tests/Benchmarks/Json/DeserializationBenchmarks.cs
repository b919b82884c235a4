using System;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using YEScale.Toolkit.Benchmarks.Baselines;
using YEScale.Toolkit.Benchmarks.Chat;
using YEScale.Toolkit.Benchmarks.Infrastructure;
using YEScale.Toolkit.Benchmarks.Reporting;
using YEScale.Toolkit.Json;

namespace YEScale.Toolkit.Benchmarks.Json
{
    /// <summary>
    /// Reading a body already in memory: the generated converters (through ApiJson.Read, the path the client takes)
    /// against System.Text.Json with source-generated metadata for equivalent hand-written types.
    /// </summary>
    [BenchmarkCategory("deserialization")]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class DeserializationBenchmarks
    {
        public const int LargeCount = 10_000;

        private byte[] _seed = null!;
        private byte[] _large = null!;

        [GlobalSetup]
        public void Setup()
        {
            _seed = SeedExample.Utf8;
            _large = ChatCompletionPayload.Create(LargeCount);

            var generated = Generated_Seed();
            var baseline = SourceGenerated_Seed();
            if (generated.Id != baseline.Id || generated.Usage!.TotalTokens != baseline.Usage.TotalTokens || generated.Request.Content.Count != baseline.Request.Content.Count)
            {
                throw new InvalidOperationException("The two readers disagree on the seed example.");
            }

            var list = Generated_Large();
            var dtos = SourceGenerated_Large();
            var generatedTokens = list.Data.Sum(item => (long)item.Usage!.TotalTokens);
            var baselineTokens = dtos.Data.Sum(item => (long)item.Usage!.TotalTokens);
            var generatedChars = list.Data.Sum(item => (long)(item.Choices[0].Message.Content?.Length ?? 0));
            var baselineChars = dtos.Data.Sum(item => (long)(item.Choices[0].Message.Content?.Length ?? 0));
            if (list.Data.Count != LargeCount || dtos.Data.Count != LargeCount || generatedTokens != baselineTokens || generatedChars != baselineChars
                || list.Data[7].Choices[0].FinishReason.ToString() != dtos.Data[7].Choices[0].FinishReason)
            {
                throw new InvalidOperationException("The two readers disagree on the chat-completion list.");
            }

            // Every member of both payloads is described, so neither reader keeps anything aside (no extension data).
            if (generated.HasAdditionalProperties || baseline.AdditionalProperties != null
                || list.Data.Any(item => item.HasAdditionalProperties || item.Choices[0].HasAdditionalProperties || item.Choices[0].Message.HasAdditionalProperties || item.Usage!.HasAdditionalProperties)
                || dtos.Data.Any(item => item.AdditionalProperties != null || item.Choices[0].AdditionalProperties != null || item.Choices[0].Message.AdditionalProperties != null || item.Usage!.AdditionalProperties != null))
            {
                throw new InvalidOperationException("A payload has members its spec does not describe; the comparison would time extension data.");
            }

            Findings.Note("deserialization", $"deserialization: seed example {_seed.Length:N0} bytes; chat-completion list {LargeCount:N0} items, {_large.Length / 1024.0 / 1024.0:N1} MB ({_large.Length / LargeCount:N0} bytes per item); both readers agree on every total");
        }

        [Benchmark(Baseline = true), BenchmarkCategory("seed example")]
        public SeedanceGenerationDto SourceGenerated_Seed() => JsonSerializer.Deserialize(_seed, HandWrittenJson.Default.SeedanceGenerationDto)!;

        [Benchmark, BenchmarkCategory("seed example")]
        public YEScale.SeedanceGeneration Generated_Seed() => ApiJson.Read(new ArraySegment<byte>(_seed), YEScale.SeedanceGenerationJsonConverter.Instance);

        [Benchmark(Baseline = true), BenchmarkCategory("10,000 chat completions")]
        public ChatCompletionListDto SourceGenerated_Large() => JsonSerializer.Deserialize(_large, HandWrittenJson.Default.ChatCompletionListDto)!;

        [Benchmark, BenchmarkCategory("10,000 chat completions")]
        public ChatCompletionList Generated_Large() => ApiJson.Read(new ArraySegment<byte>(_large), ChatCompletionListJsonConverter.Instance);
    }
}
