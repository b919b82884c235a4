using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Http
{
    /// <summary>
    /// Response bodies are read into pooled arrays that grow as the body arrives: whatever the size and however it is
    /// framed (Content-Length or chunked), the whole body reaches the model or the exception.
    /// </summary>
    public class ResponseBodyTests
    {
        [Theory]
        [InlineData(10, true)]
        [InlineData(10, false)]
        [InlineData(5_000, false)]          // just past the first rent when no length is announced
        [InlineData(3_000_000, true)]       // past the largest first rent a Content-Length may ask for
        [InlineData(3_000_000, false)]
        public async Task A_body_of_any_size_and_framing_is_read_whole(int messageLength, bool announceLength)
        {
            var message = new string('m', messageLength - 1) + "!";
            var json = Encoding.UTF8.GetBytes("{\"id\":\"cgt-1\",\"message\":\"" + message + "\",\"status\":\"running\"}");
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentType = "application/json";
                if (announceLength)
                {
                    context.Response.ContentLength = json.Length;
                }

                // Written in pieces with flushes, so a chunked answer really arrives in several reads.
                for (var offset = 0; offset < json.Length; offset += 7_919)
                {
                    await context.Response.Body.WriteAsync(json.AsMemory(offset, Math.Min(7_919, json.Length - offset)));
                    await context.Response.Body.FlushAsync();
                }
            });
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = server.BaseAddress });

            var task = await client.Seedance.GetGenerationAsync("cgt-1");

            Assert.Equal(message, task.Message);
            Assert.Equal("running", task.Status.ToString());
        }

        [Fact]
        public async Task A_large_error_body_is_kept_whole_on_the_exception()
        {
            var body = "{\"error\":{\"message\":\"" + new string('e', 200_000) + "\"}}";
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.StatusCode = 500;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body);
            });
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = server.BaseAddress });

            var error = await Assert.ThrowsAsync<ApiException>(() => client.Seedance.GetGenerationAsync("cgt-1"));

            Assert.Equal(500, error.Status);
            Assert.Equal(body, error.Content);
        }
    }
}
