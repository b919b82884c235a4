using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    /// <summary>What a request looked like when it reached the server.</summary>
    public sealed record RecordedRequest(string Method, string RawTarget, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>A real Kestrel server on 127.0.0.1 with a free port, answering with a delegate and recording every request.</summary>
    public sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<RecordedRequest> _requests = new();

        private LoopbackServer(WebApplication app, Uri address)
        {
            _app = app;
            BaseAddress = address;
        }

        public Uri BaseAddress { get; }

        public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

        public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handler)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            LoopbackServer? server = null;
            app.Run(async context =>
            {
                context.Request.EnableBuffering();
                var body = await new System.IO.StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync();
                context.Request.Body.Position = 0;
                var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
                server!._requests.Enqueue(new RecordedRequest(
                    context.Request.Method,
                    rawTarget,
                    context.Request.Path.Value ?? string.Empty,
                    context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    body));
                await handler(context);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server = new LoopbackServer(app, new Uri(address + "/"));
            return server;
        }

        /// <summary>A server that answers every request with one status and body.</summary>
        public static Task<LoopbackServer> StartAsync(int status, string body, string contentType = "application/json")
            => StartAsync(async context =>
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = contentType;
                await context.Response.WriteAsync(body);
            });

        public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
