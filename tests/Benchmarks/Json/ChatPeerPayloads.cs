using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace YEScale.Toolkit.Benchmarks.Json
{
    /// <summary>
    /// The answers of the chat peer benchmark, shaped as OpenAI sends them: a whole <c>chat.completion</c> (indented, as
    /// the API writes it) and the same answer as a <c>text/event-stream</c> of <c>chat.completion.chunk</c> events of one to
    /// three tokens each, a finish chunk, a usage chunk and <c>data: [DONE]</c>. The text is markdown (headings, lists, code
    /// blocks) of sentences drawn from a fixed list, with quotes, backslashes, line breaks and non-ASCII text (accents, CJK,
    /// emoji), chosen with a fixed seed so every run reads the same bytes.
    /// </summary>
    internal static class ChatPeerPayloads
    {
        public const string Model = "gpt-4o-mini";
        public const string AnsweringModel = "gpt-4o-mini-2024-07-18";
        public const string SystemPrompt = "You are a concise assistant for engineers who build API clients.";
        public const string UserPrompt = "How should a client retry, time out and stream a chat completion? Give examples.";

        /// <summary>The sizes measured, by the size of the whole (non-streamed) answer.</summary>
        public static IEnumerable<string> Sizes => new[] { "2KB", "100KB" };

        private const string Id = "chatcmpl-BqXnW3vY8sT2kLm9PzR4cD7fGh1Jk";
        private const long Created = 1764028800;
        private const string Fingerprint = "fp_34a54ae93c";
        private const int PromptTokens = 38;

        // OpenAI writes non-ASCII text as UTF-8 rather than \u escapes; quotes, backslashes and control characters are escaped.
        // This encoder does the same, except for characters beyond the BMP (the emoji), which come out as \u escapes: both forms get read.
        private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

        private static readonly string[] Sentences =
        {
            "Retry only what is safe to repeat: a GET, or a POST that carries an idempotency key.",
            "Start with a short delay, about half a second, and double it after each failure up to a ceiling of 30 seconds.",
            "Add jitter, a random fraction of the delay, so that a thousand clients do not all come back at the same instant.",
            "When the server sends `Retry-After`, wait at least that long; it knows its own load better than you do.",
            "A 429 means “slow down”, not “give up”: keep the request and try again after the window resets.",
            "Never retry a 400 or a 401, because the same request will fail the same way every time.",
            "Give each try its own timeout, and the whole call a deadline that covers every retry.",
            "For streams, the useful timeout is the silence between two events, not the length of the whole answer.",
            "A long answer can take minutes to stream, so a single 100-second timeout would cut it off halfway.",
            "Read the stream line by line: each event starts with \"data: \" and ends with an empty line.",
            "The last event is `[DONE]`; anything after it can be ignored, and the connection can go back to the pool.",
            "Ask for `include_usage` if you bill per token, since only the final chunk carries the totals.",
            "Log the request id from the response headers; support teams in Zürich, São Paulo and 東京 will ask for it.",
            "Keep the API key out of logs and URLs, and rotate it if it ever shows up in a trace.",
            "On a phone or a café Wi‑Fi, connections drop often, so make resuming cheap 🚀.",
            "Measure latency at the 99th percentile, because the average hides the slow calls users remember.",
            "Cancel the request when the user leaves the page; the server stops generating, and you stop paying.",
            "A naïve client reads the whole body into memory before parsing, which doubles the peak for large answers.",
            "Parse directly from UTF-8 bytes; decoding to a string first costs a copy and twice the memory.",
            "If the gateway answers with HTML instead of JSON, report the status and the first bytes, not a parser error.",
            "Batch small requests when the API allows it, but keep each batch under the size limit.",
            "Test against a local simulator with injected failures: timeouts, resets, 500s and truncated streams ✅.",
            "Version your prompts like code, and keep the model name in configuration rather than in the source.",
            "データ should be validated on both sides; the schema is a contract, not a suggestion.",
        };

        private static readonly string[] Headings = { "Retries", "Timeouts", "Streaming", "Rate limits", "Errors", "Idempotency", "Logging", "Caching" };

        private static readonly string[] CodeLines =
        {
            "var options = new RetryOptions { MaxRetries = 3, Delay = TimeSpan.FromSeconds(0.5) };",
            "logger.LogWarning(\"retry {Attempt} after {Delay} ms\", attempt, delay);",
            "var path = @\"C:\\logs\\client\\requests.log\";",
            "if (Regex.IsMatch(header, \"^\\\\d+$\")) { return int.Parse(header); }",
            "\tawait foreach (var chunk in client.StreamAsync(request, ct)) Console.Write(chunk.Text);",
            "throw new TimeoutException($\"no answer after {elapsed:0.0} s\");",
        };

        public static ChatPeerAnswer Create(string size)
        {
            var target = size switch
            {
                "2KB" => 2 * 1024,
                "100KB" => 100 * 1024,
                _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Unknown size."),
            };

            var random = new Random(20261125 + target);
            var envelope = PlainBody(string.Empty, 0).Length;
            var tokens = Tokens(random, target - envelope);
            var content = string.Concat(tokens);
            return new ChatPeerAnswer(size, content, tokens.Count, PromptTokens, PlainBody(content, tokens.Count), StreamBody(random, tokens, out var events), events);
        }

        /// <summary>Token-sized pieces of markdown, until their escaped UTF-8 reaches <paramref name="escapedBytes"/> at the end of a sentence.</summary>
        private static List<string> Tokens(Random random, int escapedBytes)
        {
            var tokens = new List<string>();
            var bytes = 0;
            void Add(string piece)
            {
                tokens.Add(piece);
                bytes += JsonEncodedText.Encode(piece, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes.Length;
            }

            var section = 0;
            var last = 0;
            while (bytes < escapedBytes)
            {
                if (tokens.Count > 0)
                {
                    Add("\n\n");
                    Add("##");
                    Add(" " + Headings[section++ % Headings.Length]);
                    Add("\n\n");
                }

                var sentences = random.Next(2, 5);
                for (var sentence = 0; sentence < sentences && bytes < escapedBytes; sentence++)
                {
                    Sentence(random, Add, sentence == 0, ref last);
                }

                if (bytes < escapedBytes && random.Next(3) == 0)
                {
                    Add("\n\n");
                    Add("```");
                    Add("csharp");
                    Add("\n");
                    for (var line = random.Next(1, 4); line > 0; line--)
                    {
                        // Code goes out in short runs, as a tokenizer splits it.
                        var code = CodeLines[random.Next(CodeLines.Length)];
                        for (var at = 0; at < code.Length; at += 4)
                        {
                            Add(code.Substring(at, Math.Min(4, code.Length - at)));
                        }

                        Add("\n");
                    }

                    Add("```");
                }

                if (bytes < escapedBytes && random.Next(2) == 0)
                {
                    Add("\n");
                    for (var item = random.Next(3, 6); item > 0 && bytes < escapedBytes; item--)
                    {
                        Add("\n");
                        Add("-");
                        Add(" **");
                        Add(Headings[random.Next(Headings.Length)]);
                        Add("**:");
                        Sentence(random, Add, first: false, ref last);
                    }
                }
            }

            return tokens;
        }

        /// <summary>One sentence as tokens: words with their leading space, long words in two, trailing punctuation apart.</summary>
        private static void Sentence(Random random, Action<string> add, bool first, ref int last)
        {
            // Never the same sentence twice in a row.
            last = (last + 1 + random.Next(Sentences.Length - 1)) % Sentences.Length;
            var words = Sentences[last].Split(' ');
            for (var w = 0; w < words.Length; w++)
            {
                var word = words[w];
                var lead = w == 0 && first ? string.Empty : " ";
                var punctuation = word.Length > 1 && ".,:;!?".IndexOf(word[word.Length - 1]) >= 0 ? word.Substring(word.Length - 1) : null;
                if (punctuation != null)
                {
                    word = word.Substring(0, word.Length - 1);
                }

                if (word.Length > 7 && !char.IsSurrogate(word[4]) && !char.IsSurrogate(word[5]))
                {
                    add(lead + word.Substring(0, 5));
                    add(word.Substring(5));
                }
                else
                {
                    add(lead + word);
                }

                if (punctuation != null)
                {
                    add(punctuation);
                }
            }
        }

        private static byte[] PlainBody(string content, int completionTokens)
        {
            var buffer = new ArrayBufferWriter<byte>(content.Length * 2 + 1024);
            using (var writer = new Utf8JsonWriter(buffer, Indented))
            {
                writer.WriteStartObject();
                writer.WriteString("id", Id);
                writer.WriteString("object", "chat.completion");
                writer.WriteNumber("created", Created);
                writer.WriteString("model", AnsweringModel);
                writer.WriteStartArray("choices");
                writer.WriteStartObject();
                writer.WriteNumber("index", 0);
                writer.WriteStartObject("message");
                writer.WriteString("role", "assistant");
                writer.WriteString("content", content);
                writer.WriteNull("refusal");
                writer.WriteStartArray("annotations");
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteNull("logprobs");
                writer.WriteString("finish_reason", "stop");
                writer.WriteEndObject();
                writer.WriteEndArray();
                Usage(writer, completionTokens);
                writer.WriteString("service_tier", "default");
                writer.WriteString("system_fingerprint", Fingerprint);
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }

        private static byte[] StreamBody(Random random, List<string> tokens, out int events)
        {
            var stream = new ArrayBufferWriter<byte>(tokens.Count * 300);
            var chunk = new ArrayBufferWriter<byte>(1024);
            using var writer = new Utf8JsonWriter(chunk, Compact);
            var count = 0;

            void Event(Action<Utf8JsonWriter> choice, bool usage)
            {
                chunk.ResetWrittenCount();
                writer.Reset(chunk);
                writer.WriteStartObject();
                writer.WriteString("id", Id);
                writer.WriteString("object", "chat.completion.chunk");
                writer.WriteNumber("created", Created);
                writer.WriteString("model", AnsweringModel);
                writer.WriteString("service_tier", "default");
                writer.WriteString("system_fingerprint", Fingerprint);
                writer.WriteStartArray("choices");
                choice(writer);
                writer.WriteEndArray();
                if (usage)
                {
                    Usage(writer, tokens.Count);
                }
                else
                {
                    writer.WriteNull("usage");
                }

                writer.WriteEndObject();
                writer.Flush();
                Append(stream, "data: ");
                stream.Write(chunk.WrittenSpan);
                Append(stream, "\n\n");
                count++;
            }

            void Choice(Utf8JsonWriter w, string? role, string? content, string? finishReason)
            {
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("delta");
                if (role != null)
                {
                    w.WriteString("role", role);
                }

                if (content != null)
                {
                    w.WriteString("content", content);
                }

                if (role != null)
                {
                    w.WriteNull("refusal");
                }

                w.WriteEndObject();
                w.WriteNull("logprobs");
                if (finishReason is null)
                {
                    w.WriteNull("finish_reason");
                }
                else
                {
                    w.WriteString("finish_reason", finishReason);
                }

                w.WriteEndObject();
            }

            Event(w => Choice(w, "assistant", string.Empty, null), usage: false);
            for (var at = 0; at < tokens.Count;)
            {
                var take = Math.Min(random.Next(1, 4), tokens.Count - at);
                var text = string.Concat(tokens.GetRange(at, take));
                at += take;
                Event(w => Choice(w, null, text, null), usage: false);
            }

            Event(w => Choice(w, null, null, "stop"), usage: false);
            Event(static _ => { }, usage: true);
            Append(stream, "data: [DONE]\n\n");
            events = count;
            return stream.WrittenSpan.ToArray();
        }

        private static void Usage(Utf8JsonWriter writer, int completionTokens) => ChatCompletionPayload.WriteUsage(writer, PromptTokens, completionTokens, cached: 0);

        private static void Append(ArrayBufferWriter<byte> buffer, string ascii)
        {
            var span = buffer.GetSpan(ascii.Length);
            var written = Encoding.ASCII.GetBytes(ascii, span);
            buffer.Advance(written);
        }
    }

    /// <summary>One answer in both forms, with what a client should read from it.</summary>
    internal sealed record ChatPeerAnswer(string Size, string Content, int CompletionTokens, int PromptTokens, byte[] PlainBody, byte[] StreamBody, int StreamEvents)
    {
        public int TotalTokens => PromptTokens + CompletionTokens;
    }
}
