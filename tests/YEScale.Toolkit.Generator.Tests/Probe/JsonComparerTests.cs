using System.Linq;
using System.Text;
using Xunit;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>The comparison sees what changed, where, and of which kind; it forgives what the client legitimately respells.</summary>
    public class JsonComparerTests
    {
        private static SampleAnnotations Typed(string path, string kind)
        {
            var annotations = new SampleAnnotations();
            annotations.Strings[path] = System.Enum.Parse<StringKind>(kind);
            return annotations;
        }

        [Theory]
        [InlineData("""{"a":1,"b":[true,null,"x"]}""", """{"b":[true,null,"x"],"a":1}""")]
        [InlineData("""{"n":1}""", """{"n":1.0}""")]
        [InlineData("""{"n":0.1}""", """{"n":1e-1}""")]
        [InlineData("""{"s":"caf\u00e9"}""", """{"s":"café"}""")]
        [InlineData("""[9007199254740993]""", """[9007199254740993]""")]
        public void Equal_JSON_has_no_differences(string sent, string returned)
            => Assert.Empty(JsonComparer.Compare(sent, returned));

        [Theory]
        [InlineData("$.t", "DateTime", "\"2024-05-01T10:00:00Z\"", "\"2024-05-01T10:00:00+00:00\"")]
        [InlineData("$.t", "DateTime", "\"2024-05-01T10:00:00.1234567+05:30\"", "\"2024-05-01T10:00:00.1234567+05:30\"")]
        [InlineData("$.t", "DateTime", "\"2024-05-01T10:00:00.5Z\"", "\"2024-05-01T10:00:00.50+00:00\"")]
        [InlineData("$.t", "Uuid", "\"3F2504E0-4F89-11D3-9A0C-0305E82C3301\"", "\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"")]
        [InlineData("$.t", "Bytes", "\"+/8=\"", "\"+/8=\"")]
        public void Typed_strings_compare_by_meaning(string path, string kind, string sent, string returned)
            => Assert.Empty(JsonComparer.Compare("{\"t\":" + sent + "}", "{\"t\":" + returned + "}", Typed(path, kind)));

        [Theory]
        [InlineData("DateTime", "\"2024-05-01T10:00:00+02:00\"", "\"2024-05-01T08:00:00+00:00\"")]
        [InlineData("DateTime", "\"2024-05-01T10:00:00.1234567Z\"", "\"2024-05-01T10:00:00.123Z\"")]
        [InlineData("Uuid", "\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"", "\"3f2504e0-4f89-11d3-9a0c-0305e82c3302\"")]
        [InlineData("Bytes", "\"AQI=\"", "\"AQM=\"")]
        public void Typed_strings_that_mean_something_else_differ(string kind, string sent, string returned)
        {
            var difference = Assert.Single(JsonComparer.Compare("{\"t\":" + sent + "}", "{\"t\":" + returned + "}", Typed("$.t", kind)));

            Assert.Equal(DifferenceKind.ValueChanged, difference.Kind);
            Assert.Equal("$.t", difference.Path);
        }

        [Fact]
        public void An_untyped_string_compares_exactly()
        {
            var difference = Assert.Single(JsonComparer.Compare("""{"t":"2024-05-01T10:00:00Z"}""", """{"t":"2024-05-01T10:00:00+00:00"}"""));

            Assert.Equal(DifferenceKind.ValueChanged, difference.Kind);
        }

        [Fact]
        public void Each_kind_of_difference_is_named_with_its_path_and_both_sides()
        {
            const string Sent = """{"choices":[{"delta":{"content":"hi","progress":null,"role":null}}],"big":9007199254740993,"flag":true,"kind":"a"}""";
            const string Returned = """{"choices":[{"delta":{"content":"ho","progress":0,"extra":1}}],"big":9007199254740992,"flag":false,"kind":1}""";

            var differences = JsonComparer.Compare(Sent, Returned).ToDictionary(d => d.Path);

            Assert.Equal(7, differences.Count);
            Assert.Equal((DifferenceKind.ValueChanged, "\"hi\"", "\"ho\""), Of(differences["$.choices[0].delta.content"]));
            Assert.Equal((DifferenceKind.NullBecameDefault, "null", "0"), Of(differences["$.choices[0].delta.progress"]));
            Assert.Equal((DifferenceKind.MemberDropped, "null", null), Of(differences["$.choices[0].delta.role"]));
            Assert.Equal((DifferenceKind.MemberAdded, null, "1"), Of(differences["$.choices[0].delta.extra"]));
            Assert.Equal(DifferenceKind.ValueChanged, differences["$.big"].Kind);
            Assert.Equal(DifferenceKind.ValueChanged, differences["$.flag"].Kind);
            Assert.Equal(DifferenceKind.ValueChanged, differences["$.kind"].Kind);
        }

        [Theory]
        [InlineData("false")]
        [InlineData("\"\"")]
        [InlineData("{}")]
        [InlineData("[]")]
        [InlineData("\"0001-01-01T00:00:00+00:00\"")]
        [InlineData("\"00000000-0000-0000-0000-000000000000\"")]
        public void A_null_that_comes_back_as_a_default_is_named_so(string returned)
            => Assert.Equal(DifferenceKind.NullBecameDefault, Assert.Single(JsonComparer.Compare("""{"v":null}""", "{\"v\":" + returned + "}")).Kind);

        [Fact]
        public void A_null_that_comes_back_as_another_value_or_a_value_that_comes_back_null_changed()
        {
            Assert.Equal(DifferenceKind.ValueChanged, Assert.Single(JsonComparer.Compare("""{"v":null}""", """{"v":3}""")).Kind);
            Assert.Equal(DifferenceKind.ValueChanged, Assert.Single(JsonComparer.Compare("""{"v":3}""", """{"v":null}""")).Kind);
        }

        [Fact]
        public void Arrays_of_another_length_and_members_written_twice_differ()
        {
            Assert.Equal(DifferenceKind.ValueChanged, Assert.Single(JsonComparer.Compare("[1,2]", "[1]")).Kind);
            var twice = Assert.Single(JsonComparer.Compare("""{"a":1}""", """{"a":1,"a":1}"""));
            Assert.Equal((DifferenceKind.MemberAdded, "$.a"), (twice.Kind, twice.Path));
        }

        [Fact]
        public void Policy_members_may_be_left_out_on_the_way_back_but_only_they()
        {
            var annotations = new SampleAnnotations();
            annotations.PolicyMembers.Add("$.items[0].id");

            Assert.Empty(JsonComparer.Compare("""{"items":[{"id":"x","n":1}]}""", """{"items":[{"n":1}]}""", annotations));
            var dropped = Assert.Single(JsonComparer.Compare("""{"items":[{"id":"x","n":1}]}""", """{"items":[{"id":"x"}]}""", annotations));
            Assert.Equal("$.items[0].n", dropped.Path);
        }

        [Fact]
        public void Member_names_that_are_not_identifiers_are_quoted_in_paths()
            => Assert.Equal("$['a b']['it\\'s']", Assert.Single(JsonComparer.Compare("""{"a b":{"it's":1}}""", """{"a b":{}}""")).Path);

        [Fact]
        public void Text_that_is_not_JSON_is_an_exception()
            => Assert.Equal(DifferenceKind.Exception, Assert.Single(JsonComparer.Compare("{}", "{")).Kind);

        [Fact]
        public void A_reader_position_is_named_by_its_path_and_value()
        {
            var json = Encoding.UTF8.GetBytes("""{"a":[1,{"b":"x"}],"c":{"d":2}}""");

            Assert.Equal("$.a[1].b", JsonPaths.At(json, 13, out var value));
            Assert.Equal("\"x\"", value);
            Assert.Equal("$.a[1]", JsonPaths.At(json, 16, out value));
            Assert.Equal("{\"b\":\"x\"}", value);
            Assert.Equal("$.c.d", JsonPaths.At(json, 27));
            Assert.Equal("{\"d\":2}", JsonPaths.ValueOf(json, "$.c"));
            Assert.Null(JsonPaths.ValueOf(json, "$.e"));
        }

        [Fact]
        public void Where_a_cut_short_text_stops_is_named_by_the_path_of_the_next_value()
        {
            Assert.Equal("$.a[1].b", JsonPaths.After(Encoding.UTF8.GetBytes("""{"a":[1,{"b":""")));
            Assert.Equal("$.a[2]", JsonPaths.After(Encoding.UTF8.GetBytes("""{"a":[1,{"b":2},""")));
            Assert.Equal("$.a[1]", JsonPaths.After(Encoding.UTF8.GetBytes("""{"a":[-204.4""")));
            Assert.Equal("$", JsonPaths.After(System.Array.Empty<byte>()));
        }

        private static (DifferenceKind, string?, string?) Of(ProbeDifference difference) => (difference.Kind, difference.Sent, difference.Returned);
    }
}
