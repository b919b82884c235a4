using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;
using YEScale.Toolkit.Tests.ParameterEcho;

namespace YEScale.Toolkit.Tests.Client
{
    /// <summary>
    /// Path keys that carry a literal query (<c>/responses?beta=true</c>, as a major vendor's spec writes its beta
    /// endpoints) are sent as that path with that query, merged with the operation's own query parameters; a key that
    /// differs from another only by its query is an operation of its own.
    /// </summary>
    public class PathQueryTests
    {
        /// <summary>The path and query each request had when it reached Kestrel (path decoded, query as ASP.NET Core parsed it).</summary>
        private static async Task<(LoopbackServer Server, System.Collections.Concurrent.ConcurrentQueue<string> Seen)> PathServer()
        {
            var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var server = await LoopbackServer.StartAsync(context =>
            {
                var query = string.Join("&", context.Request.Query.SelectMany(pair => pair.Value.Select(value => pair.Key + "=" + value)));
                seen.Enqueue(context.Request.Method + " " + context.Request.Path.Value + " " + query);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            });
            return (server, seen);
        }

        [Fact]
        public async Task A_literal_query_in_the_path_key_is_sent_as_query_beside_the_operation_parameters()
        {
            var (server, seen) = await PathServer();
            await using var _ = server;
            using var http = server.CreateHttpClient();

            await new ParameterEchoClient(http).CreateBetaResponseAsync(limit: 5);

            Assert.Equal("/responses?beta=true&limit=5", server.Requests.Single().RawTarget);
            Assert.Equal("POST /responses beta=true&limit=5", seen.Single());
        }

        [Fact]
        public async Task Two_path_keys_that_differ_only_by_a_literal_query_are_two_operations_reaching_their_own_endpoint()
        {
            var (server, seen) = await PathServer();
            await using var _ = server;
            using var http = server.CreateHttpClient();
            var client = new ParameterEchoClient(http);

            await client.CreateResponseAsync(limit: 1);
            await client.CreateBetaResponseAsync();
            await client.GetResponsesAsync();
            await client.GetResponsesBetaTrueAsync();

            Assert.Equal(new[] { "/responses?limit=1", "/responses?beta=true", "/responses", "/responses?beta=true" }, server.Requests.Select(r => r.RawTarget));
            Assert.Equal(new[] { "POST /responses limit=1", "POST /responses beta=true", "GET /responses ", "GET /responses beta=true" }, seen);
        }

        [Fact]
        public async Task A_parameter_named_like_a_literal_query_pair_replaces_it_when_given_and_leaves_it_when_not()
        {
            var (server, seen) = await PathServer();
            await using var _ = server;
            using var http = server.CreateHttpClient();
            var client = new ParameterEchoClient(http);

            await client.CreateBetaResponseAsync(beta: "false");
            await client.GetItemViewAsync("a b", "fr", page: 2);

            Assert.Equal(new[] { "/responses?beta=false", "/items/a%20b?view=full%20text&lang=fr&page=2" }, server.Requests.Select(r => r.RawTarget));
            Assert.Equal(new[] { "POST /responses beta=false", "GET /items/a b view=full text&lang=fr&page=2" }, seen);
        }
    }
}
