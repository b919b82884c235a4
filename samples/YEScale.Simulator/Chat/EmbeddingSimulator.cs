using System;
using System.Buffers.Binary;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using YEScale.Simulator.Http;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator.Chat
{
    /// <summary>
    /// <c>POST .../embeddings</c>: one embedding per input, in order, of the asked <c>dimensions</c>, as numbers or (with
    /// <c>encoding_format: base64</c>, as the official OpenAI SDKs ask) little-endian float32 in base64. Each vector comes
    /// from a hash of its input, so the same text always gets the same vector and different texts differ.
    /// </summary>
    internal static class EmbeddingSimulator
    {
        private const int DefaultDimensions = 8;

        public static SimulatorAnswer Answer(JsonNode? body)
        {
            if (body is not JsonObject request)
            {
                return SimulatorAnswer.InvalidRequest("The request body must be a JSON object.");
            }

            // A text, a list of texts, or token arrays (a list of integers, or a list of them): each list entry is one input.
            var inputs = request["input"] switch
            {
                JsonArray list when list.Count > 0 && list.All(i => i is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number) => new[] { list.ToJsonString() },
                JsonArray list => list.Select(i => i is JsonValue v && v.TryGetValue<string>(out var text) ? text : i?.ToJsonString() ?? string.Empty).ToArray(),
                JsonValue single when single.TryGetValue<string>(out var text) => new[] { text },
                _ => Array.Empty<string>(),
            };
            if (inputs.Length == 0)
            {
                return SimulatorAnswer.InvalidRequest("'input' must be a text, a list of texts or token arrays, and not empty.");
            }

            var dimensions = request["dimensions"] is JsonValue d && d.TryGetValue<int>(out var asked) && asked is > 0 and <= 4096 ? asked : DefaultDimensions;
            var base64 = OpenApiDocument.Text(request["encoding_format"]) == "base64";
            var data = new JsonArray();
            var tokens = 0;
            for (var index = 0; index < inputs.Length; index++)
            {
                var vector = Vector(inputs[index], dimensions);
                tokens += Math.Max(1, inputs[index].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
                JsonNode embedding = base64 ? JsonValue.Create(Base64(vector)) : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
                data.Add((JsonNode)new JsonObject { ["object"] = "embedding", ["index"] = index, ["embedding"] = embedding });
            }

            var answer = new JsonObject
            {
                ["object"] = "list",
                ["data"] = data,
                ["model"] = OpenApiDocument.Text(request["model"]) ?? "simulated-embedding",
                ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
            };
            return SimulatorAnswer.Json(200, answer);
        }

        /// <summary>A unit vector from the text's SHA-256, stretched to the asked length.</summary>
        private static float[] Vector(string text, int dimensions)
        {
            var seed = SHA256.HashData(Encoding.UTF8.GetBytes(text));
            var vector = new float[dimensions];
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] = (seed[i % seed.Length] + (i / seed.Length * 31 % 256)) % 256 / 127.5f - 1f;
            }

            var length = MathF.Sqrt(vector.Sum(v => v * v));
            return length == 0 ? vector : vector.Select(v => v / length).ToArray();
        }

        private static string Base64(float[] vector)
        {
            var bytes = new byte[vector.Length * 4];
            for (var i = 0; i < vector.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
            }

            return Convert.ToBase64String(bytes);
        }
    }
}
