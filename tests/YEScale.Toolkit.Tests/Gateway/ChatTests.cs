using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Gateway
{
    /// <summary>Chat completions through the generated client: whole, streamed, with image input, tools, n choices and structured output.</summary>
    public class ChatTests
    {
        private static ChatCompletionRequest Ask(string text) => new()
        {
            Model = "gpt-4o-mini",
            Messages = new List<ChatMessage> { new() { Role = ChatRole.User, Content = text } },
        };

        [Fact]
        public async Task A_chat_completion_comes_back_typed_with_its_choice_and_usage()
        {
            await using var service = await SimulatedService.StartAsync();

            var completion = await service.Client.Chat.CreateChatCompletionAsync(Ask("Name a paper boat."));

            Assert.Equal("chat.completion", completion.Object);
            Assert.Equal("gpt-4o-mini", completion.Model);
            var choice = Assert.Single(completion.Choices);
            Assert.Equal("assistant", choice.Message.Role);
            Assert.Contains("Name a paper boat.", choice.Message.Content);
            Assert.Equal("stop", choice.FinishReason);
            Assert.True(completion.Usage!.TotalTokens > 0);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task N_choices_come_back_as_n_choices()
        {
            await using var service = await SimulatedService.StartAsync();
            var request = Ask("Hello");
            request.N = 3;

            var completion = await service.Client.Chat.CreateChatCompletionAsync(request);

            Assert.Equal(new[] { 0, 1, 2 }, completion.Choices.Select(c => c.Index));

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task An_image_part_is_sent_as_a_content_part_and_seen_by_the_model()
        {
            await using var service = await SimulatedService.StartAsync();
            var request = new ChatCompletionRequest
            {
                Model = "gpt-4o",
                Messages = new List<ChatMessage>
                {
                    new()
                    {
                        Role = ChatRole.User,
                        // A list converts to the string-or-parts content by itself.
                        Content = new List<ChatContentPart>
                        {
                            new() { Type = ChatContentPartType.Text, Text = "What is in this picture?" },
                            new() { Type = ChatContentPartType.ImageUrl, ImageUrl = new ChatImageUrl { Url = "data:image/png;base64,iVBORw0KGgo=", Detail = "low" } },
                        },
                    },
                },
            };

            var completion = await service.Client.Chat.CreateChatCompletionAsync(request);

            // The simulator only mentions an image when a part of type image_url reached it.
            Assert.Contains("image", completion.Choices[0].Message.Content, StringComparison.OrdinalIgnoreCase);
            var textOnly = await service.Client.Chat.CreateChatCompletionAsync(Ask("What is in this picture?"));
            Assert.DoesNotContain("image", textOnly.Choices[0].Message.Content!.Replace("picture", string.Empty), StringComparison.OrdinalIgnoreCase);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task A_function_the_model_chooses_comes_back_as_a_typed_tool_call()
        {
            await using var service = await SimulatedService.StartAsync();
            var request = Ask("What is the weather in Hanoi?");
            request.Tools = new List<ChatTool>
            {
                new()
                {
                    Type = "function",
                    Function = new ChatFunctionDefinition { Name = "get_weather", Description = "Current weather for a city." },
                },
            };
            request.ToolChoice = "auto";

            var completion = await service.Client.Chat.CreateChatCompletionAsync(request);

            var choice = Assert.Single(completion.Choices);
            Assert.Equal("tool_calls", choice.FinishReason);
            Assert.Null(choice.Message.Content);
            var call = Assert.Single(choice.Message.ToolCalls!);
            Assert.Equal("get_weather", call.Function.Name);
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(call.Function.Arguments).RootElement.ValueKind);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task A_tool_call_turn_replays_as_it_came_even_without_content()
        {
            await using var service = await SimulatedService.StartAsync();
            var request = Ask("What is the weather in Hanoi?");
            request.Tools = new List<ChatTool> { new() { Function = new ChatFunctionDefinition { Name = "get_weather" } } };
            var reply = (await service.Client.Chat.CreateChatCompletionAsync(request)).Choices[0].Message;
            Assert.Null(reply.Content);

            // The assistant's turn goes back as it came: no content (a null string converts to no content), its tool calls.
            var call = Assert.Single(reply.ToolCalls!);
            request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, Content = reply.Content, ToolCalls = reply.ToolCalls });
            request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = call.Id, Content = "{\"celsius\": 31}" });
            var answer = await service.Client.Chat.CreateChatCompletionAsync(request);

            Assert.Null(request.Messages[1].Content);
            Assert.Equal("{\"celsius\": 31}", request.Messages[2].Content!.AsString);
            Assert.NotEmpty(answer.Choices);
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task A_tool_whose_type_the_caller_never_set_goes_out_as_the_constant_the_spec_requires()
        {
            await using var service = await SimulatedService.StartAsync();
            var request = Ask("What is the weather in Hanoi?");
            request.Tools = new List<ChatTool> { new() { Function = new ChatFunctionDefinition { Name = "get_weather" } } };

            Assert.Equal("function", request.Tools[0].Type);
            await service.Client.Chat.CreateChatCompletionAsync(request);

            var sent = JsonDocument.Parse(service.Exchanges.Last(e => e.PathAndQuery.StartsWith("/v1/chat/completions", StringComparison.Ordinal)).RequestBody!).RootElement;
            Assert.Equal("function", sent.GetProperty("tools")[0].GetProperty("type").GetString());
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Structured_output_answers_JSON_text_with_the_schema_s_required_members()
        {
            await using var service = await SimulatedService.StartAsync();
            var request = Ask("Describe a boat.");
            request.ResponseFormat = new ChatResponseFormat
            {
                Type = "json_schema",
                JsonSchema = new ChatJsonSchema
                {
                    Name = "boat",
                    Schema = JsonDocument.Parse("""{"type":"object","required":["name","color"]}""").RootElement,
                },
            };

            var completion = await service.Client.Chat.CreateChatCompletionAsync(request);

            var answer = JsonDocument.Parse(completion.Choices[0].Message.Content!).RootElement;
            Assert.True(answer.TryGetProperty("name", out _));
            Assert.True(answer.TryGetProperty("color", out _));

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task An_error_event_inside_a_stream_ends_it_with_ApiException_carrying_the_error()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentType = "text/event-stream";
                await WriteEventAsync(context, """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}""");
                await WriteEventAsync(context, """{"error":{"message":"The upstream model is overloaded.","type":"server_error","code":"upstream_error"}}""");
            });
            using var http = server.CreateHttpClient();
            var client = new YEScaleClient(http, new ApiClientOptions { BaseAddress = server.BaseAddress, ApiKey = "sk-test" });
            var seen = new List<string?>();

            var exception = await Assert.ThrowsAsync<ApiException>(async () =>
            {
                await foreach (var chunk in client.Chat.CreateChatCompletionStreamingAsync(Ask("Hi")))
                {
                    seen.Add(chunk.Choices[0].Delta.Content);
                }
            });

            Assert.Equal(new[] { "Hel" }, seen);
            Assert.Equal("createChatCompletion", exception.OperationId);
            Assert.Equal("upstream_error", exception.ErrorCode);
            Assert.Equal("The upstream model is overloaded.", exception.ErrorMessage);
            Assert.Null(exception.InnerException);
            Assert.Contains("error event", exception.Message);
        }

        [Fact]
        public async Task A_chunk_whose_error_member_is_null_is_an_ordinary_chunk()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentType = "text/event-stream";
                await WriteEventAsync(context, """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","error":null,"choices":[{"index":0,"delta":{"content":"ok"}}]}""");
                await WriteEventAsync(context, "[DONE]");
            });
            using var http = server.CreateHttpClient();
            var client = new YEScaleClient(http, new ApiClientOptions { BaseAddress = server.BaseAddress, ApiKey = "sk-test" });
            var seen = new List<string?>();

            await foreach (var chunk in client.Chat.CreateChatCompletionStreamingAsync(Ask("Hi")))
            {
                seen.Add(chunk.Choices[0].Delta.Content);
            }

            Assert.Equal(new[] { "ok" }, seen);
        }

        [Fact]
        public async Task Streaming_leaves_the_callers_request_as_it_was_so_it_can_be_sent_again_as_a_plain_call()
        {
            await using var service = await SimulatedService.StartAsync();
            var request = Ask("Tell me about boats.");

            await foreach (var chunk in service.Client.Chat.CreateChatCompletionStreamingAsync(request))
            {
            }

            Assert.Null(request.Stream);
            var whole = await service.Client.Chat.CreateChatCompletionAsync(request);

            Assert.Equal("chat.completion", whole.Object);
            var bodies = service.Exchanges.Where(e => e.Method == "POST").Select(e => e.RequestBody!).ToList();
            Assert.Contains("\"stream\":true", bodies[0]);
            Assert.DoesNotContain("\"stream\"", bodies[1]);
        }

        [Fact]
        public async Task A_streamed_completion_yields_typed_chunks_that_add_up_to_the_whole_answer()
        {
            await using var service = await SimulatedService.StartAsync(o => o.StreamChunkDelay = TimeSpan.FromMilliseconds(5));
            var whole = (await service.Client.Chat.CreateChatCompletionAsync(Ask("Tell me about boats."))).Choices[0].Message.Content;
            var request = Ask("Tell me about boats.");

            // No Stream = true: calling the streaming variant sets it (the simulator streams only when asked to).
            var chunks = new List<ChatCompletionChunk>();
            await foreach (var chunk in service.Client.Chat.CreateChatCompletionStreamingAsync(request))
            {
                chunks.Add(chunk);
            }

            Assert.True(chunks.Count >= 3, "Expected several chunks, got " + chunks.Count);
            Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.Object));
            Assert.Equal("assistant", chunks[0].Choices[0].Delta.Role);
            Assert.Equal(whole, string.Concat(chunks.SelectMany(c => c.Choices).Select(c => c.Delta.Content)));
            Assert.Equal("stop", chunks.Last(c => c.Choices.Count > 0).Choices[0].FinishReason);

            // The streaming variant asks for usage (stream_options.include_usage) when the caller set no stream options:
            // the last chunk has no choices and the token counts. The caller's request is left without stream options.
            Assert.Empty(chunks[^1].Choices);
            Assert.True(chunks[^1].Usage?.TotalTokens > 0);
            Assert.Null(request.StreamOptions);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Stream_options_the_caller_set_are_sent_as_they_are()
        {
            await using var service = await SimulatedService.StartAsync();
            var request = Ask("Tell me about boats.");
            request.StreamOptions = new ChatStreamOptions { IncludeUsage = false };

            var chunks = new List<ChatCompletionChunk>();
            await foreach (var chunk in service.Client.Chat.CreateChatCompletionStreamingAsync(request))
            {
                chunks.Add(chunk);
            }

            Assert.All(chunks, c => Assert.Null(c.Usage));
            Assert.False(request.StreamOptions.IncludeUsage);
        }

        [Fact]
        public async Task The_first_streamed_chunk_is_seen_before_the_server_has_finished_the_stream()
        {
            // The server writes one chunk, then holds the rest until the test has seen that chunk: a client that
            // buffered the whole answer would never yield it, and the test would time out instead.
            var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var streamEnded = false;
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentType = "text/event-stream";
                await WriteEventAsync(context, """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}""");
                await firstSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
                await WriteEventAsync(context, """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}""");
                await WriteEventAsync(context, "[DONE]");
                streamEnded = true;
            });
            using var http = server.CreateHttpClient();
            var client = new YEScaleClient(http, new ApiClientOptions { BaseAddress = server.BaseAddress, ApiKey = "sk-test" });
            var request = Ask("Hi");

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await using var chunks = client.Chat.CreateChatCompletionStreamingAsync(request, timeout.Token).GetAsyncEnumerator();
            Assert.True(await chunks.MoveNextAsync());
            Assert.Equal("Hel", chunks.Current.Choices[0].Delta.Content);
            Assert.False(streamEnded);
            firstSeen.SetResult();

            Assert.True(await chunks.MoveNextAsync());
            Assert.Equal("lo", chunks.Current.Choices[0].Delta.Content);
            Assert.False(await chunks.MoveNextAsync());
            Assert.True(streamEnded);
        }

        [Fact]
        public async Task Members_the_spec_does_not_describe_are_sent_read_and_written_back_at_every_level()
        {
            // A field YEScale added yesterday, at the top and inside a choice's message; and one the caller adds to the request.
            const string answer = """
                {"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o-audio-preview","prompt_filter_results":[{"prompt_index":0}],
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":null,
                   "audio":{"id":"audio_1","data":"UklGRg==","transcript":"Hi"}}}]}
                """;
            await using var server = await LoopbackServer.StartAsync(200, answer);
            using var http = server.CreateHttpClient();
            var client = new YEScaleClient(http, new ApiClientOptions { BaseAddress = server.BaseAddress });
            var request = Ask("Say hi out loud.");
            request.AdditionalProperties["modalities"] = JsonDocument.Parse("""["text","audio"]""").RootElement;

            var completion = await client.Chat.CreateChatCompletionAsync(request);

            Assert.Equal("""["text","audio"]""", JsonDocument.Parse(server.Requests.Single().Body).RootElement.GetProperty("modalities").GetRawText());
            Assert.Equal(0, completion.AdditionalProperties["prompt_filter_results"][0].GetProperty("prompt_index").GetInt32());
            var message = completion.Choices[0].Message;
            Assert.Equal("Hi", message.AdditionalProperties["audio"].GetProperty("transcript").GetString());

            using var written = JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(completion));
            Assert.Equal(0, written.RootElement.GetProperty("prompt_filter_results")[0].GetProperty("prompt_index").GetInt32());
            Assert.Equal("UklGRg==", written.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("audio").GetProperty("data").GetString());
        }

        private static async Task WriteEventAsync(HttpContext context, string data)
        {
            await context.Response.WriteAsync("data: " + data + "\n\n");
            await context.Response.Body.FlushAsync();
        }
    }
}
