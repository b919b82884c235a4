using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Json;
using YEScale.Toolkit.Tests.FidelityTests;

namespace YEScale.Toolkit.Tests.Json
{
    /// <summary>ModelJson, the reflection-free way to save and load generated types, and a model's ToString.</summary>
    public class ModelJsonTests
    {
        // YEScale's Seedance query answer, with a member the spec does not describe and an explicit null.
        private const string Generation = """
            {"id":"cgt-20250702113430-gvkhb","model":"doubao-seedance-1-0-pro-250528","status":"succeeded",
             "content":{"video_url":"https://example.com/v.mp4"},"usage":{"completion_tokens":246840,"total_tokens":246840},
             "created_at":1751427271,"updated_at":1751427302,"seed":null,"brand_new_member":{"kept":true}}
            """;

        [Fact]
        public void A_saved_answer_loads_back_and_saves_to_the_same_json()
        {
            var task = ModelJson.Deserialize<YEScale.SeedanceGeneration>(Generation);

            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1751427271), task.CreatedAt);
            JsonAssert.Same(Generation, ModelJson.Serialize(task));
            JsonAssert.Same(Generation, Encoding.UTF8.GetString(ModelJson.SerializeToUtf8Bytes(task)));
        }

        [Fact]
        public async Task Streams_read_and_write_the_same_json()
        {
            using var saved = new MemoryStream();
            ModelJson.Serialize(saved, ModelJson.Deserialize<YEScale.SeedanceGeneration>(Generation));
            saved.Position = 0;

            var loaded = await ModelJson.DeserializeAsync<YEScale.SeedanceGeneration>(saved);

            Assert.True(saved.CanRead, "the stream is left open");
            JsonAssert.Same(Generation, ModelJson.Serialize(loaded));
        }

        [Fact]
        public void JsonSerializer_takes_the_type_info_and_uses_the_generated_converter()
        {
            var info = ModelJson.TypeInfo<YEScale.SeedanceGeneration>();
            var task = JsonSerializer.Deserialize(Generation, info)!;

            Assert.True(task.AdditionalProperties.ContainsKey("brand_new_member"));
            JsonAssert.Same(Generation, JsonSerializer.Serialize(task, info));
            Assert.Same(info, ModelJson.TypeInfo<YEScale.SeedanceGeneration>());
        }

        [Fact]
        public void Unions_and_extensible_enums_save_as_their_json()
        {
            Assert.Equal("\"succeeded\"", ModelJson.Serialize(YEScale.SeedanceTaskStatus.Succeeded));
            Assert.Equal("\"a brand-new status\"", ModelJson.Serialize(ModelJson.Deserialize<YEScale.SeedanceTaskStatus>("\"a brand-new status\"")));
            Assert.Equal("\"Hello\"", ModelJson.Serialize(new YEScale.ChatMessageContent("Hello")));
        }

        [Fact]
        public void Json_that_does_not_fit_is_a_JsonException_that_names_the_type()
        {
            var error = Assert.Throws<JsonException>(() => ModelJson.Deserialize<YEScale.SeedanceGeneration>("{\"created_at\":\"not a time\"}"));

            Assert.Contains("SeedanceGeneration", error.Message);
        }

        [Fact]
        public void A_type_that_is_not_generated_is_refused_with_its_name()
        {
            var error = Assert.Throws<InvalidOperationException>(() => ModelJson.Serialize(new Version(1, 2)));

            Assert.Contains("System.Version is not a generated model", error.Message);
        }

        [Fact]
        public void ToString_shows_the_type_and_its_json()
        {
            var task = ModelJson.Deserialize<YEScale.SeedanceGeneration>(Generation);

            var text = task.ToString();

            Assert.StartsWith("SeedanceGeneration {", text);
            Assert.Contains("\"id\":\"cgt-20250702113430-gvkhb\"", text);
            Assert.Contains("\"brand_new_member\":{\"kept\":true}", text);
        }

        [Fact]
        public void ToString_of_a_long_model_is_cut_and_says_how_much_is_left()
        {
            var vector = Enumerable.Range(0, 1536).Select(i => i / 1536f).ToList();
            var embedding = new YEScale.Embedding { Object = "embedding", Index = 0, EmbeddingValue = vector };

            var text = embedding.ToString();
            var full = ModelJson.Serialize(embedding);

            Assert.StartsWith("Embedding {", text);
            Assert.EndsWith("... (" + (full.Length - 2000) + " more characters)", text);
            Assert.Equal("Embedding ".Length + 2000 + "... (".Length + (full.Length - 2000).ToString().Length + " more characters)".Length, text.Length);
        }
    }
}
