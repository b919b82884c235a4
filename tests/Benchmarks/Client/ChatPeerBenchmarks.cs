using System;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using YEScale.Toolkit.Benchmarks.Infrastructure;
using YEScale.Toolkit.Benchmarks.Json;
using YEScale.Toolkit.Benchmarks.Reporting;
using OpenAIChat = OpenAI.Chat;
using SdkCredential = System.ClientModel.ApiKeyCredential;
using SdkOptions = OpenAI.OpenAIClientOptions;

namespace YEScale.Toolkit.Benchmarks.Client
{
    /// <summary>
    /// One chat completion, whole and streamed, through the generated <see cref="YEScale.YEScaleClient"/> and through the
    /// official OpenAI SDK (<see cref="OpenAIChat.ChatClient"/>), both over the same in-memory handler and the same canned
    /// answer (<see cref="ChatPeerPayloads"/>). Each benchmark reads the answer's text (concatenating a stream's pieces)
    /// and its token total, so neither side can skip the work. The SDK is the baseline of each size and mode.
    /// </summary>
    [BenchmarkCategory("chat-peer")]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class ChatPeerBenchmarks
    {
        public const string Plain = "plain";
        public const string Streamed = "streamed";

        private const string ApiKey = "sk-benchmark-0123456789";
        private static readonly Uri BaseAddress = new("https://api.yescale.io/");

        private YEScale.YEScaleClient _generatedPlain = null!;
        private YEScale.YEScaleClient _generatedStreamed = null!;
        private OpenAIChat.ChatClient _officialPlain = null!;
        private OpenAIChat.ChatClient _officialStreamed = null!;
        private YEScale.ChatCompletionRequest _request = null!;
        private OpenAIChat.ChatMessage[] _messages = null!;

        // Reused across calls, sized once: a stream's pieces are copied into it, with no growth counted against either client.
        private StringBuilder _text = null!;
        private string? _lastText;
        private int _lastTokens;

        [ParamsSource(nameof(Sizes))]
        public string Size { get; set; } = "2KB";

        public static IEnumerable<string> Sizes => ChatPeerPayloads.Sizes;

        [GlobalSetup]
        public void Setup()
        {
            var answer = ChatPeerPayloads.Create(Size);
            _text = new StringBuilder(answer.Content.Length + 16);
            var plainHandler = new CannedResponseHandler(answer.PlainBody);
            var streamHandler = new CannedResponseHandler(answer.StreamBody, "text/event-stream");
            _generatedPlain = Generated(plainHandler);
            _generatedStreamed = Generated(streamHandler);
            _officialPlain = Official(plainHandler);
            _officialStreamed = Official(streamHandler);

            _request = new YEScale.ChatCompletionRequest
            {
                Model = ChatPeerPayloads.Model,
                Messages = new List<YEScale.ChatMessage>
                {
                    new() { Role = YEScale.ChatRole.System, Content = ChatPeerPayloads.SystemPrompt },
                    new() { Role = YEScale.ChatRole.User, Content = ChatPeerPayloads.UserPrompt },
                },
            };
            _messages = new OpenAIChat.ChatMessage[]
            {
                new OpenAIChat.SystemChatMessage(ChatPeerPayloads.SystemPrompt),
                new OpenAIChat.UserChatMessage(ChatPeerPayloads.UserPrompt),
            };

            // Once, untimed: both clients send the same request and read the same text and tokens, in both modes.
            var plain = Check(Plain, plainHandler, answer, Plain_Generated, Plain_OpenAI);
            var streamed = Check(Streamed, streamHandler, answer, Streamed_Generated, Streamed_OpenAI);
            Findings.Note(
                $"chat-peer/{Size}",
                $"chat peer, {Size}: both clients sent POST {plain.Path} with the same Authorization, model, messages and (streamed) stream options (request bodies {plain.GeneratedBody} / {plain.OfficialBody} B generated / OpenAI SDK, streamed {streamed.GeneratedBody} / {streamed.OfficialBody} B) "
                + $"and read the same {answer.Content.Length:N0} chars and {answer.TotalTokens:N0} tokens from a {answer.PlainBody.Length:N0} B answer and a {answer.StreamBody.Length:N0} B stream of {answer.StreamEvents:N0} events");
        }

        [Benchmark(Baseline = true)]
        [BenchmarkCategory(Plain)]
        public async Task<int> Plain_OpenAI()
        {
            OpenAIChat.ChatCompletion completion = await _officialPlain.CompleteChatAsync(_messages).ConfigureAwait(false);
            return Keep(completion.Content[0].Text, completion.Usage.TotalTokenCount);
        }

        [Benchmark]
        [BenchmarkCategory(Plain)]
        public async Task<int> Plain_Generated()
        {
            var completion = await _generatedPlain.Chat.CreateChatCompletionAsync(_request).ConfigureAwait(false);
            return Keep(completion.Choices[0].Message.Content!, completion.Usage!.TotalTokens);
        }

        [Benchmark(Baseline = true)]
        [BenchmarkCategory(Streamed)]
        public async Task<int> Streamed_OpenAI()
        {
            _text.Clear();
            var total = 0;
            await foreach (var update in _officialStreamed.CompleteChatStreamingAsync(_messages).ConfigureAwait(false))
            {
                foreach (var part in update.ContentUpdate)
                {
                    _text.Append(part.Text);
                }

                if (update.Usage is { } usage)
                {
                    total = usage.TotalTokenCount;
                }
            }

            return Keep(null, total);
        }

        [Benchmark]
        [BenchmarkCategory(Streamed)]
        public async Task<int> Streamed_Generated()
        {
            _text.Clear();
            var total = 0;
            await foreach (var chunk in _generatedStreamed.Chat.CreateChatCompletionStreamingAsync(_request).ConfigureAwait(false))
            {
                if (chunk.Choices.Count > 0 && chunk.Choices[0].Delta?.Content is { } piece)
                {
                    _text.Append(piece);
                }

                if (chunk.Usage is { } usage)
                {
                    total = usage.TotalTokens;
                }
            }

            return Keep(null, total);
        }

        /// <summary>What a call read, kept for the setup's check; a whole answer's text, or null when it is in <see cref="_text"/>.</summary>
        private int Keep(string? text, int totalTokens)
        {
            _lastText = text;
            _lastTokens = totalTokens;
            return (text?.Length ?? _text.Length) + totalTokens;
        }

        private static YEScale.YEScaleClient Generated(CannedResponseHandler handler)
            => new(new HttpClient(handler, disposeHandler: false), new ApiClientOptions { BaseAddress = BaseAddress, ApiKey = ApiKey });

        /// <summary>The SDK with the generated client's defaults where they differ from its own: 3 retries, 10 minutes per try.</summary>
        private static OpenAIChat.ChatClient Official(CannedResponseHandler handler)
            => new(ChatPeerPayloads.Model, new SdkCredential(ApiKey), new SdkOptions
            {
                Endpoint = new Uri(BaseAddress, "v1"),
                Transport = new HttpClientPipelineTransport(new HttpClient(handler, disposeHandler: false)),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 3),
                NetworkTimeout = TimeSpan.FromMinutes(10),
            });

        private (string Path, int GeneratedBody, int OfficialBody) Check(string mode, CannedResponseHandler handler, ChatPeerAnswer answer, Func<Task<int>> generated, Func<Task<int>> official)
        {
            handler.Record = true;
            generated().GetAwaiter().GetResult();
            var generatedRead = (Text: _lastText ?? _text.ToString(), Tokens: _lastTokens);
            var generatedRequest = (handler.LastMethod, handler.LastPath, handler.LastAuthorization, Body: handler.LastBody!);
            official().GetAwaiter().GetResult();
            var officialRead = (Text: _lastText ?? _text.ToString(), Tokens: _lastTokens);
            var officialRequest = (handler.LastMethod, handler.LastPath, handler.LastAuthorization, Body: handler.LastBody!);
            handler.Record = false;

            Same($"{mode} method", "POST", generatedRequest.LastMethod);
            Same($"{mode} method (OpenAI SDK)", "POST", officialRequest.LastMethod);
            Same($"{mode} path", generatedRequest.LastPath, officialRequest.LastPath);
            Same($"{mode} Authorization", generatedRequest.LastAuthorization, officialRequest.LastAuthorization);
            Same($"{mode} request body", Describe(generatedRequest.Body), Describe(officialRequest.Body));
            Same($"{mode} text", answer.Content, generatedRead.Text);
            Same($"{mode} text (OpenAI SDK)", answer.Content, officialRead.Text);
            Same($"{mode} total tokens", answer.TotalTokens, generatedRead.Tokens);
            Same($"{mode} total tokens (OpenAI SDK)", answer.TotalTokens, officialRead.Tokens);
            return (generatedRequest.LastPath!, generatedRequest.Body.Length, officialRequest.Body.Length);
        }

        /// <summary>What a chat request asks, whatever order or form each client writes it in: the members, the model, the stream options and each message's role and text.</summary>
        private static string Describe(byte[] body)
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var members = string.Join(",", root.EnumerateObject().Select(member => member.Name).OrderBy(name => name, StringComparer.Ordinal));
            var messages = root.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("role").GetString() + ": " + Text(message.GetProperty("content")));
            var stream = root.TryGetProperty("stream", out var value) ? value.GetRawText() : "absent";
            var usage = root.TryGetProperty("stream_options", out var options) ? options.GetRawText() : "absent";
            return $"members {members}; model {root.GetProperty("model").GetString()}; stream {stream}; stream_options {usage}; " + string.Join(" | ", messages);
        }

        /// <summary>A message's content as text: a string, or the text of its parts.</summary>
        private static string Text(JsonElement content)
            => content.ValueKind == JsonValueKind.String
                ? content.GetString()!
                : string.Concat(content.EnumerateArray().Select(part => part.GetProperty("text").GetString()));

        private static void Same<T>(string what, T expected, T actual)
        {
            if (!Equals(expected, actual))
            {
                throw new InvalidOperationException($"The clients disagree on {what}: '{expected}' against '{actual}'.");
            }
        }
    }
}
