using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace YEScale.Toolkit.Benchmarks.Json
{
    /// <summary>
    /// A large answer for Specs/chat-completions.openapi.yaml: a list of chat completions of realistic size (a few hundred
    /// characters of content, usage with details), written once with a fixed seed so every run reads the same bytes.
    /// </summary>
    internal static class ChatCompletionPayload
    {
        private static readonly string[] Words =
        {
            "the", "video", "model", "returns", "a", "frame", "per", "second", "and", "keeps", "motion", "smooth", "while",
            "lighting", "stays", "consistent", "across", "each", "shot", "prompt", "tokens", "are", "billed", "at", "submit",
            "time", "résumé", "naïve", "café", "über", "camera", "pans", "slowly", "over", "rain", "soaked", "street", "neon",
        };

        private static readonly string[] FinishReasons = { "stop", "stop", "stop", "length", "tool_calls", "content_filter" };

        public static byte[] Create(int count, int seed = 20261125)
        {
            var random = new Random(seed);
            var buffer = new ArrayBufferWriter<byte>(count * 700);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("object", "list");
                writer.WriteStartArray("data");
                for (var i = 0; i < count; i++)
                {
                    var prompt = random.Next(12, 400);
                    var completion = random.Next(20, 180);
                    writer.WriteStartObject();
                    writer.WriteString("id", Id(i));
                    writer.WriteString("object", "chat.completion");
                    writer.WriteNumber("created", 1751427271L + i);
                    writer.WriteString("model", i % 3 == 0 ? "gpt-4o-mini-2024-07-18" : "gpt-4o-2024-08-06");
                    if (i % 4 == 0)
                    {
                        writer.WriteNull("system_fingerprint");
                    }
                    else
                    {
                        writer.WriteString("system_fingerprint", "fp_" + random.Next(0x1000000, int.MaxValue).ToString("x8"));
                    }

                    writer.WriteString("service_tier", "default");
                    writer.WriteStartArray("choices");
                    writer.WriteStartObject();
                    writer.WriteNumber("index", 0);
                    writer.WriteStartObject("message");
                    writer.WriteString("role", "assistant");
                    writer.WriteString("content", Sentence(random, completion * 3 / 2));
                    writer.WriteNull("refusal");
                    writer.WriteEndObject();
                    writer.WriteNull("logprobs");
                    writer.WriteString("finish_reason", FinishReasons[random.Next(FinishReasons.Length)]);
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    WriteUsage(writer, prompt, completion, random.Next(0, 2) * 64);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteString("first_id", Id(0));
                writer.WriteString("last_id", Id(count - 1));
                writer.WriteBoolean("has_more", false);
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }

        private static string Id(int i) => "chatcmpl-" + i.ToString("D8") + "B9MBs8CjcvOU2jLn4n570S5qMJKcT";

        private static string Sentence(Random random, int words)
        {
            var text = new StringBuilder(words * 7);
            for (var w = 0; w < words; w++)
            {
                if (w > 0)
                {
                    text.Append(w % 17 == 0 ? ". " : " ");
                }

                text.Append(Words[random.Next(Words.Length)]);
            }

            return text.Append('.').ToString();
        }

        /// <summary>A <c>usage</c> member as OpenAI writes it, with the token details objects.</summary>
        public static void WriteUsage(Utf8JsonWriter writer, int prompt, int completion, int cached)
        {
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", prompt);
            writer.WriteNumber("completion_tokens", completion);
            writer.WriteNumber("total_tokens", prompt + completion);
            writer.WriteStartObject("prompt_tokens_details");
            writer.WriteNumber("cached_tokens", cached);
            writer.WriteNumber("audio_tokens", 0);
            writer.WriteEndObject();
            writer.WriteStartObject("completion_tokens_details");
            writer.WriteNumber("reasoning_tokens", 0);
            writer.WriteNumber("audio_tokens", 0);
            writer.WriteNumber("accepted_prediction_tokens", 0);
            writer.WriteNumber("rejected_prediction_tokens", 0);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }
}
