using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Tests.Coverage;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.CoverageTests
{
    /// <summary>Form, multipart, binary bodies and server-sent events from Specs/coverage.openapi.yaml, against a real server.</summary>
    public class BodyAndStreamTests
    {
        [Fact]
        public async Task A_form_body_sends_each_member_as_a_field_lists_repeated_objects_as_json()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                var form = await context.Request.ReadFormAsync();
                context.Response.ContentType = "application/json";
                var fields = form.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
                await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["fields"] = fields }));
            });
            using var http = server.CreateHttpClient();

            var echo = await new CoverageClient(http).SendMessageAsync(new SendMessageRequest
            {
                To = "+15551234567",
                Body = "Hi & bye = ok",
                MediaUrl = new List<string> { "https://a.example/1.png", "https://a.example/2.png" },
                Priority = Priority.Normal,
                Attributes = new SendMessageRequestAttributes { Channel = "sms" },
            });

            var request = server.Requests.Single();
            Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
            Assert.Equal(new[] { "+15551234567" }, echo.Fields!["To"]);
            Assert.Equal(new[] { "Hi & bye = ok" }, echo.Fields["Body"]);
            Assert.Equal(new[] { "https://a.example/1.png", "https://a.example/2.png" }, echo.Fields["MediaUrl"]);
            Assert.Equal(new[] { "2" }, echo.Fields["Priority"]);
            Assert.Equal(new[] { "{\"channel\":\"sms\"}" }, echo.Fields["Attributes"]);
        }

        [Fact]
        public async Task A_multipart_body_sends_files_as_file_parts_and_members_as_fields()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                var form = await context.Request.ReadFormAsync();
                var file = form.Files["file"]!;
                using var content = new MemoryStream();
                await file.CopyToAsync(content);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    fileName = file.FileName,
                    contentType = file.ContentType,
                    size = content.Length,
                    purpose = form["purpose"].ToString(),
                    tags = form["tags"].ToArray(),
                }));
            });
            using var http = server.CreateHttpClient();
            var bytes = Encoding.UTF8.GetBytes("\u0089PNG fake image");

            var echo = await new CoverageClient(http).UploadAsync(new UploadRequest
            {
                File = FileUpload.FromBytes(bytes, "cat.png", "image/png"),
                Purpose = "vision",
                Tags = new List<string> { "a", "b" },
            });

            Assert.StartsWith("multipart/form-data", server.Requests.Single().Headers["Content-Type"]);
            Assert.Equal("cat.png", echo.FileName);
            Assert.Equal("image/png", echo.ContentType);
            Assert.Equal(bytes.Length, echo.Size);
            Assert.Equal("vision", echo.Purpose);
            Assert.Equal(new[] { "a", "b" }, echo.Tags);
        }

        [Fact]
        public async Task A_binary_body_is_streamed_and_a_binary_answer_returned_as_bytes()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentType = "application/octet-stream";
                await context.Request.Body.CopyToAsync(context.Response.Body);
            });
            using var http = server.CreateHttpClient();
            var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

            var echoed = await new CoverageClient(http).PutRawAsync(FileUpload.FromBytes(bytes, "raw.bin"));

            Assert.Equal(bytes, echoed);
            Assert.Equal("application/octet-stream", server.Requests.Single().Headers["Content-Type"]);
        }

        [Fact]
        public async Task Server_sent_events_arrive_as_typed_chunks_and_the_first_is_seen_before_the_stream_ends()
        {
            var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("data: {\"index\":0,\"delta\":\"Hel\"}\n\n");
                await context.Response.Body.FlushAsync();
                // The rest of the stream waits until the client has the first chunk in hand.
                await firstSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
                await context.Response.WriteAsync(": keep-alive comment\n\nevent: message\ndata: {\"index\":1,\n");
                await context.Response.WriteAsync("data: \"delta\":\"lo\"}\n\ndata: [DONE]\n\n");
            });
            using var http = server.CreateHttpClient();
            var chunks = new List<ChatChunk>();

            await foreach (var chunk in new CoverageClient(http).ChatStreamingAsync(new ChatRequest { Prompt = "hi", Stream = true }))
            {
                chunks.Add(chunk);
                firstSeen.TrySetResult();
            }

            Assert.Equal(new[] { "Hel", "lo" }, chunks.Select(c => c.Delta));
            Assert.Equal(new[] { 0, 1 }, chunks.Select(c => c.Index ?? -1));
            Assert.Equal("text/event-stream", server.Requests.Single().Headers["Accept"]);
        }

        [Fact]
        public async Task A_whole_JSON_answer_to_a_streaming_call_is_an_error_not_an_empty_stream()
        {
            // A server (or a proxy in front of it) that ignores the request's stream flag and answers one JSON body.
            await using var server = await LoopbackServer.StartAsync(200, "{\"text\":\"Hello\"}");
            using var http = server.CreateHttpClient();

            var error = await Assert.ThrowsAsync<ApiException>(async () =>
            {
                await foreach (var _ in new CoverageClient(http).ChatStreamingAsync(new ChatRequest { Prompt = "hi" }))
                {
                }
            });

            // The streaming variant asked for a stream by itself: the body's boolean stream member was set.
            Assert.Contains("\"stream\":true", server.Requests.Single().Body);
            Assert.Equal(200, error.Status);
            Assert.Equal("{\"text\":\"Hello\"}", error.Content);
            Assert.Contains("instead of text/event-stream", error.Message);
            Assert.Contains("stream", error.Message);
        }

        [Fact]
        public async Task The_same_operation_still_answers_plain_json()
        {
            await using var server = await LoopbackServer.StartAsync(200, "{\"text\":\"Hello\"}");
            using var http = server.CreateHttpClient();

            var answer = await new CoverageClient(http).ChatAsync(new ChatRequest { Prompt = "hi" });

            Assert.Equal("Hello", answer.Text);
        }
    }
}
