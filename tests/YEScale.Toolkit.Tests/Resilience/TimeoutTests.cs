using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Resilience
{
    /// <summary>
    /// Time limits: a per-try timeout over the headers and the whole body, a stream's idle timeout, the HttpClient's own
    /// timeout: each ends the call with ApiTimeoutException; the caller's own cancellation stays OperationCanceledException.
    /// Leaving a stream early closes its connection, so the server stops sending (and billing).
    /// </summary>
    public class TimeoutTests
    {
        private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

        /// <summary>The bound a call cut by a 1 s limit must return within: generous for a loaded 2-core machine, far below the fault's 20 s.</summary>
        private static readonly TimeSpan ReturnBound = TimeSpan.FromSeconds(5);

        private static YEScale.ChatCompletionRequest Ask(string text) => new()
        {
            Model = "gpt-4o-mini",
            Messages = new List<YEScale.ChatMessage> { new() { Role = YEScale.ChatRole.User, Content = text } },
        };

        private const string Chunk = """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}""";

        private static async Task WriteEventAsync(HttpContext context, string data)
        {
            await context.Response.WriteAsync("data: " + data + "\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        [Fact]
        public async Task Headers_slower_than_a_per_call_timeout_end_a_GET_with_ApiTimeoutException()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient(options => options.Retry = RetryOptions.None);
            rig.Simulator.InjectFaults(SimulatedFault.Slow(TimeSpan.FromSeconds(20)));
            var watch = Stopwatch.StartNew();

            var exception = await Record.ExceptionAsync(() => client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, new RequestOptions { Timeout = ShortTimeout }));

            Assert.True(watch.Elapsed < ReturnBound, $"returned after {watch.Elapsed}");
            var late = Assert.IsType<ApiTimeoutException>(exception);
            Assert.Equal(ShortTimeout, late.Timeout);
            Assert.True(late.Elapsed >= ShortTimeout - FaultRig.TimerSlack, $"Elapsed {late.Elapsed}");
            Assert.False(late.BetweenEvents);
            Assert.Equal(0, late.Status);
            Assert.Equal("GET", late.RequestMethod);
            Assert.Contains("RequestOptions.Timeout", late.Message);
            Assert.IsAssignableFrom<OperationCanceledException>(late.InnerException);
        }

        [Fact]
        public async Task A_timed_out_GET_is_repeated_each_try_getting_the_whole_timeout()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient(options => options.Retry = FaultRig.QuickRetry(maxAttempts: 2));
            rig.Simulator.InjectFaults(SimulatedFault.Slow(TimeSpan.FromSeconds(20)));
            var options = new RequestOptions { Timeout = ShortTimeout };

            var task = await client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, options);

            Assert.Equal(YEScaleSimulator.ExampleTaskId, task.Id);
            Assert.Equal(2, options.Response!.Attempts);
            Assert.Equal(2, rig.QueriesOf(YEScaleSimulator.ExampleTaskId).Count);
        }

        public static IEnumerable<object[]> CancellationRoutes() => new[] { new object[] { "cancellationToken" }, new object[] { "requestOptions" } };

        [Theory]
        [MemberData(nameof(CancellationRoutes))]
        public async Task The_callers_own_cancellation_stays_OperationCanceledException_not_ApiTimeoutException(string route)
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient(options => options.Timeout = TimeSpan.FromSeconds(30));
            rig.Simulator.InjectFaults(SimulatedFault.Slow(TimeSpan.FromSeconds(20)));
            using var cancel = new CancellationTokenSource(ShortTimeout);
            var watch = Stopwatch.StartNew();

            var exception = await Record.ExceptionAsync(() => route == "cancellationToken"
                ? client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, cancellationToken: cancel.Token)
                : client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, cancel.Token)); // converts to RequestOptions

            Assert.True(watch.Elapsed < ReturnBound, $"returned after {watch.Elapsed}");
            Assert.NotNull(exception);
            Assert.IsAssignableFrom<OperationCanceledException>(exception);
            Assert.IsNotType<ApiTimeoutException>(exception);
            Assert.False(exception is ApiException, exception.ToString());
            Assert.Single(rig.QueriesOf(YEScaleSimulator.ExampleTaskId)); // a cancellation is not retried
        }

        [Fact]
        public async Task A_body_slower_than_the_timeout_fails_although_the_headers_came_at_once()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient(options => options.Retry = RetryOptions.None);
            rig.Simulator.InjectFaults(SimulatedFault.SlowBody(TimeSpan.FromSeconds(20)));
            var options = new RequestOptions { Timeout = ShortTimeout };
            var watch = Stopwatch.StartNew();

            var exception = await Record.ExceptionAsync(() => client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, options));

            Assert.True(watch.Elapsed < ReturnBound, $"returned after {watch.Elapsed}");
            var late = Assert.IsType<ApiTimeoutException>(exception);
            Assert.Equal(ShortTimeout, late.Timeout);
            Assert.True(late.Elapsed >= ShortTimeout - FaultRig.TimerSlack, $"Elapsed {late.Elapsed}");

            // The headers had come: status 200 was seen, and the timeout still covered the body.
            Assert.Equal(200, late.Status);
            Assert.Equal(200, options.Response!.Status);
            Assert.True(options.Response.Elapsed < ShortTimeout, $"headers after {options.Response.Elapsed}");
        }

        [Fact]
        public async Task A_stream_that_sends_one_event_then_stalls_fails_with_ApiTimeoutException_between_events()
        {
            var idle = TimeSpan.FromMilliseconds(400);
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentType = "text/event-stream";
                await WriteEventAsync(context, Chunk);
                await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
            });
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = server.BaseAddress, ApiKey = "sk-test" });
            var seen = new List<string?>();
            var watch = Stopwatch.StartNew();

            var exception = await Record.ExceptionAsync(async () =>
            {
                await foreach (var chunk in client.Chat.CreateChatCompletionStreamingAsync(Ask("Hi"), new RequestOptions { StreamIdleTimeout = idle }))
                {
                    seen.Add(chunk.Choices[0].Delta.Content);
                }
            });

            Assert.True(watch.Elapsed < ReturnBound, $"returned after {watch.Elapsed}");
            Assert.Equal(new[] { "Hel" }, seen);
            var stalled = Assert.IsType<ApiTimeoutException>(exception);
            Assert.True(stalled.BetweenEvents);
            Assert.Equal(idle, stalled.Timeout);
            Assert.True(stalled.Elapsed >= idle - FaultRig.TimerSlack, $"Elapsed {stalled.Elapsed}");
            Assert.Contains("sent nothing", stalled.Message);
        }

        [Fact]
        public async Task Leaving_a_stream_after_the_first_event_closes_the_connection_while_the_server_is_still_sending()
        {
            var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sentAfterFirst = 0;
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                using var registration = context.RequestAborted.Register(() => aborted.TrySetResult());
                context.Response.ContentType = "text/event-stream";
                try
                {
                    await WriteEventAsync(context, Chunk);

                    // A long answer, sent slowly: 20 s of small events unless the client goes away.
                    for (var i = 0; i < 200 && !context.RequestAborted.IsCancellationRequested; i++)
                    {
                        await Task.Delay(100, context.RequestAborted);
                        await WriteEventAsync(context, Chunk);
                        Interlocked.Increment(ref sentAfterFirst);
                    }
                }
                catch (OperationCanceledException)
                {
                    // The client went away: what this test waits for.
                }
            });

            // Draining an unread answer may take this long before the handler gives up on it; the stream must not wait for that.
            using var http = new HttpClient(new SocketsHttpHandler { ResponseDrainTimeout = TimeSpan.FromSeconds(30), MaxResponseDrainSize = 1 << 30 }) { BaseAddress = server.BaseAddress };
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = server.BaseAddress, ApiKey = "sk-test" });

            var seen = 0;
            Stopwatch? left = null;
            await foreach (var chunk in client.Chat.CreateChatCompletionStreamingAsync(Ask("Tell me a long story")))
            {
                seen++;
                left = Stopwatch.StartNew();
                break;
            }

            var closed = await Task.WhenAny(aborted.Task, Task.Delay(TimeSpan.FromSeconds(10))) == aborted.Task;
            var after = left!.Elapsed;

            Assert.Equal(1, seen);
            Assert.True(closed, $"the server still had the connection 10 s after the loop was left ({Volatile.Read(ref sentAfterFirst)} events sent after the first)");
            Assert.True(after < TimeSpan.FromSeconds(2), $"the server saw the connection close {after} after the loop was left");
        }

        [Fact]
        public async Task A_stream_that_ends_with_DONE_keeps_its_connection_for_the_next_call_even_when_the_body_ends_a_little_later()
        {
            var connections = new System.Collections.Concurrent.ConcurrentQueue<string>();
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                connections.Enqueue(context.Connection.Id);
                context.Response.ContentType = "text/event-stream";
                await WriteEventAsync(context, Chunk);
                await WriteEventAsync(context, "[DONE]");

                // The body's end reaches the client a little after [DONE], as it may over a real network: the stream has
                // ended as the protocol says, so this is no reason to cut the connection.
                await Task.Delay(300);
            });
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = server.BaseAddress };
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { BaseAddress = server.BaseAddress, ApiKey = "sk-test" });

            for (var call = 0; call < 2; call++)
            {
                var seen = new List<string?>();
                await foreach (var chunk in client.Chat.CreateChatCompletionStreamingAsync(Ask("Hi")))
                {
                    seen.Add(chunk.Choices[0].Delta.Content);
                }

                Assert.Equal(new[] { "Hel" }, seen);
            }

            var ids = connections.ToArray();
            Assert.Equal(2, ids.Length);
            Assert.True(ids[0] == ids[1], $"the second stream came on a new connection ({ids[0]}, then {ids[1]}): the first was closed after its [DONE]");
        }

        [Fact]
        public async Task An_HttpClient_whose_own_Timeout_is_short_still_ends_the_call_with_ApiTimeoutException()
        {
            await using var rig = await FaultRig.StartAsync();
            var http = new HttpClient(new SocketsHttpHandler()) { Timeout = ShortTimeout };
            var client = rig.CreateClient(options => options.Retry = RetryOptions.None, http);
            rig.Simulator.InjectFaults(SimulatedFault.Slow(TimeSpan.FromSeconds(20)));
            var watch = Stopwatch.StartNew();

            var exception = await Record.ExceptionAsync(() => client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId));

            Assert.True(watch.Elapsed < ReturnBound, $"returned after {watch.Elapsed}");
            var late = Assert.IsType<ApiTimeoutException>(exception);
            Assert.Equal(ShortTimeout, late.Timeout);
            Assert.Contains("HttpClient.Timeout", late.Message);
            Assert.IsAssignableFrom<OperationCanceledException>(late.InnerException);
            Assert.IsType<TimeoutException>(late.InnerException!.InnerException);
        }
    }
}
