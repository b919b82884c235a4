using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using YEScale.Toolkit.Json;

namespace YEScale.Toolkit.Http
{
    /// <summary>
    /// Sends a generated client's requests: resolves the base address, adds the key, turns failures into
    /// <see cref="ApiException"/> and reads bodies with the generated JSON converters (no reflection).
    /// </summary>
    public sealed class ApiPipeline
    {
        private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new MediaTypeWithQualityHeaderValue("application/json");

        private readonly HttpClient _httpClient;
        private readonly ApiKeyCredential? _credential;
        private readonly ApiAuthentication _authentication;
        private readonly Microsoft.Extensions.Logging.ILogger? _logger;

        /// <summary>Creates the pipeline a generated client sends through.</summary>
        /// <param name="httpClient">The client to send with; the pipeline does not dispose it.</param>
        /// <param name="options">Base address and key; null for defaults.</param>
        /// <param name="defaultBaseAddress">The OpenAPI document's first server, if it names an absolute one.</param>
        /// <param name="authentication">Where the document's security scheme puts the key.</param>
        public ApiPipeline(HttpClient httpClient, ApiClientOptions? options, Uri? defaultBaseAddress, ApiAuthentication authentication)
        {
            _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
            _authentication = authentication ?? throw new ArgumentNullException(nameof(authentication));
            BaseAddress = options?.BaseAddress ?? httpClient.BaseAddress ?? defaultBaseAddress
                ?? throw new InvalidOperationException("No base address: the OpenAPI document names no absolute server, so set ApiClientOptions.BaseAddress or HttpClient.BaseAddress.");
            if (!BaseAddress.IsAbsoluteUri)
            {
                throw new ArgumentException("The base address must be an absolute URI.", nameof(options));
            }

            _credential = string.IsNullOrWhiteSpace(options?.ApiKey) ? null : new ApiKeyCredential(options!.ApiKey!);
            _logger = options?.LoggerFactory is { } factory ? factory.CreateLogger(Diagnostics.ToolkitLog.RequestCategory) : null;
        }

        /// <summary>The address every request path is appended to.</summary>
        public Uri BaseAddress { get; }

        /// <summary>Starts a request URI at the base address.</summary>
        public RequestUriBuilder CreateUri()
        {
            return new RequestUriBuilder(BaseAddress);
        }

        /// <summary>Creates a request for <paramref name="uri"/>, with the key where the security scheme asks for it.</summary>
        public HttpRequestMessage CreateRequest(HttpMethod method, RequestUriBuilder uri, string? accept = "application/json")
        {
            if (_credential != null && _authentication.Location == ApiKeyLocation.Query)
            {
                uri.AppendQuery(_authentication.Name!, _credential.Key);
            }

            var request = new HttpRequestMessage(method, uri.ToUri());
            if (accept == "application/json")
            {
                request.Headers.Accept.Add(JsonMediaType);
            }
            else if (accept != null)
            {
                request.Headers.Accept.ParseAdd(accept);
            }

            if (_credential != null)
            {
                switch (_authentication.Location)
                {
                    case ApiKeyLocation.Bearer:
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _credential.Key);
                        break;
                    case ApiKeyLocation.Header:
                        request.Headers.TryAddWithoutValidation(_authentication.Name!, _credential.Key);
                        break;
                }
            }

            return request;
        }

        /// <summary>A JSON request body written with a generated converter.</summary>
        public HttpContent CreateJsonContent<T>(T value, JsonConverter<T> converter, string mediaType = "application/json")
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                // A request body: read-only members stay out of it.
                ApiJson.Write(writer, value, converter, ApiJson.RequestOptions);
            }

            var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return content;
        }

        /// <summary>Sends the request and reads a JSON body with <paramref name="converter"/>.</summary>
        public async Task<T> SendAsync<T>(HttpRequestMessage request, JsonConverter<T> converter, string operationId, string? taskId, CancellationToken cancellationToken)
        {
            using var response = await SendCoreAsync(request, operationId, taskId, cancellationToken).ConfigureAwait(false);
            using var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                return ApiJson.Read(body.Segment, converter);
            }
            catch (JsonException exception)
            {
                throw CreateException(request, response, operationId, taskId, body.Segment, exception, "returned a body that is not the expected JSON");
            }
        }

        /// <summary>
        /// Sends the request and yields each server-sent event's data, read with <paramref name="converter"/>, as it
        /// arrives; a <c>data: [DONE]</c> event (OpenAI's end marker) ends the stream.
        /// </summary>
        public async IAsyncEnumerable<T> StreamEventsAsync<T>(HttpRequestMessage request, JsonConverter<T> converter, string operationId, string? taskId, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var response = await SendCoreAsync(request, operationId, taskId, cancellationToken).ConfigureAwait(false);
            await EnsureEventStreamAsync(request, response, operationId, taskId, cancellationToken).ConfigureAwait(false);
            using var stream = await OpenBodyAsync(response, cancellationToken).ConfigureAwait(false);
            var parser = System.Net.ServerSentEvents.SseParser.Create(stream, (eventType, data) => ParseEvent(data, converter));
            await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item.Data.Done)
                {
                    yield break;
                }

                if (item.Data.Failure is { } failure)
                {
                    throw CreateException(
                        request,
                        response,
                        operationId,
                        taskId,
                        new ArraySegment<byte>(failure.Data),
                        failure.Exception,
                        failure.Exception is null ? "sent an error event inside the stream" : "sent an event that is not the expected JSON");
                }

                yield return item.Data.Value!;
            }
        }

        /// <summary>Sends the request and yields each server-sent event's data as text, as it arrives (until <c>data: [DONE]</c>).</summary>
        public async IAsyncEnumerable<string> StreamTextEventsAsync(HttpRequestMessage request, string operationId, string? taskId, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var response = await SendCoreAsync(request, operationId, taskId, cancellationToken).ConfigureAwait(false);
            await EnsureEventStreamAsync(request, response, operationId, taskId, cancellationToken).ConfigureAwait(false);
            using var stream = await OpenBodyAsync(response, cancellationToken).ConfigureAwait(false);
            await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item.Data == "[DONE]")
                {
                    yield break;
                }

                yield return item.Data;
            }
        }

        /// <summary>
        /// Throws when a successful answer is not an event stream. Read as events, a whole JSON answer has no
        /// <c>data:</c> line and would end the stream empty and silently; the usual cause is a request that did not ask to stream.
        /// </summary>
        private async Task EnsureEventStreamAsync(HttpRequestMessage request, HttpResponseMessage response, string operationId, string? taskId, CancellationToken cancellationToken)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is null || string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            using var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            throw CreateException(request, response, operationId, taskId, body.Segment, null, "answered " + mediaType + " instead of text/event-stream (did the request ask the server to stream? For OpenAI-style APIs, set the body's stream member to true)");
        }

        private static StreamEvent<T> ParseEvent<T>(ReadOnlySpan<byte> data, JsonConverter<T> converter)
        {
            if (data.SequenceEqual(DoneMarker))
            {
                return new StreamEvent<T>(default, true, null);
            }

            // A gateway that fails after the stream has begun can only say so in an event: {"error": {...}} (OpenAI's
            // shape). Read as a chunk it would be one with nothing in it; it is the stream's failure.
            if (IsErrorEvent(data))
            {
                return new StreamEvent<T>(default, false, (data.ToArray(), null));
            }

            try
            {
                return new StreamEvent<T>(ApiJson.Read(data, converter), false, null);
            }
            catch (JsonException exception)
            {
                return new StreamEvent<T>(default, false, (data.ToArray(), exception));
            }
        }

        /// <summary>True for an event whose data is an object with a top-level <c>error</c> member that is not null.</summary>
        private static bool IsErrorEvent(ReadOnlySpan<byte> data)
        {
            var reader = new Utf8JsonReader(data);
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isError = reader.ValueTextEquals(ErrorMember);
                    reader.Read();
                    if (isError)
                    {
                        return reader.TokenType != JsonTokenType.Null;
                    }

                    reader.Skip();
                }
            }
            catch (JsonException)
            {
                // Not JSON: the converter reports it.
            }

            return false;
        }

        private static ReadOnlySpan<byte> ErrorMember => new byte[] { (byte)'e', (byte)'r', (byte)'r', (byte)'o', (byte)'r' };

        private static ReadOnlySpan<byte> DoneMarker => new byte[] { (byte)'[', (byte)'D', (byte)'O', (byte)'N', (byte)'E', (byte)']' };

        private readonly struct StreamEvent<T>
        {
            public StreamEvent(T? value, bool done, (byte[] Data, JsonException? Exception)? failure)
            {
                Value = value;
                Done = done;
                Failure = failure;
            }

            public T? Value { get; }

            public bool Done { get; }

            /// <summary>The event's data and why it failed: a JsonException, or none for an error event.</summary>
            public (byte[] Data, JsonException? Exception)? Failure { get; }
        }

        /// <summary>Sends the request and ignores any body.</summary>
        public async Task SendAsync(HttpRequestMessage request, string operationId, string? taskId, CancellationToken cancellationToken)
        {
            using var response = await SendCoreAsync(request, operationId, taskId, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Sends the request and returns the body as text.</summary>
        public async Task<string> SendForTextAsync(HttpRequestMessage request, string operationId, string? taskId, CancellationToken cancellationToken)
        {
            using var response = await SendCoreAsync(request, operationId, taskId, cancellationToken).ConfigureAwait(false);
            using var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            return Decode(body.Segment, response);
        }

        /// <summary>A body sent from a stream (octet-stream and other binary media).</summary>
        public static HttpContent CreateStreamContent(Stream content, string mediaType)
        {
            var body = new StreamContent(content ?? throw new ArgumentNullException(nameof(content)));
            body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return body;
        }

        /// <summary>A text body.</summary>
        public static HttpContent CreateTextContent(string content, string mediaType)
            => new StringContent(content ?? throw new ArgumentNullException(nameof(content)), Encoding.UTF8, mediaType);

        /// <summary>Sends the request and returns the body's bytes.</summary>
        public async Task<byte[]> SendForBytesAsync(HttpRequestMessage request, string operationId, string? taskId, CancellationToken cancellationToken)
        {
            using var response = await SendCoreAsync(request, operationId, taskId, cancellationToken).ConfigureAwait(false);
            using var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            return body.ToArray();
        }

        /// <summary>
        /// Downloads a task's result from <paramref name="url"/> (absolute, or relative to the base address) into
        /// <paramref name="destination"/>. The API key is never sent: result links point at storage hosts, not the API.
        /// </summary>
        public async Task DownloadAsync(string url, Stream destination, string operationId, string? taskId, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                throw new ArgumentException("The task has no result URL yet.", nameof(url));
            }

            if (destination is null)
            {
                throw new ArgumentNullException(nameof(destination));
            }

            var address = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute : new Uri(BaseAddress, url);
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            using var response = await SendCoreAsync(request, operationId, taskId, cancellationToken).ConfigureAwait(false);
            var stream = await OpenBodyAsync(response, cancellationToken).ConfigureAwait(false);
            using (stream)
            {
                await stream.CopyToAsync(destination, 81920, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, string operationId, string? taskId, CancellationToken cancellationToken)
        {
            var started = _logger is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (_logger != null)
            {
                Diagnostics.ToolkitLog.Failed(_logger, operationId, request.Method.Method, RedactedPath(request.RequestUri) ?? string.Empty, Since(started), exception);
                throw;
            }

            if (_logger != null)
            {
                Diagnostics.ToolkitLog.Finished(_logger, operationId, request.Method.Method, RedactedPath(request.RequestUri) ?? string.Empty, (int)response.StatusCode, Since(started));
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                using var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                throw CreateException(request, response, operationId, taskId, body.Segment, null, null);
            }
        }

        private ApiException CreateException(HttpRequestMessage request, HttpResponseMessage response, string operationId, string? taskId, ArraySegment<byte> body, Exception? inner, string? problem)
        {
            var content = _credential?.Redact(Decode(body, response)) ?? Decode(body, response);
            return new ApiException(
                (int)response.StatusCode,
                response.ReasonPhrase,
                content,
                CollectHeaders(response),
                operationId,
                request.Method.Method,
                RedactedPath(request.RequestUri),
                taskId,
                inner,
                problem);
        }

        private static TimeSpan Since(long started)
            => TimeSpan.FromTicks((long)((System.Diagnostics.Stopwatch.GetTimestamp() - started) * ((double)TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency)));

        private string? RedactedPath(Uri? uri)
        {
            if (uri is null)
            {
                return null;
            }

            var path = uri.PathAndQuery;
            if (_credential is null)
            {
                return path;
            }

            // The key may sit in the query escaped or not.
            return _credential.Redact(path)!.Replace(Uri.EscapeDataString(_credential.Key), ApiKeyCredential.Redacted);
        }

        private static IReadOnlyDictionary<string, IReadOnlyList<string>> CollectHeaders(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }

            foreach (var header in response.Content.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }

            return headers;
        }

        private static async Task<PooledBody> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var stream = await OpenBodyAsync(response, cancellationToken).ConfigureAwait(false);
            using (stream)
            {
                return await PooledBody.ReadAsync(stream, response.Content.Headers.ContentLength, cancellationToken).ConfigureAwait(false);
            }
        }

        private static Task<Stream> OpenBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
#if NET5_0_OR_GREATER
            return response.Content.ReadAsStreamAsync(cancellationToken);
#else
            // netstandard2.0's HttpContent takes no token; the copy that follows honours it.
            return response.Content.ReadAsStreamAsync();
#endif
        }

        private static string Decode(ArraySegment<byte> body, HttpResponseMessage response)
        {
            var charset = response.Content.Headers.ContentType?.CharSet;
            Encoding encoding;
            try
            {
                encoding = string.IsNullOrEmpty(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset!.Trim('"'));
            }
            catch (ArgumentException)
            {
                encoding = Encoding.UTF8;
            }

            return encoding.GetString(body.Array!, body.Offset, body.Count);
        }
    }
}
