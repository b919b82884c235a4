using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YEScale.Toolkit.Benchmarks.Reporting;

namespace YEScale.Toolkit.Benchmarks.Generation
{
    /// <summary>
    /// The generator inside a long-lived driver, as in the IDE or the compiler server: the re-run after an edit to an
    /// unrelated C# file (every step must come back Cached or Unchanged; checked before and after timing), and the
    /// re-run after an edit to the spec (that spec is parsed and emitted again).
    /// </summary>
    [BenchmarkCategory("generator-warm")]
    public class WarmGenerationBenchmarks
    {
        private BenchSpec _spec = null!;
        private SyntaxTree _programA = null!;
        private SyntaxTree _programB = null!;
        private CSharpCompilation _compilation = null!;
        private CSharpCompilation _trackedCompilation = null!;
        private GeneratorDriver _untrackedDriver = null!;
        private GeneratorDriver _unrelatedDriver = null!;
        private GeneratorDriver _specDriver = null!;
        private AdditionalText _currentText = null!;
        private AdditionalText _originalText = null!;
        private AdditionalText _editedText = null!;
        private CSharpCompilation _specCompilation = null!;

        [ParamsSource(nameof(Specs))]
        public string Spec { get; set; } = "yescale";

        public static IEnumerable<string> Specs => BenchSpec.Names;

        [GlobalSetup]
        public void Setup()
        {
            _spec = BenchSpec.Get(Spec);
            _programA = GeneratorHost.ProgramTree(0);
            _programB = GeneratorHost.ProgramTree(42);
            _originalText = GeneratorHost.Text(_spec, _spec.Text);
            _editedText = GeneratorHost.Text(_spec, _spec.EditedText);

            // Two drivers on the same inputs: one as the compiler runs it (no step tracking), one that records its steps so
            // that each run can be checked. Both are timed.
            _compilation = GeneratorHost.CreateCompilation(_programA);
            _untrackedDriver = GeneratorHost.CreateDriver(_spec, _originalText, trackSteps: false).RunGenerators(_compilation);
            _trackedCompilation = GeneratorHost.CreateCompilation(_programA);
            _unrelatedDriver = GeneratorHost.CreateDriver(_spec, _originalText, trackSteps: true).RunGenerators(_trackedCompilation);
            var before = GeneratorHost.Describe(_unrelatedDriver);
            UnrelatedEdit_Tracked();
            var check = Check("setup");
            UnrelatedEdit_Tracked();
            check &= Check("setup, second edit");
            Findings.SetWarmCacheCheck(Spec, check);
            if (GeneratorHost.Describe(UnrelatedEdit()) != before)
            {
                throw new InvalidOperationException("The untracked driver's output differs from the tracked one's.");
            }

            _specCompilation = GeneratorHost.CreateCompilation(_programA);
            _currentText = _originalText;
            _specDriver = GeneratorHost.CreateDriver(_spec, _originalText, trackSteps: false).RunGenerators(_specCompilation);
            var originalSources = Sources(_specDriver);
            SpecEdit();
            var editedSources = Sources(_specDriver);
            var changed = originalSources.Keys.Count(name => !editedSources.TryGetValue(name, out var text) || text != originalSources[name]);
            if (changed == 0)
            {
                throw new InvalidOperationException($"The spec edit for {Spec} changed no generated file; it would not measure a re-run.");
            }

            Findings.Note($"warm/{Spec}", $"{Spec}: {before.Files} generated files; the spec edit changes {changed} of them");
        }

        [GlobalCleanup]
        public void Cleanup() => Findings.SetWarmCacheCheck(Spec, Findings.WarmCacheCheck(Spec) != false && Check("after timing"));

        /// <summary>
        /// A new compilation in which the consumer's Program.cs changed (as after a keystroke), then the re-run, as the
        /// compiler does it (no step tracking).
        /// </summary>
        [Benchmark]
        public GeneratorDriver UnrelatedEdit()
        {
            var current = _compilation.SyntaxTrees.Single();
            _compilation = _compilation.ReplaceSyntaxTree(current, ReferenceEquals(current, _programA) ? _programB : _programA);
            return _untrackedDriver = _untrackedDriver.RunGenerators(_compilation);
        }

        /// <summary>The same with step tracking on: the driver whose steps are checked Cached/Unchanged before and after timing.</summary>
        [Benchmark]
        public GeneratorDriver UnrelatedEdit_Tracked()
        {
            var current = _trackedCompilation.SyntaxTrees.Single();
            _trackedCompilation = _trackedCompilation.ReplaceSyntaxTree(current, ReferenceEquals(current, _programA) ? _programB : _programA);
            return _unrelatedDriver = _unrelatedDriver.RunGenerators(_trackedCompilation);
        }

        /// <summary>The same new compilation without running the generator: the part of UnrelatedEdit that is not the generator's.</summary>
        [Benchmark]
        public Compilation UnrelatedEdit_CompilationOnly()
        {
            var current = _compilation.SyntaxTrees.Single();
            return _compilation = _compilation.ReplaceSyntaxTree(current, ReferenceEquals(current, _programA) ? _programB : _programA);
        }

        /// <summary>The spec's text changes (alternately edited and restored), then the re-run.</summary>
        [Benchmark(Baseline = true)]
        public GeneratorDriver SpecEdit()
        {
            var next = ReferenceEquals(_currentText, _originalText) ? _editedText : _originalText;
            _specDriver = _specDriver.ReplaceAdditionalText(_currentText, next).RunGenerators(_specCompilation);
            _currentText = next;
            return _specDriver;
        }

        private static Dictionary<string, string> Sources(GeneratorDriver driver)
            => driver.GetRunResult().Results.SelectMany(result => result.GeneratedSources).ToDictionary(source => source.HintName, source => source.SourceText.ToString(), StringComparer.Ordinal);

        /// <summary>
        /// True when every step of the generator's pipeline (each name in its TrackingNames, none missing) and its source
        /// output came back Cached or Unchanged in the last unrelated-edit run; prints any that did not. Roslyn's own input
        /// nodes are left out: the Compilation node is Modified by definition, it is the edit.
        /// </summary>
        private bool Check(string when)
        {
            var reasons = GeneratorHost.StepReasons(_unrelatedDriver);
            var bad = reasons.Where(step => step.Value.Count == 0 || step.Value.Any(reason => reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))).ToList();
            var summary = string.Join(", ", reasons.Select(step => step.Key + " " + string.Join("/", step.Value.GroupBy(r => r).Select(g => g.Key + (g.Count() > 1 ? "x" + g.Count() : string.Empty)))));
            Findings.Note($"warm-steps/{Spec}/{when}", $"{Spec}, unrelated edit ({when}): {summary}");
            foreach (var step in bad)
            {
                Console.WriteLine($"// !! {Spec}: step {step.Key} re-ran after an unrelated edit: {string.Join(", ", step.Value)}");
            }

            return bad.Count == 0;
        }
    }
}
