using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Benchmarks.Infrastructure
{
    /// <summary>
    /// Answers every request with the same JSON body, in memory: no socket, no server, so a client benchmark times only
    /// the client (request building, headers, reading and deserializing the body). Each call gets a fresh response,
    /// as from a real handler.
    /// </summary>
    internal sealed class CannedResponseHandler : HttpMessageHandler
    {
        private readonly byte[] _body;

        public CannedResponseHandler(byte[] body) => _body = body;

        /// <summary>The last request's path and Authorization header, to check once that every client sent the same thing.</summary>
        public string? LastPath { get; private set; }

        public string? LastAuthorization { get; private set; }

        public bool Record { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Record)
            {
                LastPath = request.RequestUri?.AbsolutePath;
                LastAuthorization = request.Headers.Authorization?.ToString();
            }

            var content = new ByteArrayContent(_body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
            => SendAsync(request, cancellationToken).GetAwaiter().GetResult();
    }
}
