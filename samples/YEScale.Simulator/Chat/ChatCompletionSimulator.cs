using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Http;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator.Chat
{
    /// <summary>
    /// OpenAI-style chat completions: a canned reply that quotes the last user message, tool calls when tools are offered,
    /// JSON when a JSON response format is asked for, and server-sent event chunks when <c>stream</c> is true.
    /// </summary>
    internal sealed class ChatCompletionSimulator
    {
        private readonly SimulatorOptions _options;
        private readonly TimeProvider _time;

        public ChatCompletionSimulator(SimulatorOptions options, TimeProvider time)
        {
            _options = options;
            _time = time;
        }

        /// <summary>The answer to a chat completion request (already checked against the spec's required members).</summary>
        public SimulatorAnswer Answer(JsonNode? body)
        {
            if (body is not JsonObject request)
            {
                return SimulatorAnswer.InvalidRequest("The request body must be a JSON object.");
            }

            var reply = ChatReply.For(request);
            var id = "chatcmpl-" + RandomText(24);
            var created = _time.GetUtcNow().ToUnixTimeSeconds();
            var model = OpenApiDocument.Text(request["model"]) ?? "simulated-model";
            if (request["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streaming) && streaming)
            {
                var includeUsage = request["stream_options"]?["include_usage"] is JsonValue usage && usage.TryGetValue<bool>(out var include) && include;
                var chunks = Chunks(reply, id, created, model, includeUsage).Select(SimulatorAnswer.Text).ToList();
                return new SimulatorAnswer(200, "text/event-stream; charset=utf-8", Array.Empty<byte>()) { Stream = context => StreamAsync(context, chunks) };
            }

            var choices = new JsonArray();
            // n choices with tools too: each choice calls the tool, under a call id of its own.
            var count = Math.Clamp(IntegerOf(request["n"]) ?? 1, 1, 16);
            for (var index = 0; index < count; index++)
            {
                var message = new JsonObject { ["role"] = "assistant" };
                if (reply.ToolCall is { } call)
                {
                    message["content"] = null;
                    message["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = index == 0 ? call.Id : call.Id + "_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
                    });
                }
                else
                {
                    message["content"] = reply.Content;
                }

                // Typed as JsonNode: the generic Add<T> would take the reflection-based JsonValue path (not trimming-safe).
                choices.Add((JsonNode)new JsonObject { ["index"] = index, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = reply.FinishReason });
            }

            var completion = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion",
                ["created"] = created,
                ["model"] = model,
                ["choices"] = choices,
                ["usage"] = Usage(reply.PromptTokens, reply.CompletionTokens * count),
            };
            return SimulatorAnswer.Json(200, completion);
        }

        /// <summary>The chunks of a streamed reply: the role, the content word by word (or the tool call), the finish, and usage if asked.</summary>
        private static IEnumerable<JsonObject> Chunks(ChatReply reply, string id, long created, string model, bool includeUsage)
        {
            JsonObject Chunk(JsonObject delta, string? finishReason) => new()
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }),
            };

            yield return Chunk(new JsonObject { ["role"] = "assistant" }, null);
            if (reply.ToolCall is { } call)
            {
                yield return Chunk(ToolCallDelta(new JsonObject { ["id"] = call.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = string.Empty } }), null);
                yield return Chunk(ToolCallDelta(new JsonObject { ["function"] = new JsonObject { ["arguments"] = call.Arguments } }), null);
            }
            else
            {
                foreach (var piece in Pieces(reply.Content ?? string.Empty))
                {
                    yield return Chunk(new JsonObject { ["content"] = piece }, null);
                }
            }

            yield return Chunk(new JsonObject(), reply.FinishReason);
            if (includeUsage)
            {
                var usage = Chunk(new JsonObject(), null);
                usage["choices"] = new JsonArray();
                usage["usage"] = Usage(reply.PromptTokens, reply.CompletionTokens);
                yield return usage;
            }
        }

        private static JsonObject ToolCallDelta(JsonObject call)
        {
            var entry = new JsonObject { ["index"] = 0 };
            foreach (var (name, value) in call.ToArray())
            {
                call.Remove(name);
                entry[name] = value;
            }

            return new JsonObject { ["tool_calls"] = new JsonArray(entry) };
        }

        /// <summary>Writes each chunk as an event and flushes it, waiting <see cref="SimulatorOptions.StreamChunkDelay"/> between them.</summary>
        private async Task StreamAsync(HttpContext context, IReadOnlyList<string> chunks)
        {
            var response = context.Response;
            var cancellation = context.RequestAborted;
            response.Headers.CacheControl = "no-cache";
            foreach (var chunk in chunks.Append("[DONE]").Select((data, index) => (data, index)))
            {
                if (chunk.index > 0 && _options.StreamChunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.StreamChunkDelay, _time, cancellation).ConfigureAwait(false);
                }

                await response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: " + chunk.data + "\n\n"), cancellation).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellation).ConfigureAwait(false);
            }
        }

        /// <summary>The content in a few pieces, each word with the space before it, as models stream them.</summary>
        internal static IEnumerable<string> Pieces(string content)
        {
            var start = 0;
            for (var i = 1; i <= content.Length; i++)
            {
                if (i == content.Length || content[i] == ' ')
                {
                    yield return content[start..i];
                    start = i;
                }
            }
        }

        private static JsonObject Usage(int prompt, int completion) => new()
        {
            ["prompt_tokens"] = prompt,
            ["completion_tokens"] = completion,
            ["total_tokens"] = prompt + completion,
        };

        private static int? IntegerOf(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? (int)Math.Clamp(number, int.MinValue, int.MaxValue) : null;

        internal static string RandomText(int length) => string.Create(length, 0, (span, _) =>
        {
            const string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = letters[Random.Shared.Next(letters.Length)];
            }
        });

        /// <summary>What the simulated model says to a request.</summary>
        private sealed record ChatReply(string? Content, ToolCall? ToolCall, int PromptTokens, int CompletionTokens)
        {
            public string FinishReason => ToolCall is null ? "stop" : "tool_calls";

            public static ChatReply For(JsonObject request)
            {
                var (text, sawImage, allText) = LastUserMessage(request["messages"] as JsonArray);
                var promptTokens = Math.Max(1, Words(allText));

                // After a tool's results the model answers from them, as a real one would, instead of calling again.
                if (ToolResults(request["messages"] as JsonArray) is { Count: > 0 } results)
                {
                    var answer = "The tool answered: " + string.Join("; ", results.Select(Shorten)) + ".";
                    return new ChatReply(answer, null, promptTokens, Math.Max(1, Words(answer)));
                }

                if (ToolCallFor(request) is { } call)
                {
                    return new ChatReply(null, call, promptTokens, 1 + Words(call.Name));
                }

                var content = JsonContentFor(request["response_format"] as JsonObject) ?? Sentence(text, sawImage);
                return new ChatReply(content, null, promptTokens, Math.Max(1, Words(content)));
            }

            private static string Sentence(string? text, bool sawImage)
            {
                var quoted = string.IsNullOrWhiteSpace(text) ? "This is a simulated reply." : $"This is a simulated reply to \"{Shorten(text)}\".";
                return sawImage ? quoted + " I saw an image in your message." : quoted;
            }

            private static string Shorten(string text)
            {
                var single = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                return single.Length <= 200 ? single : single[..200] + "...";
            }

            /// <summary>The last user message's text (string content, or its text parts) and whether it holds an image; and all messages' text, for the token count.</summary>
            private static (string? Text, bool SawImage, string AllText) LastUserMessage(JsonArray? messages)
            {
                string? last = null;
                var sawImage = false;
                var all = new StringBuilder();
                foreach (var message in messages?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
                {
                    var (text, image) = TextOf(message["content"]);
                    all.Append(text).Append(' ');
                    if (OpenApiDocument.Text(message["role"]) == "user")
                    {
                        (last, sawImage) = (text, image);
                    }
                }

                return (last, sawImage, all.ToString());
            }

            private static (string Text, bool Image) TextOf(JsonNode? content)
            {
                if (content is not JsonArray parts)
                {
                    return (OpenApiDocument.Text(content) ?? string.Empty, false);
                }

                var texts = new List<string>();
                var image = false;
                foreach (var part in parts.OfType<JsonObject>())
                {
                    switch (OpenApiDocument.Text(part["type"]))
                    {
                        case "text" or "input_text":
                            texts.Add(OpenApiDocument.Text(part["text"]) ?? string.Empty);
                            break;
                        case "image_url" or "input_image" or "image":
                            image = true;
                            break;
                    }
                }

                return (string.Join(' ', texts), image);
            }

            /// <summary>The contents of the <c>tool</c> messages after the last assistant message that called tools; null when the conversation does not end with tool results.</summary>
            private static List<string>? ToolResults(JsonArray? messages)
            {
                var list = messages?.OfType<JsonObject>().ToList() ?? new List<JsonObject>();
                var results = new List<string>();
                for (var i = list.Count - 1; i >= 0 && OpenApiDocument.Text(list[i]["role"]) == "tool"; i--)
                {
                    results.Insert(0, TextOf(list[i]["content"]).Text);
                }

                return results.Count > 0 ? results : null;
            }

            /// <summary>A call of the forced tool, else of the first; none when no tools are offered or <c>tool_choice</c> is <c>none</c>.</summary>
            private static ToolCall? ToolCallFor(JsonObject request)
            {
                if (request["tools"] is not JsonArray { Count: > 0 } tools || OpenApiDocument.Text(request["tool_choice"]) == "none")
                {
                    return null;
                }

                var forced = request["tool_choice"] is JsonObject choice ? OpenApiDocument.Text(choice["function"]?["name"]) ?? OpenApiDocument.Text(choice["name"]) : null;
                var offered = tools.OfType<JsonObject>()
                    .Select(t => (Name: OpenApiDocument.Text(t["function"]?["name"]) ?? OpenApiDocument.Text(t["name"]), Parameters: (t["function"]?["parameters"] ?? t["parameters"]) as JsonObject))
                    .Where(t => t.Name is not null)
                    .ToList();
                var tool = offered.FirstOrDefault(t => forced is null || t.Name == forced);
                return new ToolCall("call_" + RandomText(24), forced ?? tool.Name ?? "function", SimulatorAnswer.Text(Filled(tool.Parameters)));
            }

            /// <summary>An object with the schema's required members set to a plain value of their type (a string's first enum value if it has one).</summary>
            private static JsonObject Filled(JsonObject? schema)
            {
                var result = new JsonObject();
                foreach (var name in (schema?["required"] as JsonArray)?.Select(OpenApiDocument.Text).OfType<string>() ?? Enumerable.Empty<string>())
                {
                    var member = schema!["properties"]?[name] as JsonObject;
                    result[name] = OpenApiDocument.Text(member?["type"]) switch
                    {
                        "integer" or "number" => 1,
                        "boolean" => false,
                        "array" => new JsonArray(),
                        "object" => Filled(member),
                        _ => member?["enum"] is JsonArray { Count: > 0 } values ? values[0]?.DeepClone() : "simulated",
                    };
                }

                return result;
            }

            /// <summary>JSON text for a JSON response format: an object with the schema's required members filled in, or <c>{}</c>.</summary>
            private static string? JsonContentFor(JsonObject? format)
            {
                switch (OpenApiDocument.Text(format?["type"]))
                {
                    case "json_object":
                        return "{}";
                    case "json_schema":
                        return SimulatorAnswer.Text(Filled(format!["json_schema"]?["schema"] as JsonObject));
                    default:
                        return null;
                }
            }

            private static int Words(string? text) => text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        }

        private sealed record ToolCall(string Id, string Name, string Arguments);
    }
}
