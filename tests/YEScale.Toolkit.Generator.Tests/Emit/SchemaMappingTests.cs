using System.Linq;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Emit
{
    /// <summary>How schema constructs map to C#, checked on the generated declarations (and compiled).</summary>
    public class SchemaMappingTests
    {
        private static GeneratorResult Generate(string openapi, string schemas)
        {
            var yaml = "openapi: " + openapi + "\ninfo: { title: Mapping, version: '1' }\npaths:\n  /things:\n    get:\n      operationId: getThing\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Thing' }\ncomponents:\n  schemas:\n" + schemas;
            var result = GeneratorHarness.Run(new SpecFile("/specs/mapping.yaml", yaml));
            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            return result;
        }

        [Fact]
        public void Nullability_follows_required_and_both_ways_of_writing_null()
        {
            var result = Generate("3.1.0", "    Thing:\n      type: object\n      required: [a, b, c]\n      properties:\n        a: { type: string }\n        b: { type: [string, 'null'] }\n        c: { type: integer }\n        d: { type: integer }\n        e: { anyOf: [ { type: string }, { type: 'null' } ] }\n");
            var thing = result.Source("Consumer.Mapping.Thing.g.cs");

            Assert.Contains("public string A { get; set; } = default!;", thing);
            Assert.Contains("public string? B { get => _B; set { _B = value; JsonNulls__.Track(\"b\", value is null); } }", thing);
            Assert.Contains("public long C { get; set; }", thing);
            Assert.Contains("public long? D { get; set; }", thing);
            Assert.Contains("public string? E { get => _E; set { _E = value; JsonNulls__.Track(\"e\", value is null); } }", thing);
        }

        [Fact]
        public void OpenApi_3_0_nullable_makes_a_required_member_nullable()
        {
            var thing = Generate("3.0.3", "    Thing:\n      type: object\n      required: [a]\n      properties:\n        a: { type: string, nullable: true }\n").Source("Consumer.Mapping.Thing.g.cs");

            Assert.Contains("public string? A { get => _A; set { _A = value; JsonNulls__.Track(\"a\", value is null); } }", thing);
        }

        [Fact]
        public void Formats_map_to_their_dotnet_types()
        {
            var thing = Generate("3.0.3", "    Thing:\n      type: object\n      required: [t, u, i, l, f, d, b, y]\n      properties:\n        t: { type: string, format: date-time }\n        u: { type: string, format: uuid }\n        i: { type: integer, format: int32 }\n        l: { type: integer, format: int64 }\n        f: { type: number, format: float }\n        d: { type: number }\n        b: { type: boolean }\n        y: { type: string, format: byte }\n        s: { type: array, items: { type: array, items: { type: number } } }\n        m: { type: object, additionalProperties: { type: integer } }\n        j: { }\n").Source("Consumer.Mapping.Thing.g.cs");

            Assert.Contains("public global::System.DateTimeOffset T { get; set; }", thing);
            Assert.Contains("public global::System.Guid U { get; set; }", thing);
            Assert.Contains("public int I { get; set; }", thing);
            Assert.Contains("public long L { get; set; }", thing);
            Assert.Contains("public float F { get; set; }", thing);
            Assert.Contains("public double D { get; set; }", thing);
            Assert.Contains("public bool B { get; set; }", thing);
            Assert.Contains("public byte[] Y { get; set; } = default!;", thing);
            Assert.Contains("public global::System.Collections.Generic.IList<global::System.Collections.Generic.IList<double>>? S { get; set; }", thing);
            Assert.Contains("public global::System.Collections.Generic.IDictionary<string, long>? M { get; set; }", thing);
            Assert.Contains("public global::System.Text.Json.JsonElement? J { get; set; }", thing);
        }

        [Fact]
        public void Unix_time_formats_become_DateTimeOffset_and_date_becomes_DateOnly()
        {
            var thing = Generate("3.0.3", "    Thing:\n      type: object\n      required: [s]\n      properties:\n        s: { type: integer, format: unix-time }\n        ms: { type: integer, format: unix-time-ms }\n        n: { type: number, format: unix-time }\n        day: { type: string, format: date }\n        plain: { type: integer, format: int64 }\n").Source("Consumer.Mapping.Thing.g.cs");

            Assert.Contains("public global::System.DateTimeOffset S { get; set; }", thing);
            Assert.Contains("value.S = Read(ref reader, global::YEScale.Toolkit.Json.ApiCodecs.UnixSeconds);", thing);
            Assert.Contains("public global::System.DateTimeOffset? Ms { get; set; }", thing);
            Assert.Contains("global::YEScale.Toolkit.Json.ApiCodecs.UnixMilliseconds", thing);
            Assert.Contains("public global::System.DateTimeOffset? N { get; set; }", thing);
            Assert.Contains("public global::System.DateOnly? Day { get; set; }", thing);
            Assert.Contains("global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.DateOnlyConverter", thing);
            Assert.Contains("public long? Plain { get; set; }", thing);
        }

        [Fact]
        public void A_unix_time_query_parameter_is_sent_as_its_number()
        {
            const string yaml = "openapi: 3.0.3\ninfo: { title: Mapping, version: '1' }\npaths:\n  /things:\n    get:\n      operationId: listThings\n      parameters:\n        - { name: since, in: query, required: true, schema: { type: integer, format: unix-time } }\n        - { name: on, in: query, schema: { type: string, format: date } }\n      responses:\n        '204': { description: none }\n";
            var result = GeneratorHarness.Run(new SpecFile("/specs/mapping.yaml", yaml));
            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.Mapping.MappingClient.g.cs");

            Assert.Contains("global::System.DateTimeOffset since", client);
            Assert.Contains("since.ToUnixTimeSeconds().ToString(global::System.Globalization.CultureInfo.InvariantCulture)", client);
            Assert.Contains(".ToString(\"yyyy-MM-dd\", global::System.Globalization.CultureInfo.InvariantCulture)", client);
        }

        [Fact]
        public void Date_stays_a_string_where_the_project_cannot_read_DateOnly()
        {
            // A project whose System.Text.Json has no DateOnly converter (before .NET 7): here, none at all.
            var references = GeneratorHarness.CreateCompilation().References.Where(reference => !(reference.Display ?? string.Empty).EndsWith("System.Text.Json.dll", System.StringComparison.Ordinal));
            var compilation = GeneratorHarness.CreateCompilation("namespace Consumer { internal static class Program { } }").WithReferences(references);
            var yaml = "openapi: 3.0.3\ninfo: { title: Mapping, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        day: { type: string, format: date }\n        at: { type: integer, format: unix-time }\n";
            var driver = GeneratorHarness.CreateDriver(new[] { new SpecFile("/specs/mapping.yaml", yaml) });

            driver = driver.RunGenerators(compilation);
            var thing = driver.GetRunResult().Results.Single().GeneratedSources.Single(source => source.HintName == "Consumer.Mapping.Thing.g.cs").SourceText.ToString();

            Assert.Contains("public string? Day { get; set; }", thing);
            Assert.Contains("public global::System.DateTimeOffset? At { get; set; }", thing);
        }

        [Fact]
        public void Deprecated_read_only_defaults_and_awkward_names_are_carried_into_the_code()
        {
            var thing = Generate("3.0.3", "    Thing:\n      type: object\n      properties:\n        class: { type: string }\n        2fa: { type: boolean }\n        thing: { type: string }\n        old: { type: string, deprecated: true }\n        id: { type: string, readOnly: true }\n        size: { type: integer, default: 10 }\n        a_b: { type: string }\n        aB: { type: string }\n").Source("Consumer.Mapping.Thing.g.cs");

            Assert.Contains("public string? Class { get; set; }", thing);
            Assert.Contains("public bool? _2fa { get; set; }", thing);
            Assert.Contains("public string? ThingValue { get; set; }", thing);
            Assert.Contains("[global::System.Obsolete(\"Deprecated in the OpenAPI document.\")]\n        public string? Old { get; set; }", thing);
            Assert.Contains("<remarks>Read-only (sent by the server, never written into a request).</remarks>", thing);
            Assert.Contains("<remarks>Default 10.</remarks>", thing);
            Assert.Contains("public string? AB { get; set; }", thing);
            Assert.Contains("public string? AB2 { get; set; }", thing);
        }

        [Fact]
        public void A_default_that_spans_lines_is_documented_whole_not_cut_at_its_first_line()
        {
            var thing = Generate("3.0.3", "    Thing:\n      type: object\n      properties:\n        note: { type: string, description: A note., default: \"first line\\nsecond line\" }\n").Source("Consumer.Mapping.Thing.g.cs");

            Assert.Contains("/// <summary>A note.</summary>\n", thing);
            Assert.Contains("first line", thing);
            Assert.Contains("second line\".", thing);
        }

        [Fact]
        public void A_recursive_schema_refers_to_itself()
        {
            var thing = Generate("3.0.3", "    Thing:\n      type: object\n      properties:\n        children: { type: array, items: { $ref: '#/components/schemas/Thing' } }\n        parent: { $ref: '#/components/schemas/Thing' }\n").Source("Consumer.Mapping.Thing.g.cs");

            Assert.Contains("public global::System.Collections.Generic.IList<Thing>? Children { get; set; }", thing);
            Assert.Contains("public Thing? Parent { get; set; }", thing);
        }
    }
}
