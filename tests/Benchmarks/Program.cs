using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using YEScale.Toolkit.Benchmarks.Generation;
using YEScale.Toolkit.Benchmarks.Polling;
using YEScale.Toolkit.Benchmarks.Reporting;

namespace YEScale.Toolkit.Benchmarks
{
    /// <summary>
    /// dotnet run -c Release --project tests/Benchmarks [-- options]
    ///   --job default|short|dry   default: 3 warm-ups, 10 iterations; short: 1 and 3; dry: everything once (a smoke run)
    ///   --polling-tasks N         tasks in the polling measurement (default 1000); --no-polling skips it, --polling-only runs only it
    ///   --code-cost-spec NAME=PATH  also measure the generated code of this document (repeatable; e.g. a multi-MB vendor spec)
    ///   --code-cost-runs N        timed compilations per side (default 5); --no-code-cost skips it, --code-cost-only runs only it
    ///   --code-cost-breakdown     also print each side's binding time by kind of type (model, converter, enum, union, client)
    ///   --code-cost-name NAME     measure only the spec of this name (repeatable: yescale, discord, twilio or a --code-cost-spec name)
    ///   anything else goes to BenchmarkDotNet (--filter '*Cold*', --anyCategories client-call, --list flat, ...)
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            RunSettings settings;
            try
            {
                settings = RunSettings.Parse(args);
            }
            catch (ArgumentException exception)
            {
                Console.Error.WriteLine(exception.Message);
                return 2;
            }

            Console.WriteLine("// YEScale Toolkit benchmarks: " + MachineInfo.Describe());
            Console.WriteLine($"// job '{settings.JobName}'; polling: {(settings.PollingTasks > 0 && !settings.CodeCostOnly ? settings.PollingTasks + " tasks" : "skipped")}; generated code cost: {(settings.CodeCostRuns > 0 ? settings.CodeCostRuns + " runs per side" : "skipped")}");

            if (settings.CodeCostRuns > 0)
            {
                foreach (var spec in BenchSpec.Names.Select(name => CodeCostSpec.Of(BenchSpec.Get(name))).Concat(settings.CodeCostSpecs)
                             .Where(spec => settings.CodeCostNames.Count == 0 || settings.CodeCostNames.Contains(spec.Name)))
                {
                    Console.WriteLine($"// generated code cost: {spec.Name} ({spec.Path})");
                    Findings.CodeCost.Add(GeneratedCodeCost.Measure(spec, settings.CodeCostRuns, settings.CodeCostBreakdown));
                }
            }

            if (settings.PollingTasks > 0 && !settings.CodeCostOnly)
            {
                foreach (var scenario in new[] { PollingScenario.SimulatorDefaults(), PollingScenario.OneMinuteTasksCompressed() })
                {
                    Findings.Polling.Add(await PollingMeasurement.RunAsync(scenario, settings.PollingTasks));
                }
            }

            var summaries = new List<Summary>();
            if (!settings.PollingOnly && !settings.CodeCostOnly)
            {
                summaries.AddRange(BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(settings.BenchmarkArguments, CreateConfig(settings)));
            }

            var report = new Report(summaries, Findings.Polling);
            report.Print(Console.Out);
            return report.AnyBenchmarkFailed ? 1 : 0;
        }

        private static IConfig CreateConfig(RunSettings settings)
        {
            // In-process: no child build or process per benchmark (the run stays a few minutes on 2 cores, and the checks the
            // benchmarks make in their setup reach the report). The cost is isolation; see docs/performance.md.
            var job = settings.JobName switch
            {
                "dry" => Job.Dry,
                "short" => new Job("Short").WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3),
                _ => new Job("Default").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10),
            };

            return DefaultConfig.Instance
                .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).WithId(settings.JobName))
                .AddDiagnoser(MemoryDiagnoser.Default)
                .WithOptions(ConfigOptions.DisableLogFile);
        }
    }

    internal sealed class RunSettings
    {
        public string JobName { get; private set; } = "default";

        public int PollingTasks { get; private set; } = 1000;

        public bool PollingOnly { get; private set; }

        public int CodeCostRuns { get; private set; } = 5;

        public bool CodeCostOnly { get; private set; }

        public bool CodeCostBreakdown { get; private set; }

        public List<CodeCostSpec> CodeCostSpecs { get; } = new();

        /// <summary>When not empty, only the specs of these names are measured (<c>--code-cost-name</c>, for quick comparisons).</summary>
        public HashSet<string> CodeCostNames { get; } = new(StringComparer.Ordinal);

        public string[] BenchmarkArguments { get; private set; } = Array.Empty<string>();

        public static RunSettings Parse(string[] args)
        {
            var settings = new RunSettings();
            var rest = new List<string>();
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--job" or "-j":
                        settings.JobName = Value(args, ref i).ToLowerInvariant() switch
                        {
                            "default" => "default",
                            "short" or "shortrun" => "short",
                            "dry" => "dry",
                            var other => throw new ArgumentException($"Unknown job '{other}': use default, short or dry."),
                        };
                        break;
                    case "--polling-tasks":
                        settings.PollingTasks = int.TryParse(Value(args, ref i), out var count) && count > 0 ? count : throw new ArgumentException("--polling-tasks takes a positive number.");
                        break;
                    case "--no-polling":
                        settings.PollingTasks = 0;
                        break;
                    case "--polling-only":
                        settings.PollingOnly = true;
                        settings.CodeCostRuns = 0;
                        break;
                    case "--code-cost-spec":
                        settings.CodeCostSpecs.Add(CodeCostSpec.Parse(Value(args, ref i)));
                        break;
                    case "--code-cost-name":
                        settings.CodeCostNames.Add(Value(args, ref i));
                        break;
                    case "--code-cost-runs":
                        settings.CodeCostRuns = int.TryParse(Value(args, ref i), out var runs) && runs > 0 ? runs : throw new ArgumentException("--code-cost-runs takes a positive number.");
                        break;
                    case "--no-code-cost":
                        settings.CodeCostRuns = 0;
                        break;
                    case "--code-cost-breakdown":
                        settings.CodeCostBreakdown = true;
                        break;
                    case "--code-cost-only":
                        settings.CodeCostOnly = true;
                        break;
                    default:
                        rest.Add(args[i]);
                        break;
                }
            }

            // Without a filter BenchmarkDotNet asks which benchmarks to run; the documented command runs them all.
            if (!rest.Any(arg => arg is "--filter" or "-f" or "--list" or "--anyCategories" or "--allCategories"))
            {
                rest.Add("--filter");
                rest.Add("*");
            }

            settings.BenchmarkArguments = rest.ToArray();
            return settings;
        }

        private static string Value(string[] args, ref int i)
            => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value.");
    }
}
