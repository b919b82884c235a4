using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Client
{
    /// <summary>Failed answers become ApiException with what the server said.</summary>
    public class ErrorResponseTests
    {
        [Theory]
        [InlineData(400, "{\"error\":{\"message\":\"bad task id\",\"type\":\"invalid_request_error\",\"code\":\"invalid_task_id\"}}", "invalid_task_id", "bad task id")]
        [InlineData(404, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}", "task_not_exist", "task_not_exist")]
        [InlineData(500, "upstream exploded", null, null)]
        [InlineData(503, "", null, null)]
        public async Task A_non_success_status_becomes_ApiException_with_status_body_and_headers(int status, string body, string? code, string? message)
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.StatusCode = status;
                context.Response.Headers["X-Request-Id"] = "req-42";
                await context.Response.WriteAsync(body);
            });
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http);

            var exception = await Assert.ThrowsAsync<ApiException>(() => client.Seedance.GetGenerationAsync("cgt-1"));

            Assert.Equal(status, exception.Status);
            Assert.Equal(body, exception.Content);
            Assert.Equal("req-42", exception.GetHeader("x-request-id"));
            Assert.Equal("getSeedanceGeneration", exception.OperationId);
            Assert.Equal("GET", exception.RequestMethod);
            Assert.Equal("/seedance/generations/cgt-1", exception.RequestPath);
            Assert.Equal(code, exception.ErrorCode);
            Assert.Equal(message, exception.ErrorMessage);
            Assert.Contains(status.ToString(), exception.Message);
            if (body.Length > 0)
            {
                Assert.Contains(body, exception.Message);
            }
        }

        [Fact]
        public async Task A_success_with_a_body_that_is_not_json_becomes_ApiException_with_the_body()
        {
            await using var server = await LoopbackServer.StartAsync(200, "<html>gateway timeout</html>", "text/html");
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http);

            var exception = await Assert.ThrowsAsync<ApiException>(() => client.Seedance.GetGenerationAsync("cgt-1"));

            Assert.Equal(200, exception.Status);
            Assert.Equal("<html>gateway timeout</html>", exception.Content);
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(exception.InnerException);
        }
    }
}
