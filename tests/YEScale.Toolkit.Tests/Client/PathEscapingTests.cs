using System.Linq;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Client
{
    /// <summary>A task id reaches the server as exactly one path segment, whatever it holds.</summary>
    public class PathEscapingTests
    {
        [Theory]
        [InlineData("a/b?c=d#e f/../g", "/seedance/generations/a%2Fb%3Fc%3Dd%23e%20f%2F..%2Fg")]
        [InlineData("../../v1/models", "/seedance/generations/..%2F..%2Fv1%2Fmodels")]
        [InlineData("tâche 1%", "/seedance/generations/t%C3%A2che%201%25")]
        public async Task A_task_id_with_reserved_characters_is_sent_as_one_escaped_segment(string taskId, string expectedTarget)
        {
            await using var server = await LoopbackServer.StartAsync(200, SeedPage.ExampleJson());
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http);

            await client.Seedance.GetGenerationAsync(taskId);

            var request = server.Requests.Single();
            Assert.Equal(expectedTarget, request.RawTarget);
            // The server decodes the segment back to the id the caller gave.
            var lastSegment = request.RawTarget.Substring("/seedance/generations/".Length);
            Assert.DoesNotContain("/", lastSegment);
            Assert.Equal(taskId, System.Uri.UnescapeDataString(lastSegment));
        }

        [Theory]
        [InlineData("..")]
        [InlineData(".")]
        [InlineData("")]
        public async Task A_task_id_that_no_path_segment_can_carry_is_refused_before_sending(string taskId)
        {
            await using var server = await LoopbackServer.StartAsync(200, SeedPage.ExampleJson());
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http);

            var exception = await Assert.ThrowsAsync<System.ArgumentException>(() => client.Seedance.GetGenerationAsync(taskId));

            Assert.Contains("path segment", exception.Message);
            Assert.Empty(server.Requests);
        }
    }
}
