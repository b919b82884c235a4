using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using YEScale.Simulator.Chat;
using YEScale.Simulator.Endpoints;
using YEScale.Simulator.Http;
using YEScale.Simulator.Spec;
using YEScale.Simulator.Tasks;

namespace YEScale.Simulator
{
    /// <summary>
    /// An in-process simulation of the YEScale API on 127.0.0.1, driven by its OpenAPI spec (the embedded one, or
    /// <see cref="SimulatorOptions.SpecPath"/>). Every task route the spec declares (<c>x-yescale-task</c> queries and the
    /// submits that link to them) creates and answers tasks that go queued, running, then succeeded (a small file to
    /// download) or failed; chat completions get a canned reply (streamed when asked); every other operation answers its
    /// example. Faults can be injected (<see cref="InjectFaults"/>) or drawn at random (<see cref="SimulatorOptions.Faults"/>),
    /// and every request is logged (<see cref="Requests"/>).
    /// </summary>
    public sealed class YEScaleSimulator : IAsyncDisposable
    {
        /// <summary>The task id of the Seedance documentation example, always present and already succeeded.</summary>
        public const string ExampleTaskId = "cgt-20250702113430-gvkhb";

        private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

        /// <summary>The header OpenAI's API sends with a 429 (milliseconds), which its SDKs prefer to <c>Retry-After</c>.</summary>
        private const string RetryAfterMsHeader = "retry-after-ms";

        private readonly Queue<SimulatedFault> _injected = new();
        private readonly List<SimulatorRequest> _requests = new();
        private readonly Queue<long> _admitted = new();
        private readonly SimulatorOptions _options;
        private readonly TimeProvider _time;
        private readonly Random _random;
        private readonly SimulatedApi _api;
        private readonly TaskStore _tasks;
        private readonly SimulationServices _services;
        private readonly List<string> _problems;
        private WebApplication? _app;
        private int _requestCount;
        private int _sequence;

        /// <summary>Reads the spec (<see cref="SimulatorOptions.SpecPath"/>, else the embedded one); throws when it cannot be read.</summary>
        public YEScaleSimulator(SimulatorOptions? options = null, TimeProvider? timeProvider = null)
        {
            _options = options ?? new SimulatorOptions();
            _time = timeProvider ?? TimeProvider.System;
            _random = _options.Seed is int seed ? new Random(seed) : new Random();
            _api = SimulatedApi.Load(_options.SpecPath);
            _problems = _api.Problems.ToList();
            _tasks = new TaskStore(_api);
            _services = new SimulationServices(_options, _time, _tasks, NextDouble);
            TaskRoutes = _api.Submits.SelectMany(s => s.Links.Select(l => Describe(s, l))).ToArray();
        }

        /// <summary>The options the simulator reads on every request (the instance it was given, if any).</summary>
        public SimulatorOptions Options => _options;

        /// <summary>Where the simulator listens, once started.</summary>
        public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

        /// <summary>How many HTTP requests the simulator has received.</summary>
        public int RequestCount => Volatile.Read(ref _requestCount);

        /// <summary>The tasks submitted so far, and the examples the spec shows (<see cref="SimulatedTask.IsExample"/>).</summary>
        public IReadOnlyCollection<SimulatedTask> Tasks => _tasks.All;

        /// <summary>
        /// The tasks submitted so far, without the examples, in no particular order: with <see cref="SubmitsTo"/>, what a test
        /// compares to tell "one submit arrived, one task was created" (a fault after accepting still creates its task).
        /// </summary>
        public IReadOnlyCollection<SimulatedTask> SubmittedTasks => _tasks.All.Where(t => !t.IsExample).ToArray();

        /// <summary>Every task route of the spec: each submit with the query it links to.</summary>
        public IReadOnlyList<SimulatedTaskRoute> TaskRoutes { get; }

        /// <summary>What in the spec could not be simulated (an unusable task extension, a path routing refuses), one line each.</summary>
        public IReadOnlyList<string> SpecProblems
        {
            get
            {
                lock (_problems)
                {
                    return _problems.ToArray();
                }
            }
        }

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

        /// <summary>
        /// The task submits received so far at <paramref name="path"/> (as the client sent it, such as <c>/seedance/generations</c>;
        /// the leading slash is optional), in order of arrival: each one whatever it was answered, faults and refusals included.
        /// </summary>
        public IReadOnlyList<SimulatorRequest> SubmitsTo(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            var rooted = path.StartsWith('/') ? path : "/" + path;
            return Requests.Where(r => r.IsSubmit && string.Equals(r.Path, rooted, StringComparison.Ordinal)).ToArray();
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
        /// Queues faults for the next task-endpoint requests (submit or query), one per request in order; once they are used up,
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
            _app.MapFallback("{*path}", context => HandleAsync(context, NotFoundEndpoint.Instance));
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            BaseAddress = new Uri(address.TrimEnd('/') + "/");
            return BaseAddress;
        }

        /// <summary>Maps every operation of the spec, and the result downloads, onto an application.</summary>
        public void Map(IEndpointRouteBuilder endpoints)
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            var chat = new ChatCompletionSimulator(_options, _time);
            var responses = new ResponsesSimulator(_options, _time);
            foreach (var operation in _api.Operations)
            {
                var (template, keys) = RouteTemplates.From(operation.Path);
                ISimulatedEndpoint endpoint;
                if (_api.QueryOf(operation) is { } query)
                {
                    endpoint = new TaskQueryEndpoint(query, keys.TryGetValue(query.TaskIdParameter, out var key) ? key : null, _services);
                }
                else if (_api.SubmitOf(operation) is { } submit)
                {
                    endpoint = new TaskSubmitEndpoint(submit, _services);
                }
                else if (ComputedAnswerEndpoint.Handles(operation, "/chat/completions"))
                {
                    endpoint = new ComputedAnswerEndpoint(operation, chat.Answer);
                }
                else if (ComputedAnswerEndpoint.Handles(operation, "/v1/responses"))
                {
                    endpoint = new ComputedAnswerEndpoint(operation, responses.Answer);
                }
                else if (ComputedAnswerEndpoint.Handles(operation, "/embeddings"))
                {
                    endpoint = new ComputedAnswerEndpoint(operation, EmbeddingSimulator.Answer);
                }
                else
                {
                    endpoint = new ExampleOperationEndpoint(operation);
                }

                try
                {
                    endpoints.MapMethods(template, new[] { operation.Method }, context => HandleAsync(context, endpoint));
                }
                catch (RoutePatternException exception)
                {
                    lock (_problems)
                    {
                        _problems.Add($"{operation.DisplayName}: the path '{operation.Path}' cannot be routed ({exception.Message})");
                    }
                }
            }

            var download = new ResultDownloadEndpoint(_services);
            endpoints.MapGet(ResultDownloadEndpoint.Template, context => HandleAsync(context, download));
        }

        /// <summary>Logs the request, works out the answer (with any fault) and writes it.</summary>
        private async Task HandleAsync(HttpContext context, ISimulatedEndpoint endpoint)
        {
            Interlocked.Increment(ref _requestCount);
            var taskId = endpoint.TaskIdOf(context);
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
                    endpoint.IsTaskEndpoint,
                    endpoint is TaskSubmitEndpoint);
                _requests.Add(request);
            }

            var outcome = new Outcome();
            SimulatorAnswer? answer;
            try
            {
                answer = await AnswerAsync(context, endpoint, request.Timestamp, outcome).ConfigureAwait(false);
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

            if (answer.RetryAfterMs != null)
            {
                response.Headers[RetryAfterMsHeader] = answer.RetryAfterMs;
            }

            try
            {
                if (answer.Stream is { } stream)
                {
                    await stream(context).ConfigureAwait(false);
                    return;
                }

                response.ContentLength = answer.Body.Length;
                await response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client stopped listening; nothing more to do.
            }
        }

        private void Complete(SimulatorRequest request, int? status, string? taskId, Outcome outcome)
        {
            // The outcome's task id survives a fault after accepting: a dropped, replaced or abandoned answer still created it.
            var completed = request.Complete(status, taskId ?? outcome.TaskId, outcome.Fault, outcome.RejectedByRateLimit);
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
        private async Task<SimulatorAnswer?> AnswerAsync(HttpContext context, ISimulatedEndpoint endpoint, long arrival, Outcome outcome)
        {
            if (!endpoint.IsTaskEndpoint)
            {
                return endpoint.RequiresKey && !Authorized(context)
                    ? SimulatorAnswer.Unauthorized()
                    : await endpoint.AnswerAsync(context, null).ConfigureAwait(false);
            }

            // The limit comes first, as a gateway's would: a request it turns away uses no injected fault.
            if (_options.RequestsPerSecondLimit is int limit && !TryAdmit(limit, arrival, out var wait))
            {
                outcome.RejectedByRateLimit = true;
                return SimulatorAnswer.Error(429, $"Rate limit reached: at most {limit} requests per second.", "rate_limit_error", RetryAfterHeader(wait, asDate: false));
            }

            var fault = NextFault();
            outcome.Fault = fault?.Kind;
            switch (fault?.Kind)
            {
                case SimulatedFaultKind.RateLimited:
                    return SimulatorAnswer.Error(429, "Rate limit reached, please try again later.", "rate_limit_error", RetryAfterHeader(fault.RetryAfter, fault.RetryAfterAsDate))
                        with { RetryAfterMs = RetryAfterMsHeaderValue(fault.RetryAfterMs) };
                case SimulatedFaultKind.ServerError:
                    return UpstreamError(fault.StatusCode);
                case SimulatedFaultKind.ServiceUnavailable:
                    return SimulatorAnswer.Error(503, "The service is temporarily unavailable.", "service_unavailable", RetryAfterHeader(fault.RetryAfter, fault.RetryAfterAsDate))
                        with { RetryAfterMs = RetryAfterMsHeaderValue(fault.RetryAfterMs) };
                case SimulatedFaultKind.DropConnection:
                    return null;
                case SimulatedFaultKind.Slow:
                    await Task.Delay(fault.Delay, _time, context.RequestAborted).ConfigureAwait(false);
                    break;
            }

            var answer = Authorized(context)
                ? await endpoint.AnswerAsync(context, fault?.Kind == SimulatedFaultKind.Status ? fault.TaskStatus : null).ConfigureAwait(false)
                : SimulatorAnswer.Unauthorized();

            // From here on the request has been carried out (a submit created its task), whatever the client gets.
            outcome.TaskId = answer.TaskId;
            switch (fault?.Kind)
            {
                // Half of a JSON object never parses: its closing brace is missing at least.
                case SimulatedFaultKind.MalformedJson:
                    return answer with { Body = answer.Body[..(answer.Body.Length / 2)] };
                case SimulatedFaultKind.WrongType:
                    return answer with { Body = QuoteFirstNumber(answer.Body) };
                case SimulatedFaultKind.DropAfterAccepting:
                    return null;
                case SimulatedFaultKind.ServerErrorAfterAccepting:
                    return UpstreamError(fault.StatusCode) with { TaskId = answer.TaskId };
                case SimulatedFaultKind.SlowAfterAccepting:
                    // Nothing is written yet, so the headers wait too; a client that gives up first ends the delay.
                    await Task.Delay(fault.Delay, _time, context.RequestAborted).ConfigureAwait(false);
                    return answer;
                case SimulatedFaultKind.SlowBody when answer.Stream is null:
                    var body = answer.Body;
                    var delay = fault.Delay;
                    return answer with { Stream = c => WriteInTwoAsync(c, body, delay) };
                default:
                    return answer;
            }
        }

        private static SimulatorAnswer UpstreamError(int status) => SimulatorAnswer.Error(status, "upstream error", "upstream_error");

        /// <summary>Writes the headers (with the full length) and the first half of <paramref name="body"/> at once, the rest after <paramref name="delay"/>.</summary>
        private async Task WriteInTwoAsync(HttpContext context, byte[] body, TimeSpan delay)
        {
            var response = context.Response;
            var half = body.Length / 2;
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body.AsMemory(0, half), context.RequestAborted).ConfigureAwait(false);

            // Flushed, so the client holds the headers and half a body while the rest waits.
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await Task.Delay(delay, _time, context.RequestAborted).ConfigureAwait(false);
            await response.Body.WriteAsync(body.AsMemory(half), context.RequestAborted).ConfigureAwait(false);
        }

        private static byte[] QuoteFirstNumber(byte[] body)
        {
            var text = System.Text.Encoding.UTF8.GetString(body);
            var number = new System.Text.RegularExpressions.Regex("(\"[A-Za-z_]+\"\\s*:\\s*)(-?[0-9]+(?:\\.[0-9]+)?)", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            var quoted = number.Replace(text, "$1\"$2\"", 1);
            return System.Text.Encoding.UTF8.GetBytes(quoted);
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
                return SimulatedFault.RateLimited(faults.RetryAfter, faults.RetryAfterAsDate, faults.RetryAfterMs);
            }

            if (draw < (edge += faults.ServerErrorProbability))
            {
                return SimulatedFault.ServerError();
            }

            if (draw < (edge += faults.ServiceUnavailableProbability))
            {
                return SimulatedFault.ServiceUnavailable(faults.RetryAfter, faults.RetryAfterAsDate, faults.RetryAfterMs);
            }

            if (draw < (edge += faults.SlowProbability))
            {
                return SimulatedFault.Slow(faults.SlowDelay);
            }

            if (draw < (edge += faults.DropConnectionProbability))
            {
                return SimulatedFault.DropConnection();
            }

            if (draw < (edge += faults.MalformedJsonProbability))
            {
                return SimulatedFault.MalformedJson();
            }

            if (draw < (edge += faults.DropAfterAcceptingProbability))
            {
                return SimulatedFault.DropAfterAccepting();
            }

            if (draw < (edge += faults.ServerErrorAfterAcceptingProbability))
            {
                return SimulatedFault.ServerErrorAfterAccepting();
            }

            if (draw < (edge += faults.SlowAfterAcceptingProbability))
            {
                return SimulatedFault.SlowAfterAccepting(faults.SlowDelay);
            }

            return draw < edge + faults.SlowBodyProbability ? SimulatedFault.SlowBody(faults.SlowDelay) : null;
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

        /// <summary>A <c>retry-after-ms</c> value: whole milliseconds, rounded up so a client that honours it never comes back early.</summary>
        private static string? RetryAfterMsHeaderValue(TimeSpan? after) => after is TimeSpan delay
            ? ((Math.Max(delay.Ticks, 0) + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture)
            : null;

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

        /// <summary>Whether the request carries the key: as a bearer token, or in a header or query parameter an API key scheme of the spec names.</summary>
        private bool Authorized(HttpContext context)
        {
            if (_options.ApiKey is not { } key)
            {
                return true;
            }

            var request = context.Request;
            if (request.Headers.Authorization.ToString() == "Bearer " + key)
            {
                return true;
            }

            foreach (var (name, location) in ApiKeySchemes())
            {
                var value = location == "query" ? request.Query[name].ToString() : request.Headers[name].ToString();
                if (value == key)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The spec's <c>apiKey</c> security schemes in headers or the query (Anthropic's <c>x-api-key</c>, Gemini's <c>key</c>...).</summary>
        private IEnumerable<(string Name, string Location)> ApiKeySchemes()
        {
            if (_api.Document.Root["components"]?["securitySchemes"] is not JsonObject schemes)
            {
                yield break;
            }

            foreach (var (_, node) in schemes)
            {
                if (_api.Document.ResolveObject(node) is { } scheme && OpenApiDocument.Text(scheme["type"]) == "apiKey"
                    && OpenApiDocument.Text(scheme["name"]) is { } name && OpenApiDocument.Text(scheme["in"]) is "header" or "query")
                {
                    yield return (name, OpenApiDocument.Text(scheme["in"])!);
                }
            }
        }

        private SimulatedTaskRoute Describe(TaskSubmitRoute submit, TaskLink link)
        {
            var operation = submit.Operation;
            var media = operation.Request?.Select(null);
            var query = link.Query;
            return new SimulatedTaskRoute
            {
                SubmitOperationId = operation.OperationId,
                SubmitMethod = operation.Method,
                SubmitPath = operation.Path,
                SubmitContentType = media?.Name,
                SubmitExample = SpecOperation.ExampleOf(_api.Document, media?.Node)?.ToJsonString(),
                SubmitRequiredMembers = _api.Document.RequiredMembers(media?.Schema),
                TaskIdPointer = link.TaskIdPointer.Text,
                QueryOperationId = query.Operation.OperationId,
                QueryPath = query.Operation.Path,
                TaskIdParameter = query.TaskIdParameter,
                TaskIdInQuery = query.TaskIdInQuery,
                StatusPointer = query.Status.Text,
                QueuedStatus = query.QueuedWord,
                RunningStatus = query.RunningWord,
                SucceededStatus = query.Succeeded[0],
                FailedStatuses = query.Failed,
                ProgressPointer = query.Progress?.Text,
                ResultPointer = query.Result?.Text,
                ErrorPointer = query.Error?.Text,
                ResultExtension = query.ResultExtension,
                ExampleTaskIds = query.ExampleTaskIds.ToArray(),
            };
        }

        /// <summary>What happened to a request before its answer was known; kept even when the client goes away meanwhile.</summary>
        private sealed class Outcome
        {
            public SimulatedFaultKind? Fault { get; set; }

            public bool RejectedByRateLimit { get; set; }

            /// <summary>The task the endpoint's answer named (a submit's new one), set once the endpoint has answered.</summary>
            public string? TaskId { get; set; }
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
