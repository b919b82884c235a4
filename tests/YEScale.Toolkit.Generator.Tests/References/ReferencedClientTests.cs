using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.References
{
    /// <summary>
    /// Two projects that list the same document: accessibility decides what each sees, and a project that sees the
    /// client in a reference uses it (YSG011) or is told how to avoid the clash (YSG012), instead of generating it again.
    /// </summary>
    public class ReferencedClientTests
    {
        private const string Tiny = "openapi: 3.0.0\ninfo:\n  title: Tiny\n  version: '1'\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Pet' }\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        name: { type: string }\n";

        private const string Consumer = "namespace App { internal static class Program { public static Tiny.TinyClient Make(System.Net.Http.HttpClient http) => new Tiny.TinyClient(http); public static string? Name(Tiny.Pet pet) => pet.Name; } }";

        [Fact]
        public void Without_Accessibility_the_generated_types_are_internal()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/tiny.yaml", Tiny, "Tiny"));

            Assert.Contains("internal partial class TinyClient", result.Source("Tiny.TinyClient.g.cs"));
            Assert.Contains("internal partial class Pet", result.Source("Tiny.Pet.g.cs"));
            Assert.Contains("internal sealed class PetJsonConverter", result.Source("Tiny.Pet.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void Accessibility_Public_makes_the_client_models_and_converters_public()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/tiny.yaml", Tiny, "Tiny", Accessibility: "Public"));

            Assert.Contains("public partial class TinyClient", result.Source("Tiny.TinyClient.g.cs"));
            Assert.Contains("public partial class Pet", result.Source("Tiny.Pet.g.cs"));
            Assert.Contains("public sealed class PetJsonConverter", result.Source("Tiny.Pet.g.cs"));
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void YSG010_an_unknown_accessibility_is_a_warning_and_the_client_stays_internal()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/tiny.yaml", Tiny, "Tiny", Accessibility: "Protected"));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG010", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Contains("'Protected'", diagnostic.GetMessage());
            Assert.Equal("/specs/tiny.yaml", diagnostic.Location.GetLineSpan().Path);
            Assert.Contains("internal partial class TinyClient", result.Source("Tiny.TinyClient.g.cs"));
        }

        [Fact]
        public void YSG011_a_public_client_from_the_same_document_in_a_reference_is_used_not_generated_again()
        {
            var library = Library(Tiny, "Public");

            var result = RunConsumer(library, Tiny);

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG011", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
            Assert.Contains("'Tiny.TinyClient'", diagnostic.GetMessage());
            Assert.Contains("'Library'", diagnostic.GetMessage());
            Assert.Empty(result.Sources);
            // The consumer's code binds to the library's types: one identity, no CS0436.
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void YSG012_a_public_client_of_the_same_name_from_another_document_is_an_error_with_the_fix()
        {
            var library = Library(Tiny, "Public");

            var result = RunConsumer(library, Tiny.Replace("version: '1'", "version: '2'"));

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("YSG012", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Contains("different version of this document", diagnostic.GetMessage());
            Assert.Contains("own Namespace", diagnostic.GetMessage());
            Assert.Equal("/specs/tiny.yaml", diagnostic.Location.GetLineSpan().Path);
            Assert.Empty(result.Sources);
        }

        [Fact]
        public void An_internal_client_in_a_reference_is_invisible_so_the_same_document_generates_without_a_clash()
        {
            var library = Library(Tiny, null);

            var result = RunConsumer(library, Tiny);

            Assert.Empty(result.Diagnostics);
            Assert.Contains(result.Sources, s => s.HintName == "Tiny.TinyClient.g.cs");
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void The_same_document_with_its_own_namespace_generates_beside_the_referenced_client()
        {
            var library = Library(Tiny, "Public");
            var driver = GeneratorHarness.CreateDriver(new[] { new SpecFile("/specs/tiny.yaml", Tiny, "Mine") });
            var compilation = GeneratorHarness.CreateCompilation(Consumer, "namespace App { internal static class Own { public static Mine.TinyClient Make(System.Net.Http.HttpClient http) => new Mine.TinyClient(http); } }").AddReferences(library);

            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, CancellationToken.None);

            Assert.Empty(driver.GetRunResult().Diagnostics);
            Assert.Contains(driver.GetRunResult().GeneratedTrees, tree => tree.FilePath.EndsWith("Mine.TinyClient.g.cs", System.StringComparison.Ordinal));
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        }

        [Fact]
        public void An_internal_client_seen_through_InternalsVisibleTo_is_used_like_a_public_one()
        {
            // A library and its test project that both list the document: the test project sees the library's internals.
            var library = Library(Tiny, null, "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Consumer\")]");

            var result = RunConsumer(library, Tiny);

            Assert.Equal("YSG011", Assert.Single(result.Diagnostics).Id);
            Assert.Empty(result.Sources);
            Assert.Empty(result.CompilationProblems);
        }

        [Fact]
        public void A_referenced_client_gets_an_internal_registration_where_the_project_can_compile_one_and_sees_none()
        {
            var library = Library(Tiny, "Public");
            // Just enough of Microsoft.Extensions.* for the generator to see that the project uses dependency injection.
            const string Hosting = "namespace Microsoft.Extensions.DependencyInjection { public static class HttpClientFactoryServiceCollectionExtensions { } } namespace Microsoft.Extensions.Configuration { public interface IConfiguration { } }";
            var driver = GeneratorHarness.CreateDriver(System.Array.Empty<SpecFile>());

            driver = driver.RunGenerators(GeneratorHarness.CreateCompilation(Hosting).AddReferences(library));
            var withoutHosting = driver.RunGenerators(GeneratorHarness.CreateCompilation("namespace App { }").AddReferences(library)).GetRunResult();

            var registration = Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources);
            Assert.Equal("Tiny.TinyClientServiceCollectionExtensions.g.cs", registration.HintName);
            Assert.Contains("internal static partial class TinyClientServiceCollectionExtensions", registration.SourceText.ToString());
            Assert.Contains("AddTinyClient(", registration.SourceText.ToString());
            Assert.Empty(withoutHosting.Results.Single().GeneratedSources);
        }

        /// <summary>A compiled library that lists <paramref name="spec"/> with the given accessibility, as a reference.</summary>
        private static MetadataReference Library(string spec, string? accessibility, string? extraSource = null)
        {
            var result = GeneratorHarness.Run(new[] { new SpecFile("/specs/tiny.yaml", spec, "Tiny", Accessibility: accessibility) }, "Library");
            var compilation = result.Compilation.WithAssemblyName("Library");
            if (extraSource != null)
            {
                compilation = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(extraSource, GeneratorHarness.ParseOptions));
            }

            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            return MetadataReference.CreateFromImage(image.ToArray());
        }

        private static GeneratorResult RunConsumer(MetadataReference library, string spec)
        {
            var driver = GeneratorHarness.CreateDriver(new[] { new SpecFile("/specs/tiny.yaml", spec, "Tiny") });
            var compilation = GeneratorHarness.CreateCompilation(Consumer).AddReferences(library);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, CancellationToken.None);
            return new GeneratorResult(driver.GetRunResult(), output, diagnostics);
        }
    }
}
