using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace YEScale.Toolkit.Benchmarks.Generation
{
    /// <summary>One document whose generated code is measured: a benchmark spec, or any spec named on the command line.</summary>
    internal sealed record CodeCostSpec(string Name, string Path, string? Namespace, string? ClientName)
    {
        public static CodeCostSpec Of(BenchSpec spec) => new(spec.Name, spec.Path, spec.Namespace, spec.ClientName);

        /// <summary>NAME=PATH, as <c>--code-cost-spec</c> takes it.</summary>
        public static CodeCostSpec Parse(string argument)
        {
            var at = argument.IndexOf('=');
            var (name, path) = at > 0 ? (argument.Substring(0, at), argument.Substring(at + 1)) : (System.IO.Path.GetFileNameWithoutExtension(argument), argument);
            return File.Exists(path) ? new CodeCostSpec(name, System.IO.Path.GetFullPath(path), null, null) : throw new ArgumentException("--code-cost-spec: no file at " + path);
        }
    }

    /// <summary>What the generated code of one document costs its consumer, the toolkit's against NSwag's.</summary>
    internal sealed record CodeCostResult(
        CodeCostSpec Spec,
        long SpecBytes,
        int ToolkitFiles,
        int ToolkitLines,
        long ToolkitChars,
        int NSwagLines,
        long NSwagChars,
        double ToolkitCompileMs,
        double NSwagCompileMs,
        double ToolkitDocBindMs,
        double NSwagDocBindMs,
        string Phase,
        int ToolkitErrors,
        int NSwagErrors,
        int Runs)
    {
        public double LineRatio => (double)ToolkitLines / NSwagLines;

        public double CompileRatio => ToolkitCompileMs / NSwagCompileMs;

        public double DocBindRatio => ToolkitDocBindMs / NSwagDocBindMs;
    }

    /// <summary>
    /// The cost a user pays on every build for the code a generator wrote: its lines, and the compiler's time on it. Both
    /// generators' outputs for the same document are compiled here, in this process, with the same Roslyn, the same
    /// references and the same options, alternating between the two, after three untimed rounds of each; the figure is
    /// the median. "Compile" is what csc does for a project: parse, bind every member and body, lower and emit (to memory,
    /// optimized, concurrent build on, doc comments not parsed as in a command-line build without a documentation file).
    /// When one side does not compile (NSwag's output has errors for some specs), both are timed up to binding instead
    /// (parse and <c>GetDiagnostics</c>), and the phase says so. A second figure binds with doc comments parsed, as the
    /// IDE does and as a build with GenerateDocumentationFile does: then every doc comment and cref costs too.
    /// </summary>
    internal static class GeneratedCodeCost
    {
        private static readonly CSharpParseOptions Parse = new(LanguageVersion.CSharp12, DocumentationMode.None);

        /// <summary>As the IDE parses, and a build with GenerateDocumentationFile: doc comments are structured and their crefs bound.</summary>
        private static readonly CSharpParseOptions ParseDocs = new(LanguageVersion.CSharp12, DocumentationMode.Parse);

        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(System.IO.Path.PathSeparator)
                .Where(path => System.IO.Path.GetFileName(path) is { } name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll"))
                .Append(typeof(YEScale.Toolkit.Http.ApiPipeline).Assembly.Location)
                .Append(typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly.Location)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray());

        public static CodeCostResult Measure(CodeCostSpec spec, int runs, bool breakdown = false)
        {
            var text = File.ReadAllText(spec.Path);
            var toolkit = ToolkitSources(spec, text);
            var nswag = new[] { NSwagSource(spec, text) };

            // An untimed compilation of each first: JIT and Roslyn's own caches warm for both sides alike.
            var toolkitErrors = Errors(toolkit);
            var nswagErrors = Errors(nswag);
            var emit = toolkitErrors == 0 && nswagErrors == 0;

            // And untimed rounds as timed: Roslyn's own code reaches its optimized JIT tier before anything counts (the
            // first compilations of a process run several times slower, whatever is compiled).
            for (var warmUp = 0; warmUp < 3; warmUp++)
            {
                Compile(toolkit, emit);
                Compile(nswag, emit);
                Compile(toolkit, emit: false, ParseDocs);
                Compile(nswag, emit: false, ParseDocs);
            }

            if (breakdown)
            {
                Console.WriteLine($"// binding by kind of type, {spec.Name} (doc comments not parsed; the mean of {runs} rounds)");
                BindingBreakdown.Print("toolkit", Compilation(toolkit), runs);
                BindingBreakdown.Print("NSwag", Compilation(nswag), runs);
            }

            var toolkitTimes = new List<double>();
            var nswagTimes = new List<double>();
            var toolkitDocTimes = new List<double>();
            var nswagDocTimes = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                toolkitTimes.Add(Compile(toolkit, emit));
                nswagTimes.Add(Compile(nswag, emit));
                toolkitDocTimes.Add(Compile(toolkit, emit: false, ParseDocs));
                nswagDocTimes.Add(Compile(nswag, emit: false, ParseDocs));
            }

            return new CodeCostResult(
                spec,
                new FileInfo(spec.Path).Length,
                toolkit.Count,
                toolkit.Sum(Lines),
                toolkit.Sum(source => (long)source.Length),
                Lines(nswag[0]),
                nswag[0].Length,
                Median(toolkitTimes),
                Median(nswagTimes),
                Median(toolkitDocTimes),
                Median(nswagDocTimes),
                emit ? "parse, bind, emit" : "parse and bind (one side has errors)",
                toolkitErrors,
                nswagErrors,
                runs);
        }

        /// <summary>The toolkit's files as a build of the consumer gets them.</summary>
        private static IReadOnlyList<string> ToolkitSources(CodeCostSpec spec, string text)
        {
            var bench = BenchSpecFor(spec);
            var driver = GeneratorHost.CreateDriver(bench, GeneratorHost.Text(bench, text), trackSteps: false)
                .RunGenerators(GeneratorHost.CreateCompilation(GeneratorHost.ProgramTree(0)));
            var run = driver.GetRunResult();
            var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"The generator reported errors for {spec.Name}: {string.Join("; ", errors.Take(3))}");
            }

            return run.Results.SelectMany(result => result.GeneratedSources).Select(source => source.SourceText.ToString()).ToList();
        }

        private static string NSwagSource(CodeCostSpec spec, string text)
        {
            var bench = BenchSpecFor(spec);
            var document = NSwagBaseline.Parse(bench.IsYaml, text);
            return NSwagBaseline.Generate(document, NSwagBaseline.Settings(spec.ClientName ?? "ApiClient", spec.Namespace ?? "NSwagGenerated"));
        }

        private static BenchSpec BenchSpecFor(CodeCostSpec spec) => BenchSpec.Describe(spec.Name, spec.Path, spec.Namespace, spec.ClientName);

        private static CSharpCompilation Compilation(IReadOnlyList<string> sources, CSharpParseOptions? options = null)
            => CSharpCompilation.Create(
                "Generated",
                sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, options ?? Parse, path: "Generated" + i + ".cs")),
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, concurrentBuild: true));

        private static int Errors(IReadOnlyList<string> sources)
        {
            var errors = Compilation(sources).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            foreach (var error in errors.Take(3))
            {
                Console.WriteLine("//   error: " + error);
            }

            return errors.Count;
        }

        private static double Compile(IReadOnlyList<string> sources, bool emit, CSharpParseOptions? options = null)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var watch = Stopwatch.StartNew();
            var compilation = Compilation(sources, options);
            if (emit)
            {
                using var image = new MemoryStream();
                var result = compilation.Emit(image);
                if (!result.Success)
                {
                    throw new InvalidOperationException("Emit failed after a clean GetDiagnostics.");
                }
            }
            else
            {
                compilation.GetDiagnostics();
            }

            return watch.Elapsed.TotalMilliseconds;
        }

        private static int Lines(string text)
        {
            var lines = 0;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    lines++;
                }
            }

            return text.Length > 0 && text[text.Length - 1] != '\n' ? lines + 1 : lines;
        }

        private static double Median(List<double> values)
        {
            values.Sort();
            return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
        }
    }
}
