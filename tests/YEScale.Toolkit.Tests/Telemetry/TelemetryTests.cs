using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Diagnostics;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Telemetry
{
    /// <summary>
    /// The toolkit's spans and measurements as an OpenTelemetry SDK receives them, over real HTTP: a client span per
    /// call (method, route template, server, status, resends, error type, gen_ai model and tokens for chat), a span
    /// per task wait with its polls as children, the HTTP, retry, poll, task and token instruments, and no secret in
    /// any of it.
    /// </summary>
    public class TelemetryTests
    {
        private const string ChatAnswer = """{"id":"chatcmpl-otel-1","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"A paper boat."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}""";

        private static RetryOptions QuickRetry(int maxAttempts = 3) => new()
        {
            MaxAttempts = maxAttempts,
            InitialDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(30),
        };

        private static YEScale.ChatCompletionRequest Ask(string text) => new()
        {
            Model = "gpt-4o-mini",
            Messages = new List<YEScale.ChatMessage> { new() { Role = YEScale.ChatRole.User, Content = text } },
        };

        private static YEScale.YEScaleClient Client(LoopbackServer server, System.Net.Http.HttpClient http, string? key = "sk-test", RetryOptions? retry = null)
            => new(http, new ApiClientOptions { BaseAddress = server.BaseAddress, ApiKey = key, Retry = retry ?? RetryOptions.None });

        private static object? Tag(Activity span, string name) => span.GetTagItem(name);

        [Fact]
        public async Task A_successful_call_is_one_client_span_named_by_method_and_route_template_with_HTTP_attributes()
        {
            await using var server = await LoopbackServer.StartAsync(200, """{"id":"cgt-1","status":"running"}""");
            using var http = server.CreateHttpClient();
            var client = Client(server, http);
            using var capture = new TelemetryCapture(nameof(A_successful_call_is_one_client_span_named_by_method_and_route_template_with_HTTP_attributes));

            await client.Seedance.GetGenerationAsync("cgt-1");

            var span = Assert.Single(capture.Spans);
            Assert.Equal("GET /seedance/generations/{task_id}", span.DisplayName);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.Equal("GET", Tag(span, "http.request.method"));
            Assert.Equal("/seedance/generations/{task_id}", Tag(span, "url.template"));
            Assert.Equal("127.0.0.1", Tag(span, "server.address"));
            Assert.Equal(server.BaseAddress.Port, Tag(span, "server.port"));
            Assert.Equal(200, Tag(span, "http.response.status_code"));
            Assert.Equal("getSeedanceGeneration", Tag(span, "yescale.operation.id"));
            Assert.Null(Tag(span, "http.request.resend_count"));
            Assert.Null(Tag(span, "error.type"));
            Assert.Null(Tag(span, "url.full"));
            Assert.Null(Tag(span, "gen_ai.operation.name"));

            var point = Assert.Single(capture.PointsFor("http.client.request.duration", server.BaseAddress.Port));
            Assert.Equal(1, point.Point.GetHistogramCount());
            Assert.Equal("GET", point.Tags["http.request.method"]);
            Assert.Equal(200, Convert.ToInt32(point.Tags["http.response.status_code"]));
            Assert.Equal("/seedance/generations/{task_id}", point.Tags["url.template"]);
            Assert.False(point.Tags.ContainsKey("error.type"));
        }

        [Fact]
        public async Task A_call_retried_after_503_and_429_says_its_resend_count_with_an_event_per_repeated_try()
        {
            var calls = 0;
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                var call = Interlocked.Increment(ref calls);
                context.Response.ContentType = "application/json";
                context.Response.StatusCode = call switch { 1 => 503, 2 => 429, _ => 200 };
                await context.Response.WriteAsync(call >= 3 ? """{"id":"cgt-1","status":"running"}""" : """{"error":{"message":"busy"}}""");
            });
            using var http = server.CreateHttpClient();
            var client = Client(server, http, retry: QuickRetry());
            using var capture = new TelemetryCapture(nameof(A_call_retried_after_503_and_429_says_its_resend_count_with_an_event_per_repeated_try));

            await client.Seedance.GetGenerationAsync("cgt-1");

            Assert.Equal(3, calls);
            var span = Assert.Single(capture.Spans);
            Assert.Equal(2, Tag(span, "http.request.resend_count"));
            Assert.Equal(200, Tag(span, "http.response.status_code"));
            Assert.Null(Tag(span, "error.type"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            var retries = span.Events.Where(e => e.Name == "yescale.retry").ToList();
            Assert.Equal(2, retries.Count);
            Assert.Equal(new object?[] { 1, 2 }, retries.Select(e => e.Tags.First(t => t.Key == "yescale.retry.attempt").Value).ToArray());
            Assert.Equal(new object?[] { "503", "429" }, retries.Select(e => e.Tags.First(t => t.Key == "error.type").Value).ToArray());
            Assert.Equal(new object?[] { 503, 429 }, retries.Select(e => e.Tags.First(t => t.Key == "http.response.status_code").Value).ToArray());

            // Each try is one measurement, by status; each repeat counts once.
            var tries = capture.PointsFor("http.client.request.duration", server.BaseAddress.Port);
            Assert.Equal(3, tries.Sum(p => p.Point.GetHistogramCount()));
            Assert.Equal(new[] { 200, 429, 503 }, tries.Select(p => Convert.ToInt32(p.Tags["http.response.status_code"])).OrderBy(s => s).ToArray());
            Assert.Equal("503", tries.Single(p => Convert.ToInt32(p.Tags["http.response.status_code"]) == 503).Tags["error.type"]);
            var repeats = capture.PointsFor("yescale.client.request.retries", server.BaseAddress.Port);
            Assert.Equal(2, repeats.Sum(p => p.Point.GetSumLong()));
            Assert.All(repeats, p => Assert.Equal("getSeedanceGeneration", p.Tags["yescale.operation.id"]));
        }

        [Fact]
        public async Task A_failed_call_ends_its_span_with_error_type_and_status_code()
        {
            await using var server = await LoopbackServer.StartAsync(404, """{"error":{"message":"no such task"}}""");
            using var http = server.CreateHttpClient();
            var client = Client(server, http, retry: QuickRetry());
            using var capture = new TelemetryCapture(nameof(A_failed_call_ends_its_span_with_error_type_and_status_code));

            var error = await Assert.ThrowsAsync<ApiException>(() => client.Seedance.GetGenerationAsync("cgt-missing"));

            Assert.Equal(404, error.Status);
            var span = Assert.Single(capture.Spans);
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.Equal("404", Tag(span, "error.type"));
            Assert.Equal(404, Tag(span, "http.response.status_code"));
            Assert.Null(Tag(span, "http.request.resend_count")); // a 404 is not repeated
            var point = Assert.Single(capture.PointsFor("http.client.request.duration", server.BaseAddress.Port));
            Assert.Equal("404", point.Tags["error.type"]);
        }

        [Fact]
        public async Task A_call_that_gets_no_answer_has_the_exceptions_type_as_error_type()
        {
            // A port nothing listens on: the connection is refused.
            int port;
            using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }

            using var http = new System.Net.Http.HttpClient();
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = new Uri("http://127.0.0.1:" + port + "/"), ApiKey = "sk-test", Retry = RetryOptions.None });
            using var capture = new TelemetryCapture(nameof(A_call_that_gets_no_answer_has_the_exceptions_type_as_error_type));

            await Assert.ThrowsAsync<ApiConnectionException>(() => client.Seedance.GetGenerationAsync("cgt-1"));

            var span = Assert.Single(capture.Spans);
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.Equal("YEScale.Toolkit.ApiConnectionException", Tag(span, "error.type"));
            Assert.Null(Tag(span, "http.response.status_code"));
            Assert.Equal(port, Tag(span, "server.port"));
        }

        [Fact]
        public async Task A_chat_completion_carries_gen_ai_model_and_token_usage_on_its_span_and_in_the_token_histogram()
        {
            await using var server = await LoopbackServer.StartAsync(200, ChatAnswer);
            using var http = server.CreateHttpClient();
            var client = Client(server, http);
            using var capture = new TelemetryCapture(nameof(A_chat_completion_carries_gen_ai_model_and_token_usage_on_its_span_and_in_the_token_histogram));

            var completion = await client.Chat.CreateChatCompletionAsync(Ask("Name a paper boat."));

            Assert.Equal("chatcmpl-otel-1", completion.Id);
            var span = Assert.Single(capture.Spans);
            Assert.Equal("POST /v1/chat/completions", span.DisplayName);
            Assert.Equal("chat", Tag(span, "gen_ai.operation.name"));
            Assert.Equal("yescale", Tag(span, "gen_ai.provider.name"));
            Assert.Equal("gpt-4o-mini", Tag(span, "gen_ai.request.model"));
            Assert.Equal("gpt-4o-mini-2024-07-18", Tag(span, "gen_ai.response.model"));
            Assert.Equal("chatcmpl-otel-1", Tag(span, "gen_ai.response.id"));
            Assert.Equal(12L, Tag(span, "gen_ai.usage.input_tokens"));
            Assert.Equal(5L, Tag(span, "gen_ai.usage.output_tokens"));
            Assert.Equal("createChatCompletion", Tag(span, "yescale.operation.id"));

            var tokens = capture.PointsFor("gen_ai.client.token.usage", server.BaseAddress.Port);
            Assert.Equal(2, tokens.Count);
            var input = tokens.Single(p => (string?)p.Tags["gen_ai.token.type"] == "input");
            var output = tokens.Single(p => (string?)p.Tags["gen_ai.token.type"] == "output");
            Assert.Equal(12, input.Point.GetHistogramSum());
            Assert.Equal(1, input.Point.GetHistogramCount());
            Assert.Equal(5, output.Point.GetHistogramSum());
            Assert.All(tokens, p =>
            {
                Assert.Equal("chat", p.Tags["gen_ai.operation.name"]);
                Assert.Equal("gpt-4o-mini", p.Tags["gen_ai.request.model"]);
                Assert.Equal("gpt-4o-mini-2024-07-18", p.Tags["gen_ai.response.model"]);
            });
            var duration = Assert.Single(capture.PointsFor("gen_ai.client.operation.duration", server.BaseAddress.Port));
            Assert.Equal(1, duration.Point.GetHistogramCount());
        }

        [Fact]
        public async Task A_streamed_chat_reads_model_and_usage_from_its_events_and_its_span_ends_with_the_stream()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentType = "text/event-stream";
                foreach (var data in new[]
                {
                    """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}],"usage":null}""",
                    """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}],"usage":null}""",
                    """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}""",
                    "[DONE]",
                })
                {
                    await context.Response.WriteAsync("data: " + data + "\n\n");
                    await context.Response.Body.FlushAsync();
                }
            });
            using var http = server.CreateHttpClient();
            var client = Client(server, http);
            using var capture = new TelemetryCapture(nameof(A_streamed_chat_reads_model_and_usage_from_its_events_and_its_span_ends_with_the_stream));

            var chunks = 0;
            await foreach (var chunk in client.Chat.CreateChatCompletionStreamingAsync(Ask("Say hello.")))
            {
                chunks++;
            }

            Assert.Equal(3, chunks);
            var span = Assert.Single(capture.Spans);
            Assert.Equal("gpt-4o-mini-2024-07-18", Tag(span, "gen_ai.response.model"));
            Assert.Equal(7L, Tag(span, "gen_ai.usage.input_tokens"));
            Assert.Equal(2L, Tag(span, "gen_ai.usage.output_tokens"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            var tokens = capture.PointsFor("gen_ai.client.token.usage", server.BaseAddress.Port);
            Assert.Equal(9, tokens.Sum(p => p.Point.GetHistogramSum()));
        }

        [Fact]
        public async Task A_task_wait_is_one_span_with_its_polls_as_child_call_spans_and_its_final_status()
        {
            await using var service = await SimulatedService.StartAsync();
            using var capture = new TelemetryCapture(nameof(A_task_wait_is_one_span_with_its_polls_as_child_call_spans_and_its_final_status));

            var task = await service.Client.Seedance.CreateGenerationAsync(SimulatedService.Request("a traced wait"));
            var final = await task.WaitAsync();

            Assert.Equal("succeeded", final.Status.ToString());
            var spans = capture.Spans;
            var wait = Assert.Single(spans, s => s.DisplayName == "wait getSeedanceGeneration");
            Assert.Equal(ActivityKind.Internal, wait.Kind);
            Assert.Equal(task.Id, Tag(wait, "yescale.task.id"));
            Assert.Equal("getSeedanceGeneration", Tag(wait, "yescale.task.operation"));
            Assert.Equal("succeeded", Tag(wait, "yescale.task.state"));
            Assert.Equal("succeeded", Tag(wait, "yescale.task.status"));
            Assert.Equal(0, Tag(wait, "yescale.task.poll_failures"));
            Assert.Equal(ActivityStatusCode.Unset, wait.Status);

            // Every fetch the simulator saw is a call span under the wait, and the wait counts them.
            var fetches = service.FetchesOf(task.Id).Count;
            var polls = spans.Where(s => s.ParentSpanId == wait.SpanId).ToList();
            Assert.True(fetches >= 2, $"{fetches} fetches");
            Assert.Equal(fetches, polls.Count);
            Assert.All(polls, p => Assert.Equal("GET /seedance/generations/{task_id}", p.DisplayName));
            Assert.Equal(fetches, Tag(wait, "yescale.task.polls"));

            // A status event for each change the polls saw, ending at the final one.
            var changes = wait.Events.Where(e => e.Name == "yescale.task.status_changed").Select(e => e.Tags.First(t => t.Key == "yescale.task.status").Value).ToList();
            Assert.Equal("succeeded", changes.Last());
            Assert.True(changes.Count >= 2, string.Join(",", changes));
            Assert.Equal(changes.Count, changes.Distinct().Count());

            // The submit is its own span, beside the wait.
            var submit = Assert.Single(spans, s => s.DisplayName == "POST /seedance/generations");
            Assert.NotEqual(wait.SpanId, submit.ParentSpanId);

            // Measurements are process-wide (other tests wait for Seedance tasks too): at least this wait's.
            var durations = capture.Points("yescale.task.duration").Where(p => (string?)p.Tags["yescale.task.operation"] == "getSeedanceGeneration" && (string?)p.Tags["yescale.task.state"] == "succeeded").ToList();
            Assert.True(durations.Sum(p => p.Point.GetHistogramCount()) >= 1);
            var pollCount = capture.Points("yescale.task.polls").Where(p => (string?)p.Tags["yescale.task.operation"] == "getSeedanceGeneration").Sum(p => p.Point.GetSumLong());
            Assert.True(pollCount >= fetches, $"{pollCount} polls counted, {fetches} fetched");
        }

        [Fact]
        public async Task A_failed_poll_is_an_event_on_the_wait_span_and_counts_among_its_polls()
        {
            await using var service = await SimulatedService.StartAsync();
            using var capture = new TelemetryCapture(nameof(A_failed_poll_is_an_event_on_the_wait_span_and_counts_among_its_polls));
            var task = await service.Client.Seedance.CreateGenerationAsync(SimulatedService.Request("a wait that rides out a 500"));
            service.Simulator.InjectFaults(YEScale.Simulator.SimulatedFault.ServerError(500));

            await task.WaitAsync();

            var spans = capture.Spans;
            var wait = Assert.Single(spans, s => s.DisplayName == "wait getSeedanceGeneration");
            var polls = spans.Where(s => s.ParentSpanId == wait.SpanId).ToList();
            Assert.Equal(polls.Count, Tag(wait, "yescale.task.polls"));
            Assert.Equal(1, Tag(wait, "yescale.task.poll_failures"));
            Assert.Equal("succeeded", Tag(wait, "yescale.task.state"));
            var failedPoll = Assert.Single(polls, p => p.Status == ActivityStatusCode.Error);
            Assert.Equal("500", Tag(failedPoll, "error.type"));
            var failure = Assert.Single(wait.Events, e => e.Name == "yescale.task.poll_failed");
            Assert.Equal("500", failure.Tags.First(t => t.Key == "error.type").Value);
            Assert.Equal(1, failure.Tags.First(t => t.Key == "yescale.task.polls").Value);
        }

        [Fact]
        public async Task A_task_that_fails_ends_its_wait_span_as_failed()
        {
            await using var service = await SimulatedService.StartAsync();
            using var capture = new TelemetryCapture(nameof(A_task_that_fails_ends_its_wait_span_as_failed));
            var task = await service.Client.Seedance.CreateGenerationAsync(SimulatedService.Request("a failing wait [fail]"));
            await Assert.ThrowsAnyAsync<YEScale.Toolkit.Polling.TaskFailedException>(() => task.WaitAsync());

            var wait = Assert.Single(capture.Spans, s => s.DisplayName == "wait getSeedanceGeneration");
            Assert.Equal("failed", Tag(wait, "yescale.task.state"));
            Assert.Equal("failed", Tag(wait, "yescale.task.status"));
            Assert.Equal("YEScale.Toolkit.Polling.TaskFailedException", Tag(wait, "error.type"));
            Assert.Equal(ActivityStatusCode.Error, wait.Status);
        }

        [Fact]
        public async Task No_span_event_or_metric_attribute_carries_the_key_a_header_a_query_value_or_the_prompt()
        {
            const string Key = "sk-otel-SECRET-7f3a9c51d2";
            const string Prompt = "PROMPT-SECRET-b81e04 a paper boat";
            const string QueryValue = "QUERY-SECRET-55c0aa";
            var calls = 0;
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                var call = Interlocked.Increment(ref calls);
                context.Response.ContentType = "application/json";
                if (context.Request.Path.Value!.EndsWith("/chat/completions", StringComparison.Ordinal))
                {
                    await context.Response.WriteAsync(ChatAnswer);
                    return;
                }

                // The error body echoes the key, as a careless gateway might.
                context.Response.StatusCode = call == 2 ? 503 : 401;
                await context.Response.WriteAsync("{\"error\":{\"message\":\"bad key " + Key + "\"}}");
            });
            using var http = server.CreateHttpClient();
            var client = Client(server, http, key: Key, retry: QuickRetry(2));
            using var capture = new TelemetryCapture(nameof(No_span_event_or_metric_attribute_carries_the_key_a_header_a_query_value_or_the_prompt));
            RequestOptions Options()
            {
                var options = new RequestOptions();
                options.Query.Add(new KeyValuePair<string, string>("signature", QueryValue));
                options.Headers["X-Secret"] = QueryValue;
                return options;
            }

            await client.Chat.CreateChatCompletionAsync(Ask(Prompt), Options());
            await Assert.ThrowsAsync<ApiException>(() => client.Seedance.GetGenerationAsync("cgt-1", Options()));
            await Assert.ThrowsAsync<ApiException>(() => client.Seedance.GetGenerationAsync("cgt-2", Options()));

            var spans = capture.Spans;
            Assert.Equal(3, spans.Count);
            Assert.Contains(spans, s => s.Events.Any(e => e.Name == "yescale.retry"));
            var texts = new List<string>();
            foreach (var span in spans)
            {
                texts.Add(span.DisplayName);
                texts.Add(span.OperationName);
                texts.Add(span.StatusDescription ?? string.Empty);
                texts.AddRange(span.TagObjects.Select(t => t.Key + "=" + Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)));
                texts.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => e.Name + ":" + t.Key + "=" + Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture))));
                texts.AddRange(span.Baggage.Select(b => b.Key + "=" + b.Value));
            }

            var metricNames = capture.MetricNames.ToList();
            Assert.Contains("http.client.request.duration", metricNames);
            Assert.Contains("gen_ai.client.token.usage", metricNames);
            foreach (var name in metricNames)
            {
                texts.AddRange(capture.Points(name).SelectMany(p => p.Tags.Select(t => name + ":" + t.Key + "=" + Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture))));
            }

            // The check can fail: the attributes it reads are there.
            Assert.Contains(texts, t => t == "gen_ai.request.model=gpt-4o-mini");
            Assert.Contains(texts, t => t == "error.type=401");
            foreach (var secret in new[] { Key, "SECRET", "paper boat", QueryValue, "signature" })
            {
                Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
            }
        }
    }
}
