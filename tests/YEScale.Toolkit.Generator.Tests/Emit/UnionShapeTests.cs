using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;
using YEScale.Toolkit.Generator.Emit;
using YEScale.Toolkit.Generator.Model;
using YEScale.Toolkit.Generator.Parsing;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Emit
{
    /// <summary>Union shapes from large AI-vendor specs compile with no warning at the highest warning level, nullable on.</summary>
    public class UnionShapeTests
    {
        private const string Spec =
            "openapi: 3.1.0\ninfo: { title: Shapes, version: '1' }\npaths:\n  /shapes:\n    get:\n      operationId: getShapes\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Holder' }\n"
            + "components:\n  schemas:\n"
            + "    Connector: { type: string, enum: [web_search, code_interpreter] }\n"
            // An extensible enum beside a string: the enum is a struct with a conversion from string (CS8625 in AsX once).
            + "    Name: { anyOf: [ { $ref: '#/components/schemas/Connector' }, { type: string } ] }\n"
            + "    Inner: { anyOf: [ { $ref: '#/components/schemas/Name' }, { type: integer } ] }\n"
            // Only a nested union takes objects: no model to score (CS0219 'bestScore' once).
            + "    Outer: { oneOf: [ { $ref: '#/components/schemas/Inner' }, { type: boolean } ] }\n"
            + "    Holder:\n      type: object\n      properties:\n        name: { $ref: '#/components/schemas/Name' }\n        outer: { $ref: '#/components/schemas/Outer' }\n";

        [Fact]
        public void Enum_beside_string_and_unions_of_unions_compile_without_warnings()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/shapes.yaml", Spec));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            Assert.Contains("public Connector? AsConnector => Kind == 1 ? (Connector?)Value : null;", result.Source("Consumer.Shapes.Name.g.cs"));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_null_converts_to_a_null_union_with_or_without_NotNullIfNotNull(bool nullFlowAttributes)
        {
            // Without the attribute (netstandard2.0, .NET Framework consumers) the conversion used to throw on null.
            var spec = SpecParser.Parse(new SpecInput("/specs/shapes.yaml", Spec, "Shapes", "ShapesClient", null), default);
            var sources = SourceEmitter.Emit(spec, nullFlowAttributes: nullFlowAttributes).Select(file => file.Source).ToArray();
            var compilation = GeneratorHarness.CreateCompilation(sources).WithAssemblyName("UnionNull_" + nullFlowAttributes);
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            image.Position = 0;
            var context = new AssemblyLoadContext("union null " + nullFlowAttributes, isCollectible: true);
            try
            {
                var name = context.LoadFromStream(image).GetType("Shapes.Name", throwOnError: true)!;
                var fromString = name.GetMethods().Single(m => m.Name == "op_Implicit" && m.GetParameters()[0].ParameterType == typeof(string));

                Assert.Null(fromString.Invoke(null, new object?[] { null }));
                var union = fromString.Invoke(null, new object?[] { "web" });
                Assert.Equal("web", name.GetProperty("Value")!.GetValue(union));
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
