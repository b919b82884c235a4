using Xunit;
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
    }
}
