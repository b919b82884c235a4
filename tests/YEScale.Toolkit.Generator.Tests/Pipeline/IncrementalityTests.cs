using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Pipeline
{
    /// <summary>Proves the pipeline caches: unrelated edits re-run nothing, spec edits regenerate.</summary>
    public class IncrementalityTests
    {
        private static readonly string[] TrackedSteps =
        {
            OpenApiClientGenerator.TrackingNames.SpecInputs,
            OpenApiClientGenerator.TrackingNames.SpecModels,
            OpenApiClientGenerator.TrackingNames.LanguageVersion,
            OpenApiClientGenerator.TrackingNames.NameClaims,
            OpenApiClientGenerator.TrackingNames.HostingSupport,
            OpenApiClientGenerator.TrackingNames.AdapterSupport,
            OpenApiClientGenerator.TrackingNames.NullFlowAttributes,
            OpenApiClientGenerator.TrackingNames.ReferencedClients,
            OpenApiClientGenerator.TrackingNames.AdditionalDocuments,
            OpenApiClientGenerator.TrackingNames.DocumentSet,
        };

        private static (GeneratorDriver Driver, CSharpCompilation Compilation, SpecFile Spec, AdditionalText Text) FirstRun()
        {
            var spec = SpecFile.FromDisk(Paths.YEScaleSpec, "YEScale", "YEScaleClient");
            var driver = GeneratorHarness.CreateDriver(new[] { spec }, out var texts, trackSteps: true);
            var compilation = GeneratorHarness.CreateCompilation("namespace Consumer { public class Program { public static int Main() => 0; } }");
            driver = driver.RunGenerators(compilation);
            return (driver, compilation, spec, texts.Single());
        }

        [Fact]
        public void An_edit_to_an_unrelated_csharp_file_leaves_every_step_cached_or_unchanged()
        {
            var (driver, compilation, _, _) = FirstRun();
            var oldTree = compilation.SyntaxTrees.First();
            var edited = compilation.ReplaceSyntaxTree(oldTree, CSharpSyntaxTree.ParseText("namespace Consumer { public class Program { public static int Main() => 42; } }", GeneratorHarness.ParseOptions));

            var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

            foreach (var name in TrackedSteps)
            {
                Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} was not tracked");
                var reasons = result.TrackedSteps[name].SelectMany(step => step.Outputs).Select(output => output.Reason).ToList();
                Assert.NotEmpty(reasons);
                Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}"));
            }

            var outputs = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        }

        [Fact]
        public void An_edit_to_the_spec_regenerates_the_model_and_the_source()
        {
            var (driver, compilation, spec, additional) = FirstRun();
            var before = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "YEScale.SeedanceClient.g.cs").SourceText.ToString();
            var editedSpec = spec.Text.Replace("summary: Get a Seedance video generation task by its id.", "summary: Fetch one Seedance task.");
            Assert.NotEqual(spec.Text, editedSpec);

            driver = driver.ReplaceAdditionalText(additional, new GeneratorHarness.InMemoryAdditionalText(spec.Path, editedSpec));
            var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

            var modelReasons = result.TrackedSteps[OpenApiClientGenerator.TrackingNames.SpecModels].SelectMany(step => step.Outputs).Select(o => o.Reason);
            Assert.Contains(IncrementalStepRunReason.Modified, modelReasons);
            var after = result.GeneratedSources.Single(s => s.HintName == "YEScale.SeedanceClient.g.cs").SourceText.ToString();
            Assert.NotEqual(before, after);
            Assert.Contains("Fetch one Seedance task.", after);
        }

        [Fact]
        public void Step_outputs_hold_no_compilation_symbols_syntax_or_parser_objects()
        {
            var (driver, _, _, _) = FirstRun();
            var result = driver.GetRunResult().Results.Single();
            foreach (var name in TrackedSteps)
            {
                foreach (var output in result.TrackedSteps[name].SelectMany(step => step.Outputs))
                {
                    AssertGraphIsPlainData(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }

        private static void AssertGraphIsPlainData(object? node, string path, HashSet<object> visited)
        {
            if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || !visited.Add(node))
            {
                return;
            }

            var type = node.GetType();
            Assert.False(node is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel, $"{path} holds a {type.Name}");
            var assembly = type.Assembly.GetName().Name ?? string.Empty;
            Assert.False(assembly.StartsWith("NSwag", StringComparison.Ordinal) || assembly.StartsWith("NJsonSchema", StringComparison.Ordinal) || assembly.StartsWith("Newtonsoft", StringComparison.Ordinal), $"{path} holds a {type.FullName}");

            if (node is IEnumerable sequence)
            {
                var index = 0;
                foreach (var item in sequence)
                {
                    AssertGraphIsPlainData(item, $"{path}[{index++}]", visited);
                }

                return;
            }

            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                AssertGraphIsPlainData(field.GetValue(node), path + "." + field.Name, visited);
            }
        }
    }
}
