using System;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace YEScale.Simulator.Http
{
    /// <summary>What to write back: status, body and the headers that vary; or a writer for an answer that streams.</summary>
    internal sealed record SimulatorAnswer(int Status, string? ContentType, byte[] Body)
    {
        public const string JsonContentType = "application/json; charset=utf-8";

        public string? RetryAfter { get; init; }

        /// <summary>The <c>retry-after-ms</c> header (OpenAI's), sent when set.</summary>
        public string? RetryAfterMs { get; init; }

        /// <summary>The task a submit created, for the request log.</summary>
        public string? TaskId { get; init; }

        /// <summary>Writes the body itself (server-sent events) instead of <see cref="Body"/>; headers are set before it runs.</summary>
        public Func<HttpContext, Task>? Stream { get; init; }

        public static SimulatorAnswer Empty(int status) => new(status, null, Array.Empty<byte>());

        public static SimulatorAnswer Json(int status, JsonNode node) => Json(status, writer => node.WriteTo(writer));

        /// <summary>A node as JSON text, escaped as the answers are.</summary>
        public static string Text(JsonNode node) => Encoding.UTF8.GetString(Json(200, node).Body);

        public static SimulatorAnswer Json(int status, Action<Utf8JsonWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>();
            // Relaxed escaping writes URLs and quotes as they are ('&', not \u0026), as the real service does; still valid JSON.
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                write(writer);
            }

            return new SimulatorAnswer(status, JsonContentType, buffer.WrittenSpan.ToArray());
        }

        /// <summary>An OpenAI-style error: <c>{"error":{"message","type"}}</c>.</summary>
        public static SimulatorAnswer Error(int status, string message, string type, string? retryAfter = null) => Json(status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", type);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }) with { RetryAfter = retryAfter };

        public static SimulatorAnswer InvalidRequest(string message) => Error(400, message, "invalid_request_error");

        public static SimulatorAnswer Unauthorized() => Json(401, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", "Invalid token");
            writer.WriteString("type", "yescale_api_error");
            writer.WriteString("code", "invalid_api_key");
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

        /// <summary>The relay's answer for an id it does not know.</summary>
        public static SimulatorAnswer TaskNotFound() => Json(404, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("code", "task_not_exist");
            writer.WriteString("message", "task_not_exist");
            writer.WriteNull("data");
            writer.WriteEndObject();
        });
    }
}
