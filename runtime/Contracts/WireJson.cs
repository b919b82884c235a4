using System.IO;
using System.Text.Json;

namespace YEScale.Toolkit.Contracts
{
    /// <summary>Small request bodies of the wire contracts, written once here for the generated convenience overloads.</summary>
    public static class WireJson
    {
        /// <summary>The generated request model of a chat completions body with one user message.</summary>
        public static T UserPrompt<T>(string model, string prompt, System.Text.Json.Serialization.JsonConverter<T> request)
            => YEScale.Toolkit.Json.ApiJson.Read(new System.ReadOnlySpan<byte>(UserPrompt(model, prompt)), request);

        /// <summary>A chat completions body with one user message: <c>{"model": ..., "messages": [{"role": "user", "content": ...}]}</c>.</summary>
        public static byte[] UserPrompt(string model, string prompt)
        {
            if (string.IsNullOrEmpty(model)) throw new System.ArgumentException("A model is required.", nameof(model));
            if (prompt is null) throw new System.ArgumentNullException(nameof(prompt));
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("model", model);
                writer.WriteStartArray("messages");
                writer.WriteStartObject();
                writer.WriteString("role", "user");
                writer.WriteString("content", prompt);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }
    }
}
