using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace YEScale.Simulator
{
    /// <summary>
    /// An in-process simulation of YEScale's Seedance task API on 127.0.0.1: submit, fetch, download.
    /// Answers are shaped like the documentation's example; tasks go queued, running, then succeeded (or failed).
    /// Faults can be injected (<see cref="InjectFaults"/>) or drawn at random (<see cref="SimulatorOptions.Faults"/>),
    /// and every request is logged (<see cref="Requests"/>).
    /// </summary>
    public sealed class YEScaleSimulator : IAsyncDisposable
    {
        /// <summary>The task id of the documentation page's example, always present and already succeeded.</summary>
        public const string ExampleTaskId = "cgt-20250702113430-gvkhb";

        private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

        private readonly ConcurrentDictionary<string, SimulatedTask> _tasks = new(StringComparer.Ordinal);
        private readonly Queue<SimulatedFault> _injected = new();
        private readonly List<SimulatorRequest> _requests = new();
        private readonly Queue<long> _admitted = new();
        private readonly SimulatorOptions _options;
        private readonly TimeProvider _time;
        private readonly Random _random;
        private WebApplication? _app;
        private int _requestCount;
        private int _sequence;

        public YEScaleSimulator(SimulatorOptions? options = null, TimeProvider? timeProvider = null)
        {
            _options = options ?? new SimulatorOptions();
            _time = timeProvider ?? TimeProvider.System;
            _random = _options.Seed is int seed ? new Random(seed) : new Random();
            var exampleCreated = DateTimeOffset.FromUnixTimeSeconds(1751427271);
            _tasks[ExampleTaskId] = new SimulatedTask(
                ExampleTaskId,
                "doubao-seedance-1-0-pro-250528",
                new[]
                {
                    new SimulatedContentItem("text", "A 20-year-old girl, with an oval face, delicate features, long black hair, fair skin, and ambient light, wearing a short white skirt, sitting on a bench beside the street, smiling and shaking her hair --resolution 480p --duration 5", null, null),
                    new SimulatedContentItem("image_url", null, "https://p2.a.kwimgs.com/bs2/upload-ylab-stunt/ai_portal/1731125871/6N0QrAnAeU/409-f054fa25c21a.png", null),
                },
                exampleCreated,
                willFail: false);
        }

        private enum Endpoint
        {
            Submit,
            Fetch,
            Download,
            Other,
        }

        /// <summary>The options the simulator reads on every request (the instance it was given, if any).</summary>
        public SimulatorOptions Options => _options;

        /// <summary>Where the simulator listens, once started.</summary>
        public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

        /// <summary>How many HTTP requests the simulator has received.</summary>
        public int RequestCount => Volatile.Read(ref _requestCount);

        /// <summary>The tasks submitted so far (and the example).</summary>
        public IReadOnlyCollection<SimulatedTask> Tasks => _tasks.Values.ToList();

        /// <summary>Every request received so far, in order of arrival (a snapshot).</summary>
        public IReadOnlyList<SimulatorRequest> Requests
        {
            get
            {
                lock (_requests)
                {
                    return _requests.ToArray();
                }
            }
        }

        /// <summary>How many injected faults are still waiting for a request.</summary>
        public int PendingFaults
        {
            get
            {
                lock (_injected)
                {
                    return _injected.Count;
                }
            }
        }

        /// <summary>
        /// Queues faults for the next task-endpoint requests (submit or fetch), one per request in order; once they are used up,
        /// answers go back to normal (or to <see cref="SimulatorOptions.Faults"/>). They come before the random faults.
        /// </summary>
        public void InjectFaults(params SimulatedFault[] faults)
        {
            ArgumentNullException.ThrowIfNull(faults);
            if (faults.Any(f => f is null))
            {
                throw new ArgumentException("A fault cannot be null.", nameof(faults));
            }

            // One lock for the whole batch keeps it contiguous when tests inject from several threads.
            lock (_injected)
            {
                foreach (var fault in faults)
                {
                    _injected.Enqueue(fault);
                }
            }
        }

        /// <summary>Drops the injected faults no request has used yet.</summary>
        public void ClearFaults()
        {
            lock (_injected)
            {
                _injected.Clear();
            }
        }

        /// <summary>Forgets the requests logged so far (not the rate limit's memory of them).</summary>
        public void ClearRequests()
        {
            lock (_requests)
            {
                _requests.Clear();
            }
        }

        /// <summary>The largest number of task-endpoint requests that arrived within any half-open window [t, t + <paramref name="window"/>).</summary>
        public int MaxRequestsInAnyWindow(TimeSpan window)
        {
            if (window <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be positive.");
            }

            var stamps = Requests.Where(r => r.IsTaskEndpoint).Select(r => r.Timestamp).Order().ToArray();
            var best = 0;
            var end = 0;

            // A busiest window can always start at an arrival, so sliding over arrivals is enough.
            for (var start = 0; start < stamps.Length; start++)
            {
                while (end < stamps.Length && _time.GetElapsedTime(stamps[start], stamps[end]) < window)
                {
                    end++;
                }

                best = Math.Max(best, end - start);
            }

            return best;
        }

        /// <summary>Starts listening on 127.0.0.1 (port 0 picks a free one).</summary>
        public async Task<Uri> StartAsync(int port = 0, CancellationToken cancellationToken = default)
        {
            _options.Validate();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            _app = builder.Build();
            Map(_app);

            // Catch-all, so that requests to unknown paths (or with the wrong method) are logged too.
            _app.MapFallback("{*path}", context => HandleAsync(context, Endpoint.Other));
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            BaseAddress = new Uri(address.TrimEnd('/') + "/");
            return BaseAddress;
        }

        /// <summary>Maps the simulated endpoints onto an application.</summary>
        public void Map(IEndpointRouteBuilder endpoints)
        {
            endpoints.MapPost("/seedance/generations", context => HandleAsync(context, Endpoint.Submit));
            endpoints.MapGet("/seedance/generations/{task_id}", context => HandleAsync(context, Endpoint.Fetch));
            endpoints.MapGet("/files/{task_id}.mp4", context => HandleAsync(context, Endpoint.Download));
        }

        /// <summary>Logs the request, works out the answer (with any fault) and writes it.</summary>
        private async Task HandleAsync(HttpContext context, Endpoint endpoint)
        {
            Interlocked.Increment(ref _requestCount);
            var taskId = context.Request.RouteValues.TryGetValue("task_id", out var value) ? value as string : null;
            var path = (context.Request.PathBase + context.Request.Path).Value ?? "/";
            SimulatorRequest request;

            // Stamped and numbered under the lock, so the log's order, sequence and arrival times agree.
            lock (_requests)
            {
                request = new SimulatorRequest(
                    _sequence++,
                    _time.GetUtcNow(),
                    _time.GetTimestamp(),
                    _time.TimestampFrequency,
                    context.Request.Method,
                    path,
                    taskId,
                    endpoint is Endpoint.Submit or Endpoint.Fetch);
                _requests.Add(request);
            }

            var outcome = new Outcome();
            Answer? answer;
            try
            {
                answer = await AnswerAsync(context, endpoint, taskId, request.Timestamp, outcome).ConfigureAwait(false);
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away (during a slow answer, or while sending its body): there is no one to answer.
                Complete(request, null, null, outcome);
                return;
            }
            catch (Exception)
            {
                Complete(request, 500, null, outcome);
                throw;
            }

            // Completed before writing, so a client holding its answer always finds the request logged with its status.
            Complete(request, answer?.Status, answer?.TaskId, outcome);
            if (answer is null)
            {
                context.Abort();
                return;
            }

            var response = context.Response;
            response.StatusCode = answer.Status;
            if (answer.ContentType != null)
            {
                response.ContentType = answer.ContentType;
            }

            if (answer.RetryAfter != null)
            {
                response.Headers.RetryAfter = answer.RetryAfter;
            }

            response.ContentLength = answer.Body.Length;
            try
            {
                await response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client stopped listening; nothing more to do.
            }
        }

        private void Complete(SimulatorRequest request, int? status, string? taskId, Outcome outcome)
        {
            var completed = request.Complete(status, taskId, outcome.Fault, outcome.RejectedByRateLimit);
            lock (_requests)
            {
                // Searched by reference: ClearRequests may have removed it meanwhile.
                var index = _requests.LastIndexOf(request);
                if (index >= 0)
                {
                    _requests[index] = completed;
                }
            }
        }

        /// <summary>The answer to a request, or null to drop the connection.</summary>
        private async Task<Answer?> AnswerAsync(HttpContext context, Endpoint endpoint, string? taskId, long arrival, Outcome outcome)
        {
            switch (endpoint)
            {
                case Endpoint.Download:
                    return Download(taskId);
                case Endpoint.Other:
                    return new Answer(404, null, Array.Empty<byte>());
            }

            // The limit comes first, as a gateway's would: a request it turns away uses no injected fault.
            if (_options.RequestsPerSecondLimit is int limit && !TryAdmit(limit, arrival, out var wait))
            {
                outcome.RejectedByRateLimit = true;
                return Error(429, $"Rate limit reached: at most {limit} requests per second.", "rate_limit_error", RetryAfterHeader(wait, asDate: false));
            }

            var fault = NextFault();
            outcome.Fault = fault?.Kind;
            switch (fault?.Kind)
            {
                case SimulatedFaultKind.RateLimited:
                    return Error(429, "Rate limit reached, please try again later.", "rate_limit_error", RetryAfterHeader(fault.RetryAfter, fault.RetryAfterAsDate));
                case SimulatedFaultKind.ServerError:
                    return Error(fault.StatusCode, "upstream error", "upstream_error");
                case SimulatedFaultKind.ServiceUnavailable:
                    return Error(503, "The service is temporarily unavailable.", "service_unavailable", RetryAfterHeader(fault.RetryAfter, fault.RetryAfterAsDate));
                case SimulatedFaultKind.DropConnection:
                    return null;
                case SimulatedFaultKind.Slow:
                    await Task.Delay(fault.Delay, _time, context.RequestAborted).ConfigureAwait(false);
                    break;
            }

            Answer answer;
            if (!Authorized(context))
            {
                answer = Unauthorized();
            }
            else if (endpoint == Endpoint.Submit)
            {
                answer = await SubmitAsync(context).ConfigureAwait(false);
            }
            else
            {
                answer = Fetch(context, taskId!, fault?.Kind == SimulatedFaultKind.Status ? fault.TaskStatus : null);
            }

            // Half of a JSON object never parses: its closing brace is missing at least.
            return fault?.Kind == SimulatedFaultKind.MalformedJson ? answer with { Body = answer.Body[..(answer.Body.Length / 2)] } : answer;
        }

        /// <summary>The next injected fault, else a random one by <see cref="SimulatorOptions.Faults"/>, else none.</summary>
        private SimulatedFault? NextFault()
        {
            lock (_injected)
            {
                if (_injected.Count > 0)
                {
                    return _injected.Dequeue();
                }
            }

            var faults = _options.Faults;
            if (faults is null)
            {
                return null;
            }

            // One draw against cumulative edges: each probability is exact while they sum to at most 1.
            var draw = NextDouble();
            var edge = 0.0;
            if (draw < (edge += faults.RateLimitProbability))
            {
                return SimulatedFault.RateLimited(faults.RetryAfter, faults.RetryAfterAsDate);
            }

            if (draw < (edge += faults.ServerErrorProbability))
            {
                return SimulatedFault.ServerError();
            }

            if (draw < (edge += faults.ServiceUnavailableProbability))
            {
                return SimulatedFault.ServiceUnavailable(faults.RetryAfter, faults.RetryAfterAsDate);
            }

            if (draw < (edge += faults.SlowProbability))
            {
                return SimulatedFault.Slow(faults.SlowDelay);
            }

            if (draw < (edge += faults.DropConnectionProbability))
            {
                return SimulatedFault.DropConnection();
            }

            return draw < edge + faults.MalformedJsonProbability ? SimulatedFault.MalformedJson() : null;
        }

        private double NextDouble()
        {
            // Random is not thread-safe, and Kestrel answers requests concurrently.
            lock (_random)
            {
                return _random.NextDouble();
            }
        }

        /// <summary>Admits a request arriving at <paramref name="arrival"/> if fewer than <paramref name="limit"/> were admitted in the second before.</summary>
        private bool TryAdmit(int limit, long arrival, out TimeSpan wait)
        {
            lock (_admitted)
            {
                while (_admitted.Count > 0 && _time.GetElapsedTime(_admitted.Peek(), arrival) >= RateWindow)
                {
                    _admitted.Dequeue();
                }

                if (_admitted.Count < limit)
                {
                    _admitted.Enqueue(arrival);
                    wait = TimeSpan.Zero;
                    return true;
                }

                wait = RateWindow - _time.GetElapsedTime(_admitted.Peek(), arrival);
                return false;
            }
        }

        /// <summary>A <c>Retry-After</c> value no earlier than <paramref name="after"/> from now: whole seconds, or an HTTP-date.</summary>
        private string? RetryAfterHeader(TimeSpan? after, bool asDate)
        {
            if (after is not TimeSpan delay)
            {
                return null;
            }

            if (!asDate)
            {
                var seconds = (Math.Max(delay.Ticks, 0) + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
                return seconds.ToString(CultureInfo.InvariantCulture);
            }

            // HTTP-dates have whole seconds; rounding up means a client that honours the date never comes back early.
            var at = _time.GetUtcNow().ToUniversalTime() + delay;
            var remainder = at.UtcTicks % TimeSpan.TicksPerSecond;
            if (remainder != 0)
            {
                at = at.AddTicks(TimeSpan.TicksPerSecond - remainder);
            }

            return at.ToString("R", CultureInfo.InvariantCulture);
        }

        private bool Authorized(HttpContext context) =>
            _options.ApiKey is null || context.Request.Headers.Authorization.ToString() == "Bearer " + _options.ApiKey;

        private async Task<Answer> SubmitAsync(HttpContext context)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return InvalidRequest("The request body is not valid JSON.");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
                {
                    return InvalidRequest("'model' (string) and 'content' (non-empty array) are required.");
                }

                var items = new List<SimulatedContentItem>();
                foreach (var item in content.EnumerateArray())
                {
                    var type = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    if (type is not ("text" or "image_url"))
                    {
                        return InvalidRequest("Every content item needs a 'type' of 'text' or 'image_url'.");
                    }

                    items.Add(new SimulatedContentItem(
                        type,
                        item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null,
                        item.TryGetProperty("image_url", out var image) && image.ValueKind == JsonValueKind.Object && image.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null,
                        item.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String ? role.GetString() : null));
                }

                var now = _time.GetUtcNow();
                var id = "cgt-" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + RandomSuffix();
                var failureDraw = NextDouble();
                var willFail = items.Any(i => i.Text?.Contains(_options.FailWhenPromptContains, StringComparison.Ordinal) == true)
                    || failureDraw < (_options.Faults?.FailureProbability ?? 0);
                _tasks[id] = new SimulatedTask(id, model.GetString()!, items, now, willFail);
                return Json(200, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", id);
                    writer.WriteEndObject();
                }) with { TaskId = id };
            }
        }

        private Answer Fetch(HttpContext context, string taskId, string? statusOverride)
        {
            if (!_tasks.TryGetValue(taskId, out var task))
            {
                return Json(404, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("code", "task_not_exist");
                    writer.WriteString("message", "task_not_exist");
                    writer.WriteNull("data");
                    writer.WriteEndObject();
                });
            }

            var now = _time.GetUtcNow();
            var status = statusOverride ?? task.StatusAt(now, _options);
            var failed = status == "failed" || status == _options.FailureStatus;
            var baseUri = $"{context.Request.Scheme}://{context.Request.Host}";
            var updatedAt = task.Id == ExampleTaskId ? DateTimeOffset.FromUnixTimeSeconds(1751427302) : task.UpdatedAt(now, _options);
            return Json(200, writer => WriteTask(writer, task, status, failed, updatedAt, baseUri));
        }

        private Answer Download(string? taskId)
        {
            // Like the real pre-signed video URLs, downloads need no key.
            if (taskId is null || !_tasks.TryGetValue(taskId, out var task) || task.StatusAt(_time.GetUtcNow(), _options) != "succeeded")
            {
                return new Answer(404, null, Array.Empty<byte>());
            }

            return new Answer(200, "video/mp4", PlaceholderVideo.Bytes);
        }

        private static void WriteTask(Utf8JsonWriter writer, SimulatedTask task, string status, bool failed, DateTimeOffset updatedAt, string baseUri)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("content");
            if (status == "succeeded")
            {
                writer.WriteString("video_url", task.Id == ExampleTaskId
                    ? "https://ark-content-generation-cn-beijing.tos-cn-beijing.volces.com/doubao-seedance-1-0-pro/02175142727180900000000000000000000ffffac15f035351d73.mp4"
                    : $"{baseUri}/files/{Uri.EscapeDataString(task.Id)}.mp4");
            }

            writer.WriteEndObject();
            writer.WriteNumber("created_at", task.CreatedAt.ToUnixTimeSeconds());
            writer.WriteString("id", task.Id);
            writer.WriteString("message", "YEScale - Seedance Video Generation - Fetch");
            writer.WriteString("model", task.Model);
            writer.WriteStartObject("request");
            writer.WriteStartArray("content");
            foreach (var item in task.Content)
            {
                writer.WriteStartObject();
                if (item.Text != null)
                {
                    writer.WriteString("text", item.Text);
                }

                if (item.ImageUrl != null)
                {
                    writer.WriteStartObject("image_url");
                    writer.WriteString("url", item.ImageUrl);
                    writer.WriteEndObject();
                }

                if (item.Role != null)
                {
                    writer.WriteString("role", item.Role);
                }

                writer.WriteString("type", item.Type);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("model", task.Model);
            writer.WriteEndObject();
            writer.WriteString("status", status);
            if (failed)
            {
                writer.WriteStartObject("error");
                writer.WriteString("code", "OutputVideoSensitiveContentDetected");
                writer.WriteString("message", "The generated video may contain sensitive content.");
                writer.WriteEndObject();
            }

            writer.WriteNumber("updated_at", updatedAt.ToUnixTimeSeconds());
            writer.WriteStartObject("usage");
            var tokens = status == "succeeded" ? (task.Id == ExampleTaskId ? 47311 : 108900) : 0;
            writer.WriteNumber("completion_tokens", tokens);
            writer.WriteNumber("total_tokens", tokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static Answer Unauthorized() => Json(401, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", "Invalid token");
            writer.WriteString("type", "yescale_api_error");
            writer.WriteString("code", "invalid_api_key");
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

        private static Answer InvalidRequest(string message) => Error(400, message, "invalid_request_error");

        private static Answer Error(int status, string message, string type, string? retryAfter = null) => Json(status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", type);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }) with { RetryAfter = retryAfter };

        private static Answer Json(int status, Action<Utf8JsonWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer);
            }

            return new Answer(status, "application/json; charset=utf-8", buffer.WrittenSpan.ToArray());
        }

        private static string RandomSuffix()
        {
            const string letters = "abcdefghijklmnopqrstuvwxyz0123456789";
            return string.Create(5, 0, (span, _) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = letters[Random.Shared.Next(letters.Length)];
                }
            });
        }

        /// <summary>What to write back: status, body and the headers that vary.</summary>
        private sealed record Answer(int Status, string? ContentType, byte[] Body)
        {
            public string? RetryAfter { get; init; }

            /// <summary>The task a submit created, for the request log.</summary>
            public string? TaskId { get; init; }
        }

        /// <summary>What happened to a request before its answer was known; kept even when the client goes away meanwhile.</summary>
        private sealed class Outcome
        {
            public SimulatedFaultKind? Fault { get; set; }

            public bool RejectedByRateLimit { get; set; }
        }

        public async ValueTask DisposeAsync()
        {
            if (_app != null)
            {
                await _app.StopAsync().ConfigureAwait(false);
                await _app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
