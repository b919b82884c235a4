using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Benchmarks.Infrastructure
{
    /// <summary>
    /// Answers every request with the same body, in memory: no socket, no server, so a client benchmark times only
    /// the client (request building, headers, writing the request body, reading and deserializing the answer). Each call
    /// gets a fresh response over the same cached bytes, as from a real handler.
    /// </summary>
    internal sealed class CannedResponseHandler : HttpMessageHandler
    {
        private readonly byte[] _body;
        private readonly string _mediaType;

        /// <param name="body">The answer's bytes, served as they are for every request.</param>
        /// <param name="mediaType">The answer's media type (charset utf-8): application/json, or text/event-stream for a stream.</param>
        public CannedResponseHandler(byte[] body, string mediaType = "application/json")
        {
            _body = body;
            _mediaType = mediaType;
        }

        /// <summary>The last request's method, path, Authorization header and body, to check once that every client sent the same thing.</summary>
        public string? LastMethod { get; private set; }

        public string? LastPath { get; private set; }

        public string? LastAuthorization { get; private set; }

        public byte[]? LastBody { get; private set; }

        public bool Record { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                return SendWithBodyAsync(request, content, cancellationToken);
            }

            Remember(request, null);
            return Task.FromResult(Answer(request));
        }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
            => SendAsync(request, cancellationToken).GetAwaiter().GetResult();

        /// <summary>
        /// Writes the request body out, as a socket handler would (asking its length first): a client that writes its body
        /// lazily does that work here, as it would on the wire.
        /// </summary>
        private async Task<HttpResponseMessage> SendWithBodyAsync(HttpRequestMessage request, HttpContent content, CancellationToken cancellationToken)
        {
            _ = content.Headers.ContentLength;
            if (Record)
            {
                using var copy = new MemoryStream();
                await content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                Remember(request, copy.ToArray());
            }
            else
            {
                await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }

            return Answer(request);
        }

        private void Remember(HttpRequestMessage request, byte[]? body)
        {
            if (Record)
            {
                LastMethod = request.Method.Method;
                LastPath = request.RequestUri?.AbsolutePath;
                LastAuthorization = request.Headers.Authorization?.ToString();
                LastBody = body;
            }
        }

        private HttpResponseMessage Answer(HttpRequestMessage request)
        {
            var content = new ByteArrayContent(_body);
            content.Headers.ContentType = new MediaTypeHeaderValue(_mediaType) { CharSet = "utf-8" };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
