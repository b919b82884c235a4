using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Http;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator.Chat
{
    /// <summary>
    /// OpenAI's Responses API: a canned message that quotes the last user input, whole, or (with <c>stream</c>) as typed
    /// server-sent events: <c>response.created</c>, one <c>response.output_text.delta</c> per word, <c>response.output_text.done</c>
    /// and <c>response.completed</c> with the whole response, each with its <c>event:</c> name and <c>sequence_number</c>.
    /// </summary>
    internal sealed class ResponsesSimulator
    {
        private readonly SimulatorOptions _options;
        private readonly TimeProvider _time;

        public ResponsesSimulator(SimulatorOptions options, TimeProvider time)
        {
            _options = options;
            _time = time;
        }

        public SimulatorAnswer Answer(JsonNode? body)
        {
            if (body is not JsonObject request)
            {
                return SimulatorAnswer.InvalidRequest("The request body must be a JSON object.");
            }

            var said = LastUserText(request["input"]);
            var text = said is null ? "Hello from the YEScale simulator." : "You said: " + said;
            var id = "resp_" + ChatCompletionSimulator.RandomText(24);
            var messageId = "msg_" + ChatCompletionSimulator.RandomText(24);
            var model = OpenApiDocument.Text(request["model"]) ?? "simulated-model";
            var created = _time.GetUtcNow().ToUnixTimeSeconds();
            var inputTokens = Math.Max(1, (said ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            var outputTokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            JsonObject Response(string status, bool withOutput) => new()
            {
                ["id"] = id,
                ["object"] = "response",
                ["created_at"] = created,
                ["status"] = status,
                ["model"] = model,
                ["output"] = withOutput ? new JsonArray(Message(messageId, text)) : new JsonArray(),
                ["usage"] = withOutput ? new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = outputTokens, ["total_tokens"] = inputTokens + outputTokens } : null,
                ["error"] = null,
            };

            if (request["stream"] is not JsonValue stream || !stream.TryGetValue<bool>(out var streaming) || !streaming)
            {
                return SimulatorAnswer.Json(200, Response("completed", withOutput: true));
            }

            var events = new List<JsonObject> { new() { ["type"] = "response.created", ["response"] = Response("in_progress", withOutput: false) } };
            events.AddRange(ChatCompletionSimulator.Pieces(text).Select(piece => new JsonObject
            {
                ["type"] = "response.output_text.delta", ["item_id"] = messageId, ["output_index"] = 0, ["content_index"] = 0, ["delta"] = piece,
            }));
            events.Add(new JsonObject { ["type"] = "response.output_text.done", ["item_id"] = messageId, ["output_index"] = 0, ["content_index"] = 0, ["text"] = text });
            events.Add(new JsonObject { ["type"] = "response.completed", ["response"] = Response("completed", withOutput: true) });
            for (var i = 0; i < events.Count; i++)
            {
                events[i]["sequence_number"] = i;
            }

            return new SimulatorAnswer(200, "text/event-stream; charset=utf-8", Array.Empty<byte>()) { Stream = context => StreamAsync(context, events) };
        }

        private static JsonObject Message(string id, string text) => new()
        {
            ["type"] = "message",
            ["id"] = id,
            ["status"] = "completed",
            ["role"] = "assistant",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
        };

        /// <summary>The input's text, or the last user message's (its text content, or its <c>input_text</c> parts).</summary>
        private static string? LastUserText(JsonNode? input)
        {
            if (OpenApiDocument.Text(input) is { } text)
            {
                return text;
            }

            var message = (input as JsonArray)?.OfType<JsonObject>().LastOrDefault(item => (OpenApiDocument.Text(item["role"]) ?? "user") == "user");
            return message?["content"] switch
            {
                JsonValue value => OpenApiDocument.Text(value),
                JsonArray parts => string.Join(" ", parts.OfType<JsonObject>().Select(p => OpenApiDocument.Text(p["text"])).Where(t => t is not null)),
                _ => null,
            };
        }

        // Responses events carry their type as the SSE event name too, and the stream ends when the response completes (no [DONE]).
        private async Task StreamAsync(HttpContext context, IReadOnlyList<JsonObject> events)
        {
            var response = context.Response;
            var cancellation = context.RequestAborted;
            response.Headers.CacheControl = "no-cache";
            for (var i = 0; i < events.Count; i++)
            {
                if (i > 0 && _options.StreamChunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.StreamChunkDelay, _time, cancellation).ConfigureAwait(false);
                }

                var frame = "event: " + OpenApiDocument.Text(events[i]["type"]) + "\ndata: " + events[i].ToJsonString() + "\n\n";
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), cancellation).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellation).ConfigureAwait(false);
            }
        }
    }
}
