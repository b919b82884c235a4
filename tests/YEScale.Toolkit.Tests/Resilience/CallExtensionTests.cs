using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;
using YEScale.Toolkit.Tests.KeyedJobs;

namespace YEScale.Toolkit.Tests.Resilience
{
    /// <summary>
    /// What the two call extensions change on the wire (Specs/keyed-jobs.openapi.yaml): a server that honours an
    /// idempotency key gets POSTs repeated with the same key, and an error code inside a 200 answer fails the call.
    /// Also the per-call options: headers, query, the answer's status and headers.
    /// </summary>
    public sealed class CallExtensionTests
    {
        private static readonly ApiClientOptions Quick = new()
        {
            Retry = new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        };

        [Fact]
        public async Task A_POST_to_a_server_that_honours_the_key_is_repeated_after_a_500_with_the_same_key()
        {
            var tries = 0;
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                if (Interlocked.Increment(ref tries) == 1)
                {
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsync("{\"error\":{\"message\":\"upstream error\"}}");
                    return;
                }

                await Json(context, "{\"code\":0,\"data\":{\"id\":\"job-1\"}}");
            });
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, Quick);

            var created = await client.CreateJobAsync(new CreateJobRequest { Prompt = "a boat" });

            Assert.Equal("job-1", created.Id);
            Assert.Equal("job-1", created.SubmitAnswer.Data!.Id);
            var keys = server.Requests.Select(r => r.Headers.TryGetValue("Idempotency-Key", out var key) ? key : null).ToList();
            Assert.Equal(2, keys.Count);
            Assert.StartsWith("yescale-", keys[0]);
            Assert.Equal(keys[0], keys[1]);
        }

        [Fact]
        public async Task The_callers_idempotency_key_is_the_one_sent()
        {
            await using var server = await LoopbackServer.StartAsync(context => Json(context, "{\"code\":0,\"data\":{\"id\":\"job-1\"}}"));
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, Quick);

            await client.CreateJobAsync(new CreateJobRequest { Prompt = "a boat" }, new RequestOptions { IdempotencyKey = "order-42" });

            Assert.Equal("order-42", Assert.Single(server.Requests).Headers["Idempotency-Key"]);
        }

        [Fact]
        public async Task A_POST_whose_operation_says_the_key_is_not_honoured_is_tried_once_after_a_500()
        {
            await using var server = await LoopbackServer.StartAsync(500, "{\"error\":{\"message\":\"upstream error\"}}");
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, Quick);

            var failure = await Assert.ThrowsAsync<ApiException>(() => client.CreateNoteAsync(new CreateNoteRequest { Text = "hi" }));

            Assert.Equal(500, failure.Status);
            Assert.Equal(1, failure.Attempts);
            var request = Assert.Single(server.Requests);
            Assert.False(request.Headers.ContainsKey("Idempotency-Key"));
        }

        [Fact]
        public async Task An_error_code_inside_a_200_fails_the_call_and_is_the_servers_no_not_an_unknown_outcome()
        {
            await using var server = await LoopbackServer.StartAsync(200, "{\"code\":1201,\"message\":\"prompt rejected\"}");
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, Quick);

            var failure = await Assert.ThrowsAsync<ApiException>(() => client.CreateJobAsync(new CreateJobRequest { Prompt = "a boat" }));

            Assert.IsNotType<TaskMayExistException>(failure);
            Assert.Equal(200, failure.Status);
            Assert.Contains("reported error 1201 at /code (prompt rejected)", failure.Message);
            Assert.Equal("prompt rejected", failure.ErrorMessage);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Extra_headers_and_query_are_sent_and_the_answers_status_and_headers_come_back()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.Headers["x-request-id"] = "req-7";
                context.Response.Headers["x-ratelimit-remaining-requests"] = "41";
                await Json(context, "{\"id\":\"job-1\",\"state\":\"running\"}");
            });
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, Quick);
            var options = new RequestOptions();
            options.Headers["X-Trace"] = "t-1";
            options.Query.Add(new("region", "eu west"));

            await client.GetJobAsync("job-1", options);

            var request = Assert.Single(server.Requests);
            Assert.Equal("t-1", request.Headers["X-Trace"]);
            Assert.Equal("/jobs/job-1?region=eu%20west", request.RawTarget);
            Assert.NotNull(options.Response);
            Assert.Equal(200, options.Response!.Status);
            Assert.Equal("req-7", options.Response.RequestId);
            Assert.Equal(41, options.Response.RateLimitRemaining);
            Assert.Equal(1, options.Response.Attempts);
        }

        [Fact]
        public async Task A_token_passed_where_the_options_go_still_cancels_the_call()
        {
            var arrived = new TaskCompletionSource();
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                arrived.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            });
            using var http = server.CreateHttpClient();
            var client = new KeyedJobsClient(http, Quick);
            using var cancellation = new CancellationTokenSource();

            var call = client.GetJobAsync("job-1", cancellation.Token);
            await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            cancellation.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        private static Task Json(HttpContext context, string body)
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(body);
        }
    }
}
