using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Client
{
    /// <summary>The generated YEScaleClient against a real server answering with the seed page's example.</summary>
    public class SeedanceFetchTests
    {
        [Fact]
        public async Task GetSeedanceGenerationAsync_reads_every_field_of_the_seed_example()
        {
            await using var server = await LoopbackServer.StartAsync(200, SeedPage.ExampleJson());
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = server.BaseAddress });

            var task = await client.Seedance.GetGenerationAsync("cgt-20250702113430-gvkhb");

            Assert.StartsWith("https://ark-content-generation-cn-beijing.tos-cn-beijing.volces.com/doubao-seedance-1-0-pro/02175142727180900000000000000000000ffffac15f035351d73.mp4?X-Tos-Algorithm=TOS4-HMAC-SHA256", task.Content?.VideoUrl);
            Assert.EndsWith("X-Tos-SignedHeaders=host", task.Content?.VideoUrl);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1751427271), task.CreatedAt);
            Assert.Equal("cgt-20250702113430-gvkhb", task.Id);
            Assert.Equal("YEScale - Seedance Video Generation - Fetch", task.Message);
            Assert.Equal("doubao-seedance-1-0-pro-250528", task.Model);
            Assert.Equal("doubao-seedance-1-0-pro-250528", task.Request.Model);
            Assert.Equal(2, task.Request.Content.Count);
            var text = task.Request.Content[0];
            Assert.Equal(YEScale.SeedanceContentType.Text, text.Type);
            Assert.StartsWith("A 20-year-old girl, with an oval face", text.Text);
            Assert.EndsWith("smiling and shaking her hair --resolution 480p --duration 5", text.Text);
            Assert.Null(text.ImageUrl);
            var image = task.Request.Content[1];
            Assert.Equal(YEScale.SeedanceContentType.ImageUrl, image.Type);
            Assert.Null(image.Text);
            Assert.Equal("https://p2.a.kwimgs.com/bs2/upload-ylab-stunt/ai_portal/1731125871/6N0QrAnAeU/409-f054fa25c21a.png", image.ImageUrl!.Url);
            Assert.Equal(YEScale.SeedanceTaskStatus.Succeeded, task.Status);
            Assert.Equal("succeeded", task.Status.ToString());
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1751427302), task.UpdatedAt);
            Assert.Equal(47311, task.Usage!.CompletionTokens);
            Assert.Equal(47311, task.Usage!.TotalTokens);

            var request = Assert.Single(server.Requests);
            Assert.Equal("GET", request.Method);
            Assert.Equal("/seedance/generations/cgt-20250702113430-gvkhb", request.RawTarget);
            Assert.Contains("application/json", request.Headers["Accept"]);
        }

        [Fact]
        public async Task The_base_address_path_is_kept_and_the_operation_path_appended()
        {
            await using var server = await LoopbackServer.StartAsync(200, SeedPage.ExampleJson());
            using var http = new System.Net.Http.HttpClient();
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = new System.Uri(server.BaseAddress, "gateway/") });

            await client.Seedance.GetGenerationAsync("abc");

            Assert.Equal("/gateway/seedance/generations/abc", server.Requests.Single().RawTarget);
        }

        [Fact]
        public async Task Unknown_members_in_the_response_are_kept_readable_and_survive_a_round_trip()
        {
            var json = SeedPage.ExampleJson().Insert(1, "\"added_later\": {\"nested\": [1, 2, {\"deep\": true}]}, \"another\": \"x\",");
            await using var server = await LoopbackServer.StartAsync(200, json);
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http);

            var task = await client.Seedance.GetGenerationAsync("cgt-1");

            Assert.Equal("cgt-20250702113430-gvkhb", task.Id);
            Assert.Equal(47311, task.Usage!.TotalTokens);
            Assert.True(task.HasAdditionalProperties);
            Assert.Equal("x", task.AdditionalProperties["another"].GetString());
            Assert.True(task.AdditionalProperties["added_later"].GetProperty("nested")[2].GetProperty("deep").GetBoolean());
            Assert.False(task.Usage!.HasAdditionalProperties);

            // Written back as it came, beside the known members.
            var written = System.Text.Json.JsonSerializer.Serialize(task);
            using var document = System.Text.Json.JsonDocument.Parse(written);
            Assert.Equal("x", document.RootElement.GetProperty("another").GetString());
            Assert.Equal("{\"nested\":[1,2,{\"deep\":true}]}", document.RootElement.GetProperty("added_later").GetRawText());
            Assert.Equal(47311, document.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt64());
        }

        [Fact]
        public async Task A_status_or_content_type_the_spec_does_not_list_is_kept_as_sent()
        {
            var json = SeedPage.ExampleJson().Replace("\"status\": \"succeeded\"", "\"status\": \"rerouting\"").Replace("\"type\": \"image_url\"", "\"type\": \"video_url\"");
            await using var server = await LoopbackServer.StartAsync(200, json);
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http);

            var task = await client.Seedance.GetGenerationAsync("cgt-1");

            Assert.Equal("rerouting", task.Status.ToString());
            Assert.False(task.Status.IsKnown);
            Assert.Equal("video_url", task.Request.Content[1].Type.ToString());
            Assert.False(task.Request.Content[1].Type.IsKnown);
            Assert.True(task.Request.Content[0].Type.IsKnown);
        }
    }
}
