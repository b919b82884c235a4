using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Client
{
    /// <summary>The key goes where the spec's security scheme says, and nowhere else.</summary>
    public class ApiKeyTests
    {
        private const string Key = "sk-yescale-test-0123456789abcdef";

        [Fact]
        public async Task The_key_is_sent_as_a_bearer_header()
        {
            await using var server = await LoopbackServer.StartAsync(200, SeedPage.ExampleJson());
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { ApiKey = Key });

            await client.Seedance.GetGenerationAsync("cgt-1");

            Assert.Equal("Bearer " + Key, server.Requests.Single().Headers["Authorization"]);
        }

        [Fact]
        public async Task Without_a_key_no_authorization_header_is_sent()
        {
            await using var server = await LoopbackServer.StartAsync(200, SeedPage.ExampleJson());
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http);

            await client.Seedance.GetGenerationAsync("cgt-1");

            Assert.False(server.Requests.Single().Headers.ContainsKey("Authorization"));
        }

        [Fact]
        public async Task The_key_never_appears_in_the_exception_even_when_the_server_echoes_it()
        {
            // A misbehaving gateway that repeats the request's Authorization header in its error body and headers.
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                var authorization = context.Request.Headers.Authorization.ToString();
                context.Response.StatusCode = 401;
                context.Response.Headers["X-Debug"] = "ok";
                await context.Response.WriteAsync("{\"error\":{\"message\":\"invalid token " + authorization + "\",\"code\":\"" + Key + "\"}}");
            });
            using var http = server.CreateHttpClient();
            var options = new ApiClientOptions { ApiKey = Key };
            var client = new YEScale.YEScaleClient(http, options);

            var exception = await Assert.ThrowsAsync<ApiException>(() => client.Seedance.GetGenerationAsync("cgt-1"));

            Assert.Equal(401, exception.Status);
            Assert.Contains("invalid token Bearer ***", exception.Content);
            Assert.DoesNotContain(Key, exception.ToString());
            Assert.DoesNotContain(Key, exception.Message);
            Assert.DoesNotContain(Key, exception.Content);
            Assert.DoesNotContain(Key, exception.ErrorMessage ?? string.Empty);
            Assert.DoesNotContain(Key, exception.ErrorCode ?? string.Empty);
            Assert.DoesNotContain(Key, string.Join(";", exception.Headers.SelectMany(h => h.Value)));
            Assert.DoesNotContain(Key, options.ToString());
        }

        [Fact]
        public void The_credential_and_options_describe_themselves_without_the_key()
        {
            var credential = new ApiKeyCredential(Key);
            Assert.Equal("***", credential.ToString());
            var described = new ApiClientOptions { ApiKey = Key }.ToString();
            Assert.StartsWith("BaseAddress = (default), ApiKey = ***, Timeout = 00:10:00, Retry = up to 4 attempts", described);
            Assert.DoesNotContain(Key, described);
        }
    }
}
