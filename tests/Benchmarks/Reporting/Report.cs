using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Reports;
using YEScale.Toolkit.Benchmarks.Client;
using YEScale.Toolkit.Benchmarks.Generation;
using YEScale.Toolkit.Benchmarks.Json;
using YEScale.Toolkit.Benchmarks.Polling;

namespace YEScale.Toolkit.Benchmarks.Reporting
{
    /// <summary>
    /// The end of a run: every figure beside its anchor, the ratio, the bar from the performance issue, and whether it
    /// is met. Figures come from BenchmarkDotNet's summaries (mean time, allocated bytes per operation) and from the
    /// polling measurement.
    /// </summary>
    internal sealed class Report
    {
        private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

        private readonly IReadOnlyList<Summary> _summaries;
        private readonly IReadOnlyList<PollingResult> _polling;

        public Report(IReadOnlyList<Summary> summaries, IReadOnlyList<PollingResult> polling)
        {
            _summaries = summaries;
            _polling = polling;
        }

        public bool AnyBenchmarkFailed => _summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));

        public void Print(TextWriter output)
        {
            output.WriteLine();
            output.WriteLine("## What the run checked and produced");
            output.WriteLine();
            foreach (var note in Findings.AllNotes)
            {
                output.WriteLine("- " + note);
            }

            if (_polling.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("## Polling (Tasks.WaitAllAsync of Seedance handles against the in-process simulator on 127.0.0.1)");
                output.WriteLine();
                output.WriteLine("| scenario | tasks | succeeded | polls | polls/task (min 1) | polls per task: tasks | managed heap per pending task, peak / median (samples) | CPU per poll | CPU per plain fetch | idle CPU | wall | detection lag mean / max |");
                output.WriteLine("|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|");
                foreach (var result in _polling)
                {
                    var histogram = string.Join(", ", result.PollsPerTaskHistogram.Select(bucket => $"{bucket.Key}: {bucket.Value}"));
                    output.WriteLine($"| {result.Scenario.Name} | {result.Tasks} | {result.Succeeded} | {result.Polls} | {result.PollsPerTask.ToString("0.00", Invariant)} | {histogram} | {Bytes(result.PeakBytesPerPendingTask)} / {Bytes(result.MedianBytesPerPendingTask)} ({result.BytesPerPendingTaskSamples.Count}) | {Time(result.CpuPerPoll.Ticks * 100.0)} | {Time(result.CpuPerPlainFetch.Ticks * 100.0)} | {result.IdleCpuPerSecond.TotalMilliseconds.ToString("0", Invariant)} ms/s | {result.Wall.TotalSeconds.ToString("0.0", Invariant)} s | {result.MeanDetectionLag.TotalMilliseconds.ToString("0", Invariant)} / {result.MaxDetectionLag.TotalMilliseconds.ToString("0", Invariant)} ms |");
                }

                foreach (var result in _polling)
                {
                    output.WriteLine($"- {result.Scenario.Name}: {result.Scenario.Description}" + (result.FirstFailure is { } failure ? $"; first failure: {failure}" : string.Empty));
                }

                output.WriteLine("- heap samples from a first pass (full collections every 50 ms while no task had finished); polls, CPU and lag from a second pass over fresh tasks with nothing else running. CPU is the whole process: client and in-process server.");
            }

            if (Findings.CodeCost.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("## Generated code: what the consumer's compiler pays (toolkit against NSwag 14.8, System.Text.Json flavour)");
                output.WriteLine();
                output.WriteLine("| spec | size | toolkit files / lines / chars | NSwag lines / chars | lines ratio | compile, toolkit / NSwag (median of runs) | compile ratio | bind with doc comments parsed (IDE), toolkit / NSwag | ratio | timed |");
                output.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
                foreach (var cost in Findings.CodeCost)
                {
                    output.WriteLine($"| {cost.Spec.Name} | {Bytes(cost.SpecBytes)} | {cost.ToolkitFiles} / {cost.ToolkitLines:N0} / {cost.ToolkitChars:N0} | {cost.NSwagLines:N0} / {cost.NSwagChars:N0} | {Ratio(cost.LineRatio)} | {Time(cost.ToolkitCompileMs * 1e6)} / {Time(cost.NSwagCompileMs * 1e6)} | {Ratio(cost.CompileRatio)} | {Time(cost.ToolkitDocBindMs * 1e6)} / {Time(cost.NSwagDocBindMs * 1e6)} | {Ratio(cost.DocBindRatio)} | {cost.Phase}, {cost.Runs} runs; errors {cost.ToolkitErrors} / {cost.NSwagErrors} |");
                }
            }

            output.WriteLine();
            output.WriteLine("## Bars");
            output.WriteLine();
            output.WriteLine("| bar | figure | anchor | ratio | target | verdict |");
            output.WriteLine("|---|--:|--:|--:|---|---|");
            foreach (var row in Bars())
            {
                output.WriteLine($"| {row.Bar} | {row.Figure} | {row.Anchor} | {row.Ratio} | {row.Target} | {row.Verdict} |");
            }
        }

        private IEnumerable<Row> Bars()
        {
            foreach (var cost in Findings.CodeCost)
            {
                yield return AtMost($"generated lines, {cost.Spec.Name}", cost.ToolkitLines, cost.NSwagLines, 1.0, "toolkit", "NSwag", count: true);
                yield return AtMost($"compiler time on the generated code, {cost.Spec.Name}", cost.ToolkitCompileMs * 1e6, cost.NSwagCompileMs * 1e6, 1.0, "toolkit", "NSwag");
                yield return AtMost($"compiler time with doc comments parsed (IDE), {cost.Spec.Name}", cost.ToolkitDocBindMs * 1e6, cost.NSwagDocBindMs * 1e6, 1.0, "toolkit", "NSwag");
            }

            foreach (var spec in BenchSpec.Names)
            {
                var toolkit = Find(nameof(ColdGenerationBenchmarks), nameof(ColdGenerationBenchmarks.Toolkit_Generate), spec);
                var nswag = Find(nameof(ColdGenerationBenchmarks), nameof(ColdGenerationBenchmarks.NSwag_ParseAndGenerate), spec);
                var parse = Find(nameof(ColdGenerationBenchmarks), nameof(ColdGenerationBenchmarks.NSwag_ParseOnly), spec);
                yield return AtMost($"cold generation, {spec}", toolkit?.Mean, nswag?.Mean, 0.5, "toolkit", "NSwag parse+generate");
                if (parse is { } p && nswag is { } n && toolkit is { } t)
                {
                    yield return new Row($"(where it goes) NSwag parse alone, {spec}", Time(p.Mean), "NSwag parse+generate " + Time(n.Mean), Ratio(p.Mean / n.Mean), "no bar", $"NSwag's parse alone is {Ratio(p.Mean / t.Mean)} the toolkit's whole run");
                }
            }

            foreach (var spec in BenchSpec.Names)
            {
                var edit = Find(nameof(WarmGenerationBenchmarks), nameof(WarmGenerationBenchmarks.UnrelatedEdit), spec);
                var compilationOnly = Find(nameof(WarmGenerationBenchmarks), nameof(WarmGenerationBenchmarks.UnrelatedEdit_CompilationOnly), spec);
                var tracked = Find(nameof(WarmGenerationBenchmarks), nameof(WarmGenerationBenchmarks.UnrelatedEdit_Tracked), spec);
                var check = Findings.WarmCacheCheck(spec);
                var cached = check switch { true => "all steps Cached/Unchanged", false => "A STEP RE-RAN", null => "steps not checked" };
                if (edit is null)
                {
                    yield return new Row($"warm re-run, unrelated C# edit, {spec}", "-", "1 ms", "-", "< 1 ms, every step cached", "not run");
                }
                else
                {
                    var ratio = edit.Value.Mean / 1_000_000.0;
                    var verdict = check == true && ratio < 1 ? "met" : check == false ? "MISSED: a step re-ran" : ratio >= 1 ? $"MISSED by {Time(edit.Value.Mean - 1_000_000.0)}" : "unverified";
                    yield return new Row($"warm re-run, unrelated C# edit, {spec}", $"{Time(edit.Value.Mean)} (tracked driver {(tracked is { } tr ? Time(tr.Mean) : "-")}: {cached}; new compilation alone {(compilationOnly is { } c ? Time(c.Mean) : "-")})", "1 ms", Ratio(ratio), "< 1 ms, every step cached", verdict);
                }

                var specEdit = Find(nameof(WarmGenerationBenchmarks), nameof(WarmGenerationBenchmarks.SpecEdit), spec);
                var cold = Find(nameof(ColdGenerationBenchmarks), nameof(ColdGenerationBenchmarks.Toolkit_Generate), spec);
                if (specEdit is { } s)
                {
                    yield return new Row($"warm re-run, spec edit, {spec}", Time(s.Mean), cold is { } k ? "cold toolkit run " + Time(k.Mean) : "-", cold is { } k2 ? Ratio(s.Mean / k2.Mean) : "-", "no bar", "-");
                }
            }

            var hand = Find(nameof(ClientCallBenchmarks), nameof(ClientCallBenchmarks.HandWritten));
            var generated = Find(nameof(ClientCallBenchmarks), nameof(ClientCallBenchmarks.Generated));
            var nswagCall = Find(nameof(ClientCallBenchmarks), nameof(ClientCallBenchmarks.NSwag));
            yield return AtMost("client call, time", generated?.Mean, hand?.Mean, 1.1, "generated", "hand-written");
            yield return AtMost("client call, allocations", generated?.Allocated, hand?.Allocated, 1.1, "generated", "hand-written", bytes: true);
            if (generated is { } g && nswagCall is { } ns)
            {
                var speedup = ns.Mean / g.Mean;
                yield return new Row("client call, vs NSwag's client", "NSwag " + Time(ns.Mean) + ", " + Bytes(ns.Allocated), "generated " + Time(g.Mean) + ", " + Bytes(g.Allocated), Ratio(speedup) + " faster", ">= 1.5x faster", speedup >= 1.5 ? "met" : $"MISSED: {speedup:0.00}x, needs {1.5 / speedup:0.00}x more");
            }
            else
            {
                yield return new Row("client call, vs NSwag's client", "-", "-", "-", ">= 1.5x faster", "not run");
            }

            yield return AtMost("deserialization, seed example", Find(nameof(DeserializationBenchmarks), nameof(DeserializationBenchmarks.Generated_Seed))?.Mean, Find(nameof(DeserializationBenchmarks), nameof(DeserializationBenchmarks.SourceGenerated_Seed))?.Mean, 1.0, "generated", "STJ source-gen");
            yield return AtMost("deserialization, 10,000 chat completions", Find(nameof(DeserializationBenchmarks), nameof(DeserializationBenchmarks.Generated_Large))?.Mean, Find(nameof(DeserializationBenchmarks), nameof(DeserializationBenchmarks.SourceGenerated_Large))?.Mean, 1.0, "generated", "STJ source-gen");

            foreach (var size in ChatPeerBenchmarks.Sizes)
            {
                foreach (var (mode, generatedMethod, officialMethod) in new[]
                {
                    (ChatPeerBenchmarks.Plain, nameof(ChatPeerBenchmarks.Plain_Generated), nameof(ChatPeerBenchmarks.Plain_OpenAI)),
                    (ChatPeerBenchmarks.Streamed, nameof(ChatPeerBenchmarks.Streamed_Generated), nameof(ChatPeerBenchmarks.Streamed_OpenAI)),
                })
                {
                    var generatedChat = Find(nameof(ChatPeerBenchmarks), generatedMethod, size, nameof(ChatPeerBenchmarks.Size));
                    var official = Find(nameof(ChatPeerBenchmarks), officialMethod, size, nameof(ChatPeerBenchmarks.Size));
                    yield return AtMost($"chat completion vs OpenAI SDK, {mode} {size}, time", generatedChat?.Mean, official?.Mean, 1.0, "generated", "OpenAI SDK");
                    yield return AtMost($"chat completion vs OpenAI SDK, {mode} {size}, allocations", generatedChat?.Allocated, official?.Allocated, 1.0, "generated", "OpenAI SDK", bytes: true);
                }
            }

            foreach (var result in _polling)
            {
                var excess = result.ExcessPercent;
                yield return new Row($"polling requests, {result.Scenario.Name}", $"{result.Polls} polls ({result.PollsPerTask:0.00}/task)", $"minimum {result.MinimumPolls} (1/task)", $"+{excess:0}%", "<= +5%", excess <= 5 ? "met" : $"MISSED by {excess - 5:0} points");
                var perTask = result.PeakBytesPerPendingTask;
                yield return new Row($"polling memory, {result.Scenario.Name}", Bytes(perTask) + " per pending task (peak of samples)", "4 KB", Ratio(perTask / 4096), "< 4 KB", double.IsNaN(perTask) ? "not sampled" : perTask < 4096 ? "met" : $"MISSED by {Bytes(perTask - 4096)}");
                yield return new Row($"polling CPU, {result.Scenario.Name}", Time(result.CpuPerPoll.Ticks * 100.0) + " per poll", "plain fetch " + Time(result.CpuPerPlainFetch.Ticks * 100.0), Ratio((double)result.CpuPerPoll.Ticks / Math.Max(1, result.CpuPerPlainFetch.Ticks)), "no bar", "-");
            }
        }

        private static Row AtMost(string bar, double? figure, double? anchor, double limit, string figureName, string anchorName, bool bytes = false, bool count = false)
        {
            var target = $"<= {limit:0.0#}x";
            if (figure is not { } f || anchor is not { } a || a <= 0)
            {
                return new Row(bar, "-", "-", "-", target, "not run");
            }

            var ratio = f / a;
            var verdict = ratio <= limit ? "met" : $"MISSED by {(ratio / limit - 1):P0} ({Ratio(ratio)})";
            Func<double, string> format = count ? value => value.ToString("N0", Invariant) + " lines" : bytes ? Bytes : Time;
            return new Row(bar, figureName + " " + format(f), anchorName + " " + format(a), Ratio(ratio), target, verdict);
        }

        /// <summary>A benchmark's mean and allocations; <paramref name="value"/>, when given, picks the case whose parameter <paramref name="parameter"/> has it.</summary>
        private (double Mean, double Allocated)? Find(string type, string method, string? value = null, string parameter = "Spec")
        {
            foreach (var report in _summaries.SelectMany(summary => summary.Reports))
            {
                var benchmark = report.BenchmarkCase;
                if (benchmark.Descriptor.Type.Name != type || benchmark.Descriptor.WorkloadMethod.Name != method)
                {
                    continue;
                }

                if (value != null && !Equals(benchmark.Parameters.Items.FirstOrDefault(p => p.Name == parameter)?.Value, value))
                {
                    continue;
                }

                if (report.ResultStatistics is not { } statistics)
                {
                    return null;
                }

                return (statistics.Mean, report.GcStats.GetBytesAllocatedPerOperation(benchmark) ?? double.NaN);
            }

            return null;
        }

        private static string Ratio(double ratio) => ratio.ToString(ratio < 0.01 ? "0.0000" : "0.00", Invariant) + "x";

        /// <summary>A time given in nanoseconds.</summary>
        private static string Time(double nanoseconds)
            => nanoseconds switch
            {
                >= 1e9 => (nanoseconds / 1e9).ToString("0.00", Invariant) + " s",
                >= 1e6 => (nanoseconds / 1e6).ToString("0.00", Invariant) + " ms",
                >= 1e3 => (nanoseconds / 1e3).ToString("0.00", Invariant) + " µs",
                _ => nanoseconds.ToString("0.0", Invariant) + " ns",
            };

        private static string Bytes(double bytes)
            => double.IsNaN(bytes) ? "-" : Math.Abs(bytes) >= 1024 * 1024 ? (bytes / 1024 / 1024).ToString("0.00", Invariant) + " MB" : Math.Abs(bytes) >= 1024 ? (bytes / 1024).ToString("0.00", Invariant) + " KB" : bytes.ToString("0", Invariant) + " B";

        private sealed record Row(string Bar, string Figure, string Anchor, string Ratio, string Target, string Verdict);
    }
}
