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

namespace YEScale.Toolkit.Generator.Tests.Infrastructure
{
    /// <summary>One spec handed to the generator, as the build props would hand it (AdditionalFiles plus item metadata).</summary>
    internal sealed record SpecFile(string Path, string Text, string? Namespace = null, string? ClientName = null, string SourceItemType = "OpenApiSpec", string? Accessibility = null)
    {
        public static SpecFile FromDisk(string path, string? @namespace = null, string? clientName = null, string? accessibility = null)
            => new SpecFile(path, File.ReadAllText(path), @namespace, clientName, Accessibility: accessibility);
    }

    /// <summary>Runs the generator through <see cref="CSharpGeneratorDriver"/> and compiles what it produces.</summary>
    internal static class GeneratorHarness
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

        public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12);

        public static GeneratorDriver CreateDriver(IEnumerable<SpecFile> specs, string? rootNamespace = "Consumer", CSharpParseOptions? parseOptions = null, bool trackSteps = false)
            => CreateDriver(specs, out _, rootNamespace, parseOptions, trackSteps);

        public static GeneratorDriver CreateDriver(IEnumerable<SpecFile> specs, out ImmutableArray<AdditionalText> texts, string? rootNamespace = "Consumer", CSharpParseOptions? parseOptions = null, bool trackSteps = false)
        {
            var files = specs.ToList();
            texts = files.Select(file => (AdditionalText)new InMemoryAdditionalText(file.Path, file.Text)).ToImmutableArray();
            return CSharpGeneratorDriver.Create(
                new[] { new OpenApiClientGenerator().AsSourceGenerator() },
                texts,
                parseOptions ?? ParseOptions,
                new TestOptionsProvider(files, rootNamespace),
                new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
        }

        public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(Enumerable.Empty<MetadataReference>(), sources);

        /// <summary>A compilation with <paramref name="extra"/> references beside the usual ones (the runtime, the framework).</summary>
        public static CSharpCompilation CreateCompilation(IEnumerable<MetadataReference> extra, params string[] sources)
            => CSharpCompilation.Create(
                "Consumer",
                sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
                References.Value.AddRange(extra),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999)
                    // As the SDK does: the runtime library is built against an older framework than the test host's.
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

        /// <summary>Runs the generator once over the specs and returns the run and the compilation with its output.</summary>
        public static GeneratorResult Run(params SpecFile[] specs) => Run(specs, "Consumer");

        public static GeneratorResult Run(IEnumerable<SpecFile> specs, string? rootNamespace)
        {
            var driver = CreateDriver(specs, rootNamespace);
            var compilation = CreateCompilation("namespace Consumer { internal static class Program { } }");
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics, CancellationToken.None);
            return new GeneratorResult(driver.GetRunResult(), output, generatorDiagnostics);
        }

        private static ImmutableArray<MetadataReference> LoadReferences()
        {
            var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            return trusted
                .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
                .Append(typeof(YEScale.Toolkit.Http.ApiPipeline).Assembly.Location)
                .Append(typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly.Location)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }

        internal sealed class InMemoryAdditionalText : AdditionalText
        {
            private readonly SourceText _text;

            public InMemoryAdditionalText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }

        private sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
        {
            private readonly Dictionary<string, DictionaryOptions> _byPath;

            public TestOptionsProvider(IEnumerable<SpecFile> files, string? rootNamespace)
            {
                var global = new Dictionary<string, string>();
                if (rootNamespace != null)
                {
                    global["build_property.RootNamespace"] = rootNamespace;
                }

                GlobalOptions = new DictionaryOptions(global);
                _byPath = files.ToDictionary(
                    file => file.Path,
                    file =>
                    {
                        var values = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.SourceItemType"] = file.SourceItemType };
                        if (file.Namespace != null)
                        {
                            values["build_metadata.AdditionalFiles.OpenApiNamespace"] = file.Namespace;
                        }

                        if (file.ClientName != null)
                        {
                            values["build_metadata.AdditionalFiles.OpenApiClientName"] = file.ClientName;
                        }

                        if (file.Accessibility != null)
                        {
                            values["build_metadata.AdditionalFiles.OpenApiAccessibility"] = file.Accessibility;
                        }

                        return new DictionaryOptions(values);
                    });
            }

            public override AnalyzerConfigOptions GlobalOptions { get; }

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
                => _byPath.TryGetValue(textFile.Path, out var options) ? options : DictionaryOptions.Empty;
        }

        private sealed class DictionaryOptions : AnalyzerConfigOptions
        {
            public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

            private readonly Dictionary<string, string> _values;

            public DictionaryOptions(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }

    internal sealed record GeneratorResult(GeneratorDriverRunResult RunResult, Compilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics)
    {
        public IReadOnlyList<GeneratedSourceResult> Sources => RunResult.Results.SelectMany(result => result.GeneratedSources).ToList();

        public ImmutableArray<Diagnostic> Diagnostics => RunResult.Diagnostics;

        /// <summary>Errors and warnings from compiling the generated code (hidden and info diagnostics left out).</summary>
        public IReadOnlyList<Diagnostic> CompilationProblems
            => Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

        public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();
    }
}
