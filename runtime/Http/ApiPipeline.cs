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
        private readonly RetryOptions _retry;
        private readonly TimeSpan _timeout;
        private readonly TimeSpan _streamIdleTimeout;
        private readonly Polling.ITaskJournal? _journal;

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
            _retry = (options?.Retry ?? new RetryOptions()).Clone();
            _retry.Validate();
            _timeout = options?.Timeout ?? TimeSpan.FromMinutes(10);
            _streamIdleTimeout = options?.StreamIdleTimeout ?? TimeSpan.FromMinutes(5);
            if (_timeout <= TimeSpan.Zero && _timeout != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(options), _timeout, "ApiClientOptions.Timeout must be positive (or Timeout.InfiniteTimeSpan).");
            }

            _journal = options?.TaskJournal;
        }

        /// <summary>The failure of a submit whose successful answer has no task id where the document says it is: the task may exist.</summary>
        public static ApiException NoTaskId(string operationId, string pointer, string? content = null)
            => new ApiException(200, null, content, null, operationId, null, null, null, null, "answered without a task id at " + pointer + " (the task may exist: check the account's tasks)");

        /// <summary>What the server last said about its rate limit; the batch waiter's polls wait at it.</summary>
        public RateLimitGate RateLimits { get; } = new RateLimitGate();

        /// <summary>The address every request path is appended to.</summary>
        public Uri BaseAddress { get; }

        /// <summary>Starts a request URI at the base address.</summary>
        public RequestUriBuilder CreateUri()
        {
            return new RequestUriBuilder(BaseAddress);
        }

        /// <summary>Creates a request for <paramref name="uri"/>, with the key where the security scheme asks for it.</summary>
        public HttpRequestMessage CreateRequest(HttpMethod method, RequestUriBuilder uri, string? accept = "application/json")
            => CreateRequest(method, uri, accept, null);

        /// <summary>Creates a request for <paramref name="uri"/> with the key, plus the call's extra query parameters.</summary>
        public HttpRequestMessage CreateRequest(HttpMethod method, RequestUriBuilder uri, string? accept, RequestOptions? options)
        {
            if (options is { HasQuery: true })
            {
                foreach (var pair in options.QueryPairs)
                {
                    uri.AppendQuery(pair.Key, pair.Value);
                }
            }

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

            var content = new JsonBodyContent(buffer.GetBuffer(), (int)buffer.Length);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return content;
        }

        /// <summary>A JSON body in memory whose bytes telemetry may read (the request's model) without a copy.</summary>
        internal sealed class JsonBodyContent : ByteArrayContent
        {
            public JsonBodyContent(byte[] buffer, int count)
                : base(buffer, 0, count)
            {
                Bytes = new ArraySegment<byte>(buffer, 0, count);
            }

            public ArraySegment<byte> Bytes { get; }
        }

        /// <summary>Sends the request (with retries) and reads a JSON body with <paramref name="converter"/>.</summary>
        public Task<T> SendAsync<T>(HttpRequestMessage request, JsonConverter<T> converter, ApiOperation operation, string? taskId, RequestOptions? options, CancellationToken cancellationToken)
            => ExecuteAsync(request, operation, taskId, options, converter, ReadJsonAsync, cancellationToken);

        private static async Task<T> ReadJsonAsync<T>(Exchange exchange, JsonConverter<T> converter)
        {
            using var body = await ReadBodyAsync(exchange.Response, exchange.Token).ConfigureAwait(false);
            exchange.CheckAnswer(body.Segment);
            if (exchange.Telemetry is { ReadsBodies: true } telemetry)
            {
                telemetry.ReadAnswer(body.Segment.AsSpan());
            }

            try
            {
                return ApiJson.Read(body.Segment, converter);
            }
            catch (JsonException exception)
            {
                throw exchange.Fail(body.Segment, exception, "returned a body that is not the expected JSON");
            }
        }

        /// <summary>
        /// Sends the request and yields each server-sent event's data, read with <paramref name="converter"/>, as it
        /// arrives; a <c>data: [DONE]</c> event (OpenAI's end marker) ends the stream, an <c>{"error": ...}</c> event fails it.
        /// </summary>
        public IAsyncEnumerable<T> StreamEventsAsync<T>(HttpRequestMessage request, JsonConverter<T> converter, ApiOperation operation, string? taskId, RequestOptions? options, CancellationToken cancellationToken)
            => ReadEventsAsync(request, operation, taskId, options, (eventType, data) => ParseEvent(data, converter), cancellationToken);

        /// <summary>Sends the request and yields each server-sent event's data as text, as it arrives (until <c>data: [DONE]</c>).</summary>
        public IAsyncEnumerable<string> StreamTextEventsAsync(HttpRequestMessage request, ApiOperation operation, string? taskId, RequestOptions? options, CancellationToken cancellationToken)
            => ReadEventsAsync(request, operation, taskId, options, static (eventType, data) => data.SequenceEqual(DoneMarker)
                ? new StreamEvent<string>(null, true, null)
                : new StreamEvent<string>(Encoding.UTF8.GetString(data.ToArray()), false, null), cancellationToken);

        /// <summary>
        /// The stream both variants read: opened with retries until its headers, then each event parsed as it arrives,
        /// with the idle timeout restarted per event; leaving early closes the connection.
        /// </summary>
        private async IAsyncEnumerable<T> ReadEventsAsync<T>(HttpRequestMessage request, ApiOperation operation, string? taskId, RequestOptions? options, System.Net.ServerSentEvents.SseItemParser<StreamEvent<T>> parse, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var exchange = await OpenAsync(request, operation, taskId, options, cancellationToken).ConfigureAwait(false);
            await EnsureEventStreamAsync(exchange).ConfigureAwait(false);
            var idle = options?.StreamIdleTimeout ?? _streamIdleTimeout;
            var stream = await exchange.OpenBodyAsync().ConfigureAwait(false);
            if (exchange.Telemetry is { ReadsBodies: true } telemetry)
            {
                // The model and usage of a streamed chat are in its events; read only when observed.
                var inner = parse;
                parse = (eventType, data) =>
                {
                    telemetry.ReadEvent(data);
                    return inner(eventType, data);
                };
            }

            var events = System.Net.ServerSentEvents.SseParser.Create(stream, parse).EnumerateAsync(exchange.Token).GetAsyncEnumerator(exchange.Token);
            try
            {
                while (true)
                {
                    exchange.RestartTimer(idle);
                    if (!await exchange.MoveNextAsync(events, cancellationToken).ConfigureAwait(false))
                    {
                        yield break;
                    }

                    var item = events.Current.Data;
                    if (item.Done)
                    {
                        // [DONE] is the stream's normal end: what follows it is at most the body's last bytes, which the
                        // handler reads when the response is disposed, keeping the connection for the next call.
                        exchange.MarkEnded();
                        yield break;
                    }

                    if (item.Failure is { } failure)
                    {
                        throw exchange.Fail(
                            new ArraySegment<byte>(failure.Data),
                            failure.Exception,
                            failure.Exception is null ? "sent an error event inside the stream" : "sent an event that is not the expected JSON");
                    }

                    yield return item.Value!;
                }
            }
            finally
            {
                await exchange.CloseEarlyAsync(events).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Throws when a successful answer is not an event stream. Read as events, a whole JSON answer has no
        /// <c>data:</c> line and would end the stream empty and silently; the usual cause is a request that did not ask to stream.
        /// </summary>
        private static async Task EnsureEventStreamAsync(Exchange exchange)
        {
            var mediaType = exchange.Response.Content.Headers.ContentType?.MediaType;
            if (mediaType is null || string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            using var body = await ReadBodyAsync(exchange.Response, exchange.Token).ConfigureAwait(false);
            throw exchange.Fail(body.Segment, null, "answered " + mediaType + " instead of text/event-stream (did the request ask the server to stream? For OpenAI-style APIs, set the body's stream member to true)");
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
            // Almost no event mentions "error" at all; only those are read member by member (a name written with
            // escapes instead of the plain word is not looked for).
            if (data.IndexOf(ErrorMember) < 0)
            {
                return false;
            }

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

        /// <summary>Sends the request (with retries) and ignores any body.</summary>
        public Task SendAsync(HttpRequestMessage request, ApiOperation operation, string? taskId, RequestOptions? options, CancellationToken cancellationToken)
            => ExecuteAsync(request, operation, taskId, options, 0, static async (exchange, _) =>
            {
                using var body = await ReadBodyAsync(exchange.Response, exchange.Token).ConfigureAwait(false);
                exchange.CheckAnswer(body.Segment);
                return 0;
            }, cancellationToken);

        /// <summary>Sends the request (with retries) and returns the body as text.</summary>
        public Task<string> SendForTextAsync(HttpRequestMessage request, ApiOperation operation, string? taskId, RequestOptions? options, CancellationToken cancellationToken)
            => ExecuteAsync(request, operation, taskId, options, 0, static async (exchange, _) =>
            {
                using var body = await ReadBodyAsync(exchange.Response, exchange.Token).ConfigureAwait(false);
                return Decode(body.Segment, exchange.Response);
            }, cancellationToken);

        /// <summary>A body sent from a stream (octet-stream and other binary media); a repeated try sends it again only when the stream can seek.</summary>
        public static HttpContent CreateStreamContent(Stream content, string mediaType)
        {
            var body = new FormBuilder.FilePartContent(content ?? throw new ArgumentNullException(nameof(content)));
            body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return body;
        }

        /// <summary>A text body.</summary>
        public static HttpContent CreateTextContent(string content, string mediaType)
            => new StringContent(content ?? throw new ArgumentNullException(nameof(content)), Encoding.UTF8, mediaType);

        /// <summary>Sends the request (with retries) and returns the body's bytes.</summary>
        public Task<byte[]> SendForBytesAsync(HttpRequestMessage request, ApiOperation operation, string? taskId, RequestOptions? options, CancellationToken cancellationToken)
            => ExecuteAsync(request, operation, taskId, options, 0, static async (exchange, _) =>
            {
                using var body = await ReadBodyAsync(exchange.Response, exchange.Token).ConfigureAwait(false);
                return body.ToArray();
            }, cancellationToken);

        /// <summary>
        /// Downloads a task's result from <paramref name="url"/> (absolute, or relative to the base address) into
        /// <paramref name="destination"/>. The API key is never sent: result links point at storage hosts, not the API.
        /// Tries are repeated until the answer's headers arrive; once bytes have gone to the destination, a failure is thrown.
        /// </summary>
        public async Task DownloadAsync(string url, Stream destination, ApiOperation operation, string? taskId, RequestOptions? options, CancellationToken cancellationToken)
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
            using var exchange = await OpenAsync(request, operation, taskId, options, cancellationToken).ConfigureAwait(false);
            await exchange.GuardAsync(async token =>
            {
                var stream = await exchange.OpenBodyAsync().ConfigureAwait(false);
                using (stream)
                {
                    await stream.CopyToAsync(destination, 81920, token).ConfigureAwait(false);
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);
        }

        private Task<Exchange> OpenAsync(HttpRequestMessage request, ApiOperation operation, string? taskId, RequestOptions? options, CancellationToken cancellationToken)
            => ExecuteAsync(request, operation, taskId, options, 0, static (exchange, _) => Task.FromResult(exchange), cancellationToken, keepOpen: true);

        /// <summary>
        /// The retry loop every call goes through. Each try gets a fresh message (same content), a timer that covers
        /// its headers and <paramref name="read"/>, and a verdict on failure: repeated when the failure is transient
        /// and repeating is safe (see <see cref="RetryOptions"/>), else thrown; a task submit whose outcome is unknown
        /// is recorded in the journal and thrown as <see cref="TaskMayExistException"/>.
        /// </summary>
        private async Task<TResult> ExecuteAsync<TState, TResult>(
            HttpRequestMessage request,
            ApiOperation operation,
            string? taskId,
            RequestOptions? options,
            TState state,
            Func<Exchange, TState, Task<TResult>> read,
            CancellationToken cancellationToken,
            bool keepOpen = false)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            // A token in the options (one passed in their place) cancels as the method's own does.
            CancellationTokenSource? linked = null;
            if (options is { CancellationToken.CanBeCanceled: true } && options.CancellationToken != cancellationToken)
            {
                if (cancellationToken.CanBeCanceled)
                {
                    linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, options.CancellationToken);
                    cancellationToken = linked.Token;
                }
                else
                {
                    cancellationToken = options.CancellationToken;
                }
            }

            try
            {
                var result = await ExecuteCoreAsync(request, operation, taskId, options, state, read, cancellationToken, keepOpen, linked).ConfigureAwait(false);
                if (keepOpen)
                {
                    linked = null; // the open exchange owns it now
                }

                return result;
            }
            finally
            {
                linked?.Dispose();
            }
        }

        private async Task<TResult> ExecuteCoreAsync<TState, TResult>(
            HttpRequestMessage request,
            ApiOperation operation,
            string? taskId,
            RequestOptions? options,
            TState state,
            Func<Exchange, TState, Task<TResult>> read,
            CancellationToken cancellationToken,
            bool keepOpen,
            CancellationTokenSource? linked)
        {
            var policy = options?.Retry ?? _retry;
            if (options?.Retry != null)
            {
                policy.Validate();
            }

            var timeout = options?.Timeout ?? _timeout;
            var timeoutName = options?.Timeout != null ? "RequestOptions.Timeout" : "ApiClientOptions.Timeout";
            var idempotencyKey = PrepareRequest(request, operation, options, policy);
            var repeatable = IsIdempotent(request.Method) || (operation.IdempotencyHeader != null && idempotencyKey != null);
            var canResend = IsRewindable(request.Content);
            var telemetry = Diagnostics.CallTelemetry.Start(operation, request);
            if (telemetry is null)
            {
                return await TryAsync(request, operation, taskId, options, state, read, cancellationToken, keepOpen, linked, policy, timeout, timeoutName, idempotencyKey, repeatable, canResend, null).ConfigureAwait(false);
            }

            try
            {
                var result = await TryAsync(request, operation, taskId, options, state, read, cancellationToken, keepOpen, linked, policy, timeout, timeoutName, idempotencyKey, repeatable, canResend, telemetry).ConfigureAwait(false);
                if (!keepOpen)
                {
                    telemetry.End();
                }

                return result;
            }
            catch (Exception exception)
            {
                telemetry.Failed(exception);
                telemetry.End();
                throw;
            }
        }

        /// <summary>The tries of one call, until one succeeds or the failure is final.</summary>
        private async Task<TResult> TryAsync<TState, TResult>(
            HttpRequestMessage request,
            ApiOperation operation,
            string? taskId,
            RequestOptions? options,
            TState state,
            Func<Exchange, TState, Task<TResult>> read,
            CancellationToken cancellationToken,
            bool keepOpen,
            CancellationTokenSource? linked,
            RetryOptions policy,
            TimeSpan timeout,
            string timeoutName,
            string? idempotencyKey,
            bool repeatable,
            bool canResend,
            Diagnostics.CallTelemetry? telemetry)
        {
            var method = request.Method.Method;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var sentAt = DateTimeOffset.UtcNow;
            for (var attempt = 1; ; attempt++)
            {
                var message = attempt == 1 ? request : Clone(request);
                var elapsed = Since(started);
                var budget = timeout;
                var limit = timeoutName;
                if (policy.Deadline is { } deadline && deadline - elapsed < budget)
                {
                    budget = deadline - elapsed > TimeSpan.Zero ? deadline - elapsed : TimeSpan.FromTicks(1);
                    limit = "RetryOptions.Deadline";
                }

                var exchange = new Exchange(this, message, operation, taskId, attempt, started, budget, limit, cancellationToken) { Telemetry = telemetry };
                var tryStarted = telemetry?.TryStarting() ?? 0;
                ApiException failure;
                try
                {
                    var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, exchange.Token).ConfigureAwait(false);
                    exchange.Response = response;
                    telemetry?.Answered(response, tryStarted);
                    Diagnostics.ToolkitLog.Finished(_logger, operation.OperationId, method, RedactedPath(message.RequestUri) ?? string.Empty, (int)response.StatusCode, Since(started));
                    Observe(response, options, attempt, started);
                    if (response.IsSuccessStatusCode)
                    {
                        var result = await read(exchange, state).ConfigureAwait(false);
                        if (keepOpen)
                        {
                            exchange.Owns(linked);
                        }
                        else
                        {
                            exchange.Dispose();
                        }

                        return result;
                    }

                    using var body = await ReadBodyAsync(response, exchange.Token).ConfigureAwait(false);
                    throw exchange.Fail(body.Segment, null, null);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The caller's own cancellation is not a failure of the call: it passes through as it is.
                    exchange.Dispose();
                    throw;
                }
                catch (Exception exception) when (exchange.Translate(exception) is { } translated)
                {
                    if (telemetry != null && exchange.Response is null)
                    {
                        telemetry.NotAnswered(translated, tryStarted);
                    }

                    exchange.Dispose();
                    failure = translated;
                    if (exception is not ApiException)
                    {
                        Diagnostics.ToolkitLog.Failed(_logger, operation.OperationId, method, RedactedPath(message.RequestUri) ?? string.Empty, Since(started), exception);
                    }
                }
                catch
                {
                    // Not a failure of the call (an argument, a bug): it passes through, and the try's timer goes.
                    exchange.Dispose();
                    throw;
                }

                var delay = NextDelay(failure, attempt, policy, repeatable, canResend, operation, Since(started));
                if (delay is null)
                {
                    throw await FinalAsync(failure, request, operation, idempotencyKey, sentAt).ConfigureAwait(false);
                }

                Diagnostics.ToolkitLog.Retrying(_logger, operation.OperationId, method, RedactedPath(message.RequestUri) ?? string.Empty, attempt, delay.Value, failure);
                telemetry?.Retrying(attempt, delay.Value, failure);
                await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The wait before the next try, or null when the call must not be tried again.</summary>
        private static TimeSpan? NextDelay(ApiException failure, int attempt, RetryOptions policy, bool repeatable, bool canResend, ApiOperation operation, TimeSpan elapsed)
        {
            if (attempt >= policy.MaxAttempts || !canResend || !IsTransient(failure))
            {
                return null;
            }

            // OpenAI's servers say outright whether a repeat can help.
            if (string.Equals(failure.GetHeader("x-should-retry"), "false", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (!repeatable && !ProvesNotProcessed(failure) && !(policy.RepeatUnsafeRequests && !operation.SubmitsTask))
            {
                return null;
            }

            var ceiling = Math.Min(policy.MaxDelay.TotalMilliseconds, policy.InitialDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            var delay = TimeSpan.FromMilliseconds(NextRandom() * ceiling);
            if (Polling.RetryAfter.Of(failure, DateTimeOffset.UtcNow) is { } asked)
            {
                if (asked > policy.MaxRetryAfter)
                {
                    return null;
                }

                // The server's wait is a floor: full jitter under it would only come back sooner than it asked.
                if (asked > delay)
                {
                    delay = asked;
                }
            }

            if (policy.Deadline is { } deadline && elapsed + delay >= deadline)
            {
                return null;
            }

            return delay;
        }

        /// <summary>Failures a later try may not meet: 408, 429, 5xx but 501 and 505, no answer, too late an answer.</summary>
        private static bool IsTransient(ApiException failure) => failure switch
        {
            ApiConnectionException => true,
            ApiTimeoutException => true,
            _ => failure.Status is 408 or 429 || (failure.Status >= 500 && failure.Status != 501 && failure.Status != 505),
        };

        /// <summary>True when the failure shows the server did nothing with the request: never sent, or refused with 429.</summary>
        private static bool ProvesNotProcessed(ApiException failure) => failure switch
        {
            ApiConnectionException connection => !connection.RequestSent,
            ApiTimeoutException => false,
            _ => failure.Status == 429,
        };

        /// <summary>The exception a call ends with; for a task submit that may have created its task, recorded first.</summary>
        private async Task<ApiException> FinalAsync(ApiException failure, HttpRequestMessage request, ApiOperation operation, string? idempotencyKey, DateTimeOffset sentAt)
        {
            if (!operation.SubmitsTask || ProvesNotProcessed(failure) || !OutcomeUnknown(failure))
            {
                return failure;
            }

            var sent = new SentRequest(request.Method.Method, RedactedPath(request.RequestUri) ?? string.Empty, await DescribeBodyAsync(request.Content).ConfigureAwait(false), request.Content?.Headers.ContentType?.MediaType, idempotencyKey, sentAt);
            string? submitId = null;
            if (_journal != null)
            {
                var entry = new Polling.UnknownSubmitEntry(
                    "submit-" + Guid.NewGuid().ToString("N"),
                    operation.TaskOperation!,
                    operation.OperationId,
                    sent.Method,
                    sent.Path,
                    sent.Body,
                    sent.IdempotencyKey,
                    sentAt,
                    failure.Message);
                try
                {
                    // Not cancellable: the caller is owed a record of what may be billed.
                    await _journal.RecordOutcomeUnknownAsync(entry, CancellationToken.None).ConfigureAwait(false);
                    submitId = entry.SubmitId;
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Diagnostics.ToolkitLog.Failed(_logger, operation.OperationId, sent.Method, sent.Path, TimeSpan.Zero, exception);
                }
            }

            return new TaskMayExistException(failure, sent, operation.TaskOperation!, submitId);
        }

        /// <summary>
        /// A failure that leaves open whether the server acted: no answer after sending, too late an answer, a 5xx, a 408,
        /// or a success whose body could not be read. Other 4xx answers, and errors reported inside a success, are the server saying no.
        /// </summary>
        private static bool OutcomeUnknown(ApiException failure) => failure switch
        {
            ApiConnectionException connection => connection.RequestSent,
            ApiTimeoutException => true,
            // A success whose body could not be read; an error the API reported inside a success is its word that it did not.
            _ => failure.Status is 408 || failure.Status >= 500 || (failure.Status is >= 200 and < 300 && failure.InnerException is JsonException),
        };

        private static string? PrepareRequest(HttpRequestMessage request, ApiOperation operation, RequestOptions? options, RetryOptions policy)
        {
            if (options is { HasHeaders: true })
            {
                foreach (var header in options.HeaderPairs)
                {
                    request.Headers.Remove(header.Key);
                    if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value) && request.Content != null)
                    {
                        request.Content.Headers.Remove(header.Key);
                        request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }
                }
            }

            // A key the server honours makes repeats safe, so one is made up when the caller gave none (as OpenAI's SDKs do).
            var key = options?.IdempotencyKey;
            if (key is null && operation.IdempotencyHeader != null && !IsIdempotent(request.Method) && policy.MaxAttempts > 1)
            {
                key = "yescale-" + Guid.NewGuid().ToString("N");
            }

            if (key != null)
            {
                var name = operation.IdempotencyHeader ?? "Idempotency-Key";
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, key);
            }

            return key;
        }

        private void Observe(HttpResponseMessage response, RequestOptions? options, int attempt, long started)
        {
            if (options is { RecordsResponse: true })
            {
                options.Response = new ApiResponse((int)response.StatusCode, response.ReasonPhrase, CollectHeaders(response), attempt, Since(started));
            }

            // The server's word on its limit closes the gate the batch waiter's polls pass through.
            if ((int)response.StatusCode == 429
                && response.Headers.TryGetValues("Retry-After", out var retryAfter)
                && Polling.RetryAfter.TryParse(retryAfter.FirstOrDefault(), DateTimeOffset.UtcNow, out var wait))
            {
                RateLimits.CloseUntil(DateTimeOffset.UtcNow + wait);
            }
            else if (response.Headers.TryGetValues("x-ratelimit-remaining-requests", out var remaining)
                && remaining.FirstOrDefault()?.Trim() == "0"
                && response.Headers.TryGetValues("x-ratelimit-reset-requests", out var reset)
                && RateLimitGate.TryParseReset(reset.FirstOrDefault(), out var window))
            {
                RateLimits.CloseUntil(DateTimeOffset.UtcNow + window);
            }
        }

        private static bool IsIdempotent(HttpMethod method)
            => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put
               || method == HttpMethod.Delete || method == HttpMethod.Trace;

        /// <summary>Content a repeated try sends the same again: none, bytes in memory, seekable files.</summary>
        private static bool IsRewindable(HttpContent? content) => content switch
        {
            null => true,
            ByteArrayContent => true,
            IRewindableContent rewindable => rewindable.CanRewind,
            MultipartContent parts => parts.All(IsRewindable),
            _ => false,
        };

        private static HttpRequestMessage Clone(HttpRequestMessage request)
        {
            // A message can be sent once; the content (bytes, or parts that re-read their streams) can be sent again.
            var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version };
#if NET5_0_OR_GREATER
            clone.VersionPolicy = request.VersionPolicy;
#endif
            foreach (var header in request.Headers)
            {
                clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return clone;
        }

        /// <summary>The body as sent, for <see cref="SentRequest"/>: text for JSON, text and forms (cut at 64 KiB), a description otherwise.</summary>
        private async Task<string?> DescribeBodyAsync(HttpContent? content)
        {
            if (content is null)
            {
                return null;
            }

            var media = content.Headers.ContentType?.MediaType ?? "application/octet-stream";
            var textual = media.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0 || media.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                || string.Equals(media, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
            if (content is ByteArrayContent && textual)
            {
                try
                {
                    var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    const int Limit = 64 * 1024;
                    var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, Limit)) + (bytes.Length > Limit ? "..." : string.Empty);
                    return _credential?.Redact(text) ?? text;
                }
                catch (ObjectDisposedException)
                {
                    // Described below instead.
                }
            }

            var length = content.Headers.ContentLength;
            return "(" + media + (length is { } n ? ", " + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes" : string.Empty) + ")";
        }

        private static readonly Random SharedRandom = new Random();

        private static double NextRandom()
        {
            lock (SharedRandom)
            {
                return SharedRandom.NextDouble();
            }
        }

        /// <summary>
        /// One try of a call: its message, its answer once the headers are in, and the timer that bounds it. Turns what the
        /// transport throws into the toolkit's exceptions, with the operation and task id on them.
        /// </summary>
        private sealed class Exchange : IDisposable
        {
            private readonly ApiPipeline _pipeline;
            private readonly HttpRequestMessage _request;
            private readonly ApiOperation _operation;
            private readonly string? _taskId;
            private readonly CancellationTokenSource _timer;
            private readonly CancellationToken _caller;
            private readonly long _started;
            private TimeSpan _limit;
            private string _limitName;
            private bool _betweenEvents;
            private long _limitStarted;
            private Stream? _body;
            private bool _ended;

            public Exchange(ApiPipeline pipeline, HttpRequestMessage request, ApiOperation operation, string? taskId, int attempt, long started, TimeSpan limit, string limitName, CancellationToken caller)
            {
                _pipeline = pipeline;
                _request = request;
                _operation = operation;
                _taskId = taskId;
                _caller = caller;
                _started = started;
                _limit = limit;
                _limitName = limitName;
                _limitStarted = System.Diagnostics.Stopwatch.GetTimestamp();
                Attempt = attempt;
                _timer = CancellationTokenSource.CreateLinkedTokenSource(caller);
                Arm(limit);
            }

            public HttpResponseMessage Response { get; set; } = null!;

            public int Attempt { get; }

            /// <summary>The call's span and measurements; null when nothing listens.</summary>
            public Diagnostics.CallTelemetry? Telemetry { get; set; }

            /// <summary>Cancelled by the caller, or when this try's time is up.</summary>
            public CancellationToken Token => _timer.Token;

            public ApiException Fail(ArraySegment<byte> body, Exception? inner, string? problem)
            {
                var failure = _pipeline.CreateException(_request, Response, _operation.OperationId, _taskId, body, inner, problem);
                failure.Attempts = Attempt;
                if (_handedOver)
                {
                    // Past the retry loop (a stream, a download): the failure is the call's.
                    Telemetry?.Failed(failure);
                }

                return failure;
            }

            /// <summary>An error the API reports inside a successful answer, where the document says errors live.</summary>
            public void CheckAnswer(ArraySegment<byte> body)
            {
                if (_operation.AnswerErrors is { } rule && rule.FindError(body) is { } problem)
                {
                    throw Fail(body, null, problem);
                }
            }

            /// <summary>From here on the timer measures silence: each event restarts it.</summary>
            public void RestartTimer(TimeSpan idle)
            {
                _betweenEvents = true;
                _limit = idle;
                _limitName = "StreamIdleTimeout";
                _limitStarted = System.Diagnostics.Stopwatch.GetTimestamp();
                Arm(idle);
            }

            public async Task<Stream> OpenBodyAsync()
            {
                try
                {
                    _body = await ReadStreamAsync(Response, Token).ConfigureAwait(false);
                    return _body;
                }
                catch (Exception exception) when (!_caller.IsCancellationRequested && Translate(exception) is { } translated)
                {
                    throw translated;
                }
            }

            public async Task<bool> MoveNextAsync<TItem>(IAsyncEnumerator<TItem> events, CancellationToken cancellationToken)
            {
                try
                {
                    var more = await events.MoveNextAsync().ConfigureAwait(false);
                    _ended = !more;
                    return more;
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Translate(exception) is { } translated)
                {
                    throw translated;
                }
            }

            public async Task<TResult> GuardAsync<TResult>(Func<CancellationToken, Task<TResult>> body, CancellationToken cancellationToken)
            {
                try
                {
                    return await body(Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Translate(exception) is { } translated)
                {
                    throw translated;
                }
            }

            /// <summary>The stream ended as the protocol says (<c>[DONE]</c>): nothing is left to cut short.</summary>
            public void MarkEnded() => _ended = true;

            /// <summary>
            /// Ends a stream the caller left before its end. Disposing a response that was not read to the end lets the
            /// handler drain it in the background for up to seconds; a read cancelled while it waits closes the
            /// connection at once, so the server stops generating (and billing) the rest.
            /// </summary>
            public async Task CloseEarlyAsync<TItem>(IAsyncEnumerator<TItem> events)
            {
                try
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
                {
                    // The stream is being abandoned; how it ends no longer matters.
                }

                if (_ended || _body is null)
                {
                    return;
                }

                var scratch = new byte[16 * 1024];
                using var abort = new CancellationTokenSource();
                try
                {
                    for (var i = 0; i < 16; i++)
                    {
                        var read = _body.ReadAsync(scratch, 0, scratch.Length, abort.Token);
                        if (!read.IsCompleted)
                        {
                            abort.Cancel();
                            await read.ConfigureAwait(false);
                            return;
                        }

                        if (await read.ConfigureAwait(false) == 0)
                        {
                            return;
                        }
                    }
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
                {
                    // The cancelled read is how the connection is closed.
                }
            }

            /// <summary>The toolkit's exception for what a try threw; null for what is not a failure of the call (a bug, an argument).</summary>
            public ApiException? Translate(Exception exception)
            {
                var status = Response is null ? 0 : (int)Response.StatusCode;
                var method = _request.Method.Method;
                var path = _pipeline.RedactedPath(_request.RequestUri);
                ApiException? translated = exception switch
                {
                    ApiException api => api,
                    OperationCanceledException when _timer.IsCancellationRequested && !_caller.IsCancellationRequested
                        => new ApiTimeoutException(_operation.OperationId, method, path, _taskId, _limit, Since(_betweenEvents ? _limitStarted : _started), _betweenEvents, status, _limitName, exception),
                    OperationCanceledException when exception.InnerException is TimeoutException && !_caller.IsCancellationRequested
                        => new ApiTimeoutException(_operation.OperationId, method, path, _taskId, _pipeline._httpClient.Timeout, Since(_started), false, status, "HttpClient.Timeout (set it to Timeout.InfiniteTimeSpan so that ApiClientOptions.Timeout governs)", exception),
                    // A handler in the HttpClient's chain that gave up on time (AddStandardResilienceHandler's AttemptTimeout or
                    // TotalRequestTimeout throw Polly's TimeoutRejectedException): sent, so a timeout like the client's own.
                    _ when IsHandlerTimeout(exception) && !_caller.IsCancellationRequested
                        => new ApiTimeoutException(_operation.OperationId, method, path, _taskId, Since(_limitStarted), Since(_started), false, status, "a handler's timeout (" + exception.GetType().Name + "; set it above ApiClientOptions.Timeout so that this one governs)", exception),
                    // A handler that refused to send (Polly's open circuit breaker or its rate limiter): nothing went out.
                    _ when IsHandlerRefusal(exception) && !_caller.IsCancellationRequested
                        => new ApiConnectionException(_operation.OperationId, method, path, _taskId, false, status, "a handler under the client refused to send it (" + exception.GetType().Name + ": " + exception.Message.TrimEnd('.') + ")", exception),
                    HttpRequestException http
                        => new ApiConnectionException(_operation.OperationId, method, path, _taskId, Response != null || !TransportFailures.HappenedBeforeSending(http), status, TransportFailures.Describe(http), exception),
                    IOException io
                        => new ApiConnectionException(_operation.OperationId, method, path, _taskId, true, status, TransportFailures.Describe(io), exception),
                    _ => null,
                };
                if (translated != null)
                {
                    translated.Attempts = Attempt;
                    if (_handedOver)
                    {
                        Telemetry?.Failed(translated);
                    }
                }

                return translated;
            }

            /// <summary>A timeout thrown by a handler under the client, found by name: the runtime does not reference Polly.</summary>
            private static bool IsHandlerTimeout(Exception exception)
                => exception is TimeoutException || exception.GetType().FullName == "Polly.Timeout.TimeoutRejectedException";

            /// <summary>Polly's refusals (<c>ExecutionRejectedException</c> and kin other than its timeout), found by name as the timeout is.</summary>
            private static bool IsHandlerRefusal(Exception exception)
            {
                for (var type = exception.GetType(); type != null; type = type.BaseType)
                {
                    if (type.FullName == "Polly.ExecutionRejectedException")
                    {
                        return true;
                    }
                }

                return false;
            }

            private CancellationTokenSource? _linked;
            private bool _handedOver;

            /// <summary>Takes the call's linked token source and its span, to end with the open answer.</summary>
            public void Owns(CancellationTokenSource? linked)
            {
                _linked = linked;
                _handedOver = true;
            }

            public void Dispose()
            {
                Response?.Dispose();
                _timer.Dispose();
                _linked?.Dispose();
                if (_handedOver)
                {
                    Telemetry?.End();
                }
            }

            private void Arm(TimeSpan limit)
            {
                if (limit > TimeSpan.Zero && limit.TotalMilliseconds < int.MaxValue)
                {
                    _timer.CancelAfter(limit);
                }
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
            var stream = await ReadStreamAsync(response, cancellationToken).ConfigureAwait(false);
            using (stream)
            {
                return await PooledBody.ReadAsync(stream, response.Content.Headers.ContentLength, cancellationToken).ConfigureAwait(false);
            }
        }

        private static Task<Stream> ReadStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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
