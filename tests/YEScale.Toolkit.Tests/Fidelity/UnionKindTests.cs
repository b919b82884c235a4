using System.Text;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Json;
using YEScale.Toolkit.Tests.Fidelity;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.FidelityTests
{
    /// <summary>Unions pick the variant that fits the JSON, for every kind of JSON value; what fits none lands in Unknown.</summary>
    public class UnionKindTests
    {
        private static async Task<ChoiceHolder> Answer(string json)
        {
            await using var server = await LoopbackServer.StartAsync(200, json);
            using var http = server.CreateHttpClient();
            return await new FidelityClient(http).EchoChoiceAsync(new ChoiceHolder());
        }

        private static ChoiceHolder Read(string json)
            => ApiJson.Read(new System.ArraySegment<byte>(Encoding.UTF8.GetBytes(json)), ChoiceHolderJsonConverter.Instance);

        [Fact]
        public async Task A_string_or_object_union_answered_as_a_string_reads_as_the_string_variant()
        {
            var holder = await Answer("{\"choice\":\"auto\"}");

            Assert.True(holder.Choice!.IsToolChoiceMode);
            Assert.Equal(ToolChoiceMode.Auto, holder.Choice.AsToolChoiceMode);
        }

        [Fact]
        public async Task A_string_or_object_union_answered_as_an_object_reads_as_the_object_variant()
        {
            var holder = await Answer("{\"choice\":{\"type\":\"function\",\"name\":\"lookup\"}}");

            Assert.True(holder.Choice!.IsNamedChoice);
            Assert.Equal("lookup", holder.Choice.AsNamedChoice!.Name);
        }

        [Fact]
        public void A_union_wrapped_in_allOf_with_nullable_is_still_the_union_and_reads_a_string()
        {
            var holder = Read("{\"wrapped\":\"none\"}");

            Assert.True(holder.Wrapped!.IsToolChoiceMode);
            Assert.Equal(ToolChoiceMode.None, holder.Wrapped.AsToolChoiceMode);
            Assert.Equal("{\"wrapped\":\"none\"}", ApiJson.ToJsonString(holder, ChoiceHolderJsonConverter.Instance));
        }

        [Fact]
        public void A_null_union_wrapped_in_allOf_with_nullable_reads_as_null_and_is_written_back()
        {
            var holder = Read("{\"wrapped\":null}");

            Assert.Null(holder.Wrapped);
            Assert.Equal("{\"wrapped\":null}", ApiJson.ToJsonString(holder, ChoiceHolderJsonConverter.Instance));
        }

        [Fact]
        public void A_string_the_enum_does_not_list_is_still_the_enum_variant_and_round_trips()
        {
            var holder = Read("{\"choice\":\"any\"}");

            Assert.True(holder.Choice!.IsToolChoiceMode);
            Assert.False(holder.Choice.AsToolChoiceMode!.Value.IsKnown);
            Assert.Equal("{\"choice\":\"any\"}", ApiJson.ToJsonString(holder, ChoiceHolderJsonConverter.Instance));
        }

        [Theory]
        [InlineData("\"text\"", "String")]
        [InlineData("42", "Int64")]
        [InlineData("-7", "Int64")]
        [InlineData("2.5", "Double")]
        [InlineData("1e300", "Double")]
        [InlineData("true", "Boolean")]
        [InlineData("false", "Boolean")]
        [InlineData("[\"a\",\"b\"]", "StringList")]
        [InlineData("{\"type\":\"function\",\"name\":\"n\"}", "NamedChoice")]
        public void Every_kind_of_JSON_value_finds_its_variant_and_is_written_back_unchanged(string value, string variant)
        {
            var json = "{\"scalar\":" + value + "}";

            var scalar = Read(json).Scalar!;

            Assert.False(scalar.IsUnknown);
            Assert.Equal(variant, Held(scalar));
            JsonAssert.Same(json, ApiJson.ToJsonString(Read(json), ChoiceHolderJsonConverter.Instance));
        }

        [Theory]
        [InlineData("[1,2]")]
        [InlineData("{\"unrelated\":1}")]
        public void A_value_that_fits_no_variant_is_kept_as_Unknown_and_written_back_unchanged(string value)
        {
            var json = "{\"scalar\":" + value + "}";

            var holder = Read(json);

            Assert.True(holder.Scalar!.IsUnknown);
            JsonAssert.Same(json, ApiJson.ToJsonString(holder, ChoiceHolderJsonConverter.Instance));
        }

        [Fact]
        public void A_string_that_is_a_date_reads_as_the_date_variant_and_other_text_as_the_string_variant()
        {
            var dated = Read("{\"stamp\":\"2026-05-01T10:00:00Z\"}").Stamp!;
            var text = Read("{\"stamp\":\"next tuesday\"}").Stamp!;

            Assert.True(dated.IsDateTimeOffset);
            Assert.Equal(new System.DateTimeOffset(2026, 5, 1, 10, 0, 0, System.TimeSpan.Zero), dated.AsDateTimeOffset);
            Assert.True(text.IsString);
            Assert.Equal("next tuesday", text.AsString);
        }

        [Theory]
        [InlineData("[1,2,3]", "Int64List")]
        [InlineData("[{\"type\":\"function\",\"name\":\"a\"}]", "NamedChoiceList")]
        public void Two_list_variants_are_told_apart_by_their_items(string value, string variant)
        {
            var lists = Read("{\"lists\":" + value + "}").Lists!;

            Assert.Equal(variant, lists.IsInt64List ? "Int64List" : lists.IsNamedChoiceList ? "NamedChoiceList" : "Unknown");
        }

        [Fact]
        public void A_list_whose_items_fit_neither_list_variant_is_Unknown()
        {
            Assert.True(Read("{\"lists\":[\"x\"]}").Lists!.IsUnknown);
        }

        private static string Held(Scalar scalar) => scalar.Match(
            s => "String", l => "Int64", d => "Double", b => "Boolean", list => "StringList", named => "NamedChoice", unknown => "Unknown");
    }
}
