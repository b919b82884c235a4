using Xunit;
using YEScale.Toolkit.Generator.Parsing;

namespace YEScale.Toolkit.Generator.Tests.Parsing
{
    /// <summary>Where a diagnostic points: the member's place as the JSON or YAML parser saw it (0-based lines and columns).</summary>
    public class PositionMapTests
    {
        private const string Yaml = "openapi: 3.0.3\n"            // 0
            + "info: { title: 'post: not a key', version: '1' }\n"    // 1
            + "paths:\n"                                              // 2
            + "  /a:\n"                                               // 3
            + "    get:\n"                                            // 4
            + "      description: \"post: neither\"\n"                // 5
            + "  /b:\n"                                               // 6
            + "    'post': { summary: x }\n"                          // 7
            + "tags:\n"                                               // 8
            + "  - name: one\n"                                       // 9
            + "  -\n"                                                 // 10
            + "    name: two\n";                                      // 11

        private static (int Line, int Column, int Length) Place(string text, params string[] keys)
        {
            var location = new SpecText("/specs/x", text).Find(keys);
            return (location.StartLine, location.StartColumn, location.Length);
        }

        [Fact]
        public void A_yaml_member_is_found_under_its_own_parent_not_at_the_first_matching_text()
        {
            Assert.Equal((7, 4, 6), Place(Yaml, "paths", "/b", "post"));
            Assert.Equal((4, 4, 3), Place(Yaml, "paths", "/a", "get"));
        }

        [Fact]
        public void A_path_the_document_lacks_points_at_the_deepest_member_it_has()
        {
            // /a has no post: the text after /a holds "post:" twice (a string, and /b's), neither of them /a's.
            Assert.Equal((3, 2, 2), Place(Yaml, "paths", "/a", "post"));
        }

        [Fact]
        public void List_items_are_found_by_index_in_block_and_indented_form()
        {
            Assert.Equal((9, 4, 1), Place(Yaml, "tags", "0"));
            Assert.Equal((11, 4, 4), Place(Yaml, "tags", "1", "name"));
        }

        [Fact]
        public void A_json_member_is_found_under_its_own_parent_even_on_one_line()
        {
            const string json = "{\"info\":{\"title\":\"\\\"get\\\":\"},\"paths\":{\"/a\":{\"post\":{}},\"/b\":{\"get\":{\"tags\":[\"x\",\"y\"]}}}}";

            var get = Place(json, "paths", "/b", "get");
            Assert.Equal((0, json.IndexOf("\"get\":{"), 5), get);
            Assert.Equal(json.IndexOf("\"y\""), Place(json, "paths", "/b", "get", "tags", "1").Column);
        }

        [Fact]
        public void A_json_member_spelled_with_an_escape_is_found_where_it_is_written_not_at_a_plain_twin_before_it()
        {
            const string json = "{\"a\":{\"$ref\":\"#/x\"},\"b\":{\"\\u0024ref\":\"#/x\"}}";

            Assert.Equal((0, json.IndexOf("\"\\u0024ref\""), "\"\\u0024ref\"".Length), Place(json, "b", "$ref"));
            Assert.Equal((0, json.IndexOf("\"$ref\""), 6), Place(json, "a", "$ref"));
        }

        [Fact]
        public void A_document_its_parser_cannot_read_falls_back_to_searching_the_text()
        {
            const string broken = "paths:\n  /a:\n    get: [unclosed\n";

            Assert.Equal((2, 4, 3), Place(broken, "paths", "/a", "get"));
        }
    }
}
