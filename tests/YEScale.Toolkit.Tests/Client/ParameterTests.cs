using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;
using YEScale.Toolkit.Tests.ParameterEcho;

namespace YEScale.Toolkit.Tests.Client
{
    /// <summary>A client generated from a second spec (no item metadata) sends every kind of parameter as the spec says.</summary>
    public class ParameterTests
    {
        private static Task<LoopbackServer> EchoServer() => LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            await context.Response.WriteAsync(body.RootElement.GetRawText());
        });

        [Fact]
        public void Without_metadata_the_namespace_and_client_name_come_from_the_project_and_the_title()
        {
            Assert.Equal("YEScale.Toolkit.Tests.ParameterEcho.ParameterEchoClient", typeof(ParameterEchoClient).FullName);
        }

        [Fact]
        public async Task Path_query_header_cookie_and_body_reach_the_server_as_the_spec_describes()
        {
            await using var server = await EchoServer();
            using var http = server.CreateHttpClient();
            var client = new ParameterEchoClient(http);
            var item = new Item
            {
                Name = "lamp",
                Tags = new List<string> { "a", "b" },
                Weights = new Dictionary<string, double> { ["x"] = 1.5 },
                Created = new DateTimeOffset(2025, 7, 2, 3, 34, 31, TimeSpan.Zero),
                Id = Guid.Parse("0b0e5d4e-58a4-4c4b-9a5f-2c0f4d3c2a10"),
            };

            var stored = await client.PutItemTagAsync(
                42,
                "red/blue",
                "name eq 'x'",
                "trace-1",
                item,
                ids: new[] { 1, 2 },
                fields: new[] { "name", "tags" },
                limit: 10,
                verbose: true,
                since: new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
                xMode: Mode.Careful,
                session: "s 1");

            var request = server.Requests.Single();
            Assert.Equal("PUT", request.Method);
            Assert.Equal(
                "/items/42/tags/red%2Fblue?filter=name%20eq%20%27x%27&ids=1&ids=2&fields=name%2Ctags&limit=10&verbose=true&since=2025-01-02T03%3A04%3A05.0000000%2B00%3A00",
                request.RawTarget);
            Assert.Equal("trace-1", request.Headers["X-Trace-Id"]);
            Assert.Equal("careful", request.Headers["X-Mode"]);
            Assert.Equal("session=s%201", request.Headers["Cookie"]);
            Assert.Equal("application/json", request.Headers["Content-Type"]);
            using var sent = JsonDocument.Parse(request.Body);
            Assert.Equal("lamp", sent.RootElement.GetProperty("name").GetString());
            Assert.False(sent.RootElement.TryGetProperty("note", out _), "an optional member that is null is left out");
            Assert.Equal("0b0e5d4e-58a4-4c4b-9a5f-2c0f4d3c2a10", sent.RootElement.GetProperty("id").GetString());

            Assert.Equal("lamp", stored.Name);
            Assert.Equal(new[] { "a", "b" }, stored.Tags);
            Assert.Equal(1.5, stored.Weights!["x"]);
            Assert.Equal(item.Created, stored.Created);
            Assert.Equal(item.Id, stored.Id);
            Assert.Null(stored.Note);
        }

        [Fact]
        public async Task Optional_parameters_left_null_are_not_sent()
        {
            await using var server = await EchoServer();
            using var http = server.CreateHttpClient();
            var client = new ParameterEchoClient(http);

            await client.PutItemTagAsync(1, "t", "f", "trace", new Item { Name = "n", Tags = new List<string>() });

            var request = server.Requests.Single();
            Assert.Equal("/items/1/tags/t?filter=f", request.RawTarget);
            Assert.False(request.Headers.ContainsKey("X-Mode"));
            Assert.False(request.Headers.ContainsKey("Cookie"));
        }

        [Fact]
        public async Task A_required_body_or_parameter_that_is_null_is_refused_before_sending()
        {
            await using var server = await EchoServer();
            using var http = server.CreateHttpClient();
            var client = new ParameterEchoClient(http);

            await Assert.ThrowsAsync<ArgumentNullException>(() => client.PutItemTagAsync(1, "t", "f", "trace", null!));
            await Assert.ThrowsAsync<ArgumentNullException>(() => client.PutItemTagAsync(1, null!, "f", "trace", new Item { Name = "n", Tags = new List<string>() }));
            Assert.Empty(server.Requests);
        }
    }
}
