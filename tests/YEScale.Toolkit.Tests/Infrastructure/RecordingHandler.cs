using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    /// <summary>One request as the client sent it and the answer as the server gave it.</summary>
    public sealed record Exchange(string Method, string PathAndQuery, string? RequestContentType, string? RequestBody, int Status, string? ResponseContentType, string? ResponseBody)
    {
        public override string ToString() => Method + " " + PathAndQuery + " -> " + Status;
    }

    /// <summary>
    /// Watches what crosses the wire, changing nothing: JSON bodies are kept for the spec conformance check; streams
    /// (server-sent events) pass through unbuffered, so streaming tests still see chunks as they arrive.
    /// </summary>
    public sealed class RecordingHandler : DelegatingHandler
    {
        private readonly ConcurrentQueue<Exchange> _exchanges = new();

        public RecordingHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        public IReadOnlyList<Exchange> Exchanges => _exchanges.ToList();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var requestType = request.Content?.Headers.ContentType?.MediaType;
            var requestBody = request.Content != null && IsJson(requestType) ? await request.Content.ReadAsStringAsync(cancellationToken) : null;
            var response = await base.SendAsync(request, cancellationToken);
            var responseType = response.Content.Headers.ContentType?.MediaType;
            string? responseBody = null;
            if (IsJson(responseType))
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
            }

            _exchanges.Enqueue(new Exchange(request.Method.Method, request.RequestUri!.PathAndQuery, requestType, requestBody, (int)response.StatusCode, responseType, responseBody));
            return response;
        }

        private static bool IsJson(string? mediaType) => mediaType != null && (mediaType == "application/json" || mediaType.EndsWith("+json", System.StringComparison.Ordinal));
    }
}
