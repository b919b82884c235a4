using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using YEScale.Toolkit.Generator;

namespace YEScale.Toolkit.Benchmarks.Generation
{
    /// <summary>
    /// Hosts <see cref="OpenApiClientGenerator"/> in a <see cref="CSharpGeneratorDriver"/> with what MSBuild would
    /// hand it: the spec as an AdditionalFiles item tagged <c>SourceItemType=OpenApiSpec</c>, plus a small consumer
    /// compilation.
    /// </summary>
    internal static class GeneratorHost
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator)
                .Where(path => Path.GetFileName(path) is { } name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
                .Append(typeof(YEScale.Toolkit.Http.ApiPipeline).Assembly.Location)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray());

        /// <summary>The consumer's own code: one file, which the warm benchmark edits.</summary>
        public static SyntaxTree ProgramTree(int answer)
            => CSharpSyntaxTree.ParseText("namespace Consumer { public static class Program { public static int Main() => " + answer + "; } }", ParseOptions, path: "Program.cs");

        public static CSharpCompilation CreateCompilation(SyntaxTree program)
            => CSharpCompilation.Create(
                "Consumer",
                new[] { program },
                References.Value,
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        public static GeneratorDriver CreateDriver(BenchSpec spec, AdditionalText text, bool trackSteps)
            => CSharpGeneratorDriver.Create(
                new[] { new OpenApiClientGenerator().AsSourceGenerator() },
                new[] { text },
                ParseOptions,
                new SpecOptions(text.Path, spec.Namespace, spec.ClientName),
                new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

        public static AdditionalText Text(BenchSpec spec, string content) => new SpecText(spec.Path, content);

        /// <summary>Generated files and their total size, and the errors among the diagnostics (to check a run did its work).</summary>
        public static (int Files, long Chars, int Errors, int Warnings) Describe(GeneratorDriver driver)
        {
            var run = driver.GetRunResult();
            var sources = run.Results.SelectMany(result => result.GeneratedSources).ToList();
            return (sources.Count, sources.Sum(source => (long)source.SourceText.Length),
                run.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error),
                run.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning));
        }

        /// <summary>The generator's own pipeline steps (its TrackingNames), not Roslyn's input nodes such as Compilation.</summary>
        public static IReadOnlyList<string> GeneratorSteps { get; } = typeof(OpenApiClientGenerator.TrackingNames)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        /// <summary>Every output of each of the generator's steps and of its source output in the last run, by step name.</summary>
        public static IReadOnlyDictionary<string, IReadOnlyList<IncrementalStepRunReason>> StepReasons(GeneratorDriver driver)
        {
            var result = driver.GetRunResult().Results.Single();
            var reasons = new SortedDictionary<string, IReadOnlyList<IncrementalStepRunReason>>(StringComparer.Ordinal);
            foreach (var name in GeneratorSteps)
            {
                reasons[name] = result.TrackedSteps.TryGetValue(name, out var runs)
                    ? runs.SelectMany(run => run.Outputs).Select(output => output.Reason).ToList()
                    : Array.Empty<IncrementalStepRunReason>();
            }

            foreach (var step in result.TrackedOutputSteps)
            {
                reasons["output:" + step.Key] = step.Value.SelectMany(run => run.Outputs).Select(output => output.Reason).ToList();
            }

            return reasons;
        }

        private sealed class SpecText : AdditionalText
        {
            private readonly SourceText _text;

            public SpecText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }

        /// <summary>The item metadata and global properties the build props make visible to the compiler.</summary>
        private sealed class SpecOptions : AnalyzerConfigOptionsProvider
        {
            private readonly string _specPath;
            private readonly Options _spec;

            public SpecOptions(string specPath, string? @namespace, string? clientName)
            {
                _specPath = specPath;
                var values = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.SourceItemType"] = "OpenApiSpec" };
                if (@namespace != null)
                {
                    values["build_metadata.AdditionalFiles.OpenApiNamespace"] = @namespace;
                }

                if (clientName != null)
                {
                    values["build_metadata.AdditionalFiles.OpenApiClientName"] = clientName;
                }

                _spec = new Options(values);
                GlobalOptions = new Options(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Consumer" });
            }

            public override AnalyzerConfigOptions GlobalOptions { get; }

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => textFile.Path == _specPath ? _spec : Options.Empty;
        }

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
