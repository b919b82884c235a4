using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Corpus
{
    /// <summary>Specs nobody in this project wrote (<c>../shared/corpus</c>): the generator is general, not YEScale-shaped.</summary>
    public class CorpusTests
    {
        private readonly ITestOutputHelper _output;

        public CorpusTests(ITestOutputHelper output) => _output = output;

        public static TheoryData<string> AllCorpusSpecs()
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Paths.Corpus, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".json") || f.EndsWith(".yaml")).OrderBy(f => f))
            {
                data.Add(Path.GetRelativePath(Paths.Corpus, file));
            }

            // Specs outside the corpus join when YESCALE_PROBE_SPECS names a folder of them (absolute paths).
            foreach (var file in Paths.ExtraSpecs)
            {
                data.Add(file);
            }

            return data;
        }

        [Fact]
        public void Petstore_gets_a_compiling_client_with_no_generator_warnings()
        {
            var result = GeneratorHarness.Run(SpecFile.FromDisk(Path.Combine(Paths.Corpus, "oai", "petstore.yaml")));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.SwaggerPetstore.SwaggerPetstoreClient.g.cs");
            Assert.Contains("ListPetsAsync(int? limit = null,", client);
            Assert.Contains("ShowPetByIdAsync(string petId,", client);
            Assert.Contains("CreatePetsAsync(Pet body, global::YEScale.Toolkit.RequestOptions? requestOptions = null, global::System.Threading.CancellationToken cancellationToken = default)", client);
            Assert.Contains("new global::System.Uri(\"http://petstore.swagger.io/v1\")", client);
            Assert.Contains("Consumer.SwaggerPetstore.Pet.g.cs", result.Sources.Select(s => s.HintName));
        }

        /// <summary>
        /// Every document generates, with no generator warning, and compiles with nullable annotations on and no warning
        /// (as with TreatWarningsAsErrors). Prints spec, operations, schemas and generation time.
        /// </summary>
        [Theory]
        [MemberData(nameof(AllCorpusSpecs))]
        public void Every_corpus_spec_generates_without_warnings_and_compiles_warning_free(string relativePath)
        {
            var spec = SpecFile.FromDisk(Path.Combine(Paths.Corpus, relativePath));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = GeneratorHarness.Run(spec);
            var generation = clock.Elapsed;

            Assert.All(result.RunResult.Results, r => Assert.Null(r.Exception));
            var client = result.Sources.Select(s => s.SourceText.ToString()).First(s => s.Contains(" : global::System.Object") || s.Contains("protected global::YEScale.Toolkit.Http.ApiPipeline Pipeline"));
            var operations = System.Text.RegularExpressions.Regex.Matches(client, @"public virtual async [^\n]*Async\(").Count;
            _output.WriteLine($"| {relativePath} | {operations} operations | {result.Sources.Count - 1} schemas | {generation.TotalMilliseconds:0} ms |");
            foreach (var diagnostic in result.Diagnostics)
            {
                _output.WriteLine(diagnostic.ToString());
            }

            Assert.Empty(result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            Assert.NotEmpty(result.Sources);
            var problems = result.CompilationProblems;
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        }
    }
}
