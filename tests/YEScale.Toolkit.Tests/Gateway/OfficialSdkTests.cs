using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Images;
using OpenAI.Models;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace OfficialSdkChecks
{
    /// <summary>
    /// Clients this project did not write, pointed at the simulator over 127.0.0.1: the official OpenAI .NET SDK at its
    /// <c>/v1</c> and the official Anthropic SDK at its messages route. A real client that cannot read the simulator means
    /// the simulator (and so the spec it serves) is wrong.
    /// </summary>
    public class OfficialSdkTests
    {
        /// <summary>What the SDKs send and receive, for the spec conformance check (NJsonSchema) at the end of each test.</summary>
        private readonly RecordingHandler _wire = new(new System.Net.Http.SocketsHttpHandler());

        private OpenAIClient OpenAi(Uri simulator) => new(
            new ApiKeyCredential(SimulatedService.Key),
            new OpenAIClientOptions { Endpoint = new Uri(simulator, "v1/"), Transport = new HttpClientPipelineTransport(new System.Net.Http.HttpClient(_wire)) });

        [Fact]
        public async Task The_OpenAI_SDK_reads_a_chat_completion()
        {
            await using var service = await SimulatedService.StartAsync();
            var chat = OpenAi(service.Simulator.BaseAddress!).GetChatClient("gpt-4o-mini");

            ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage("Say hello to the paper boat"));

            Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
            Assert.Equal(ChatMessageRole.Assistant, completion.Role);
            Assert.Contains("paper boat", completion.Content[0].Text);
            Assert.True(completion.Usage.TotalTokenCount > 0);
            Assert.StartsWith("chatcmpl-", completion.Id);
            SpecConformance.AssertConforms(_wire.Exchanges);
        }

        [Fact]
        public async Task The_OpenAI_SDK_reads_a_streamed_chat_completion_chunk_by_chunk()
        {
            await using var service = await SimulatedService.StartAsync(o => o.StreamChunkDelay = TimeSpan.FromMilliseconds(2));
            var chat = OpenAi(service.Simulator.BaseAddress!).GetChatClient("gpt-4o-mini");
            var text = new StringBuilder();
            var updates = 0;
            ChatFinishReason? finish = null;

            await foreach (var update in chat.CompleteChatStreamingAsync(new ChatMessage[] { new UserChatMessage("Tell me about the rainy street") }, new ChatCompletionOptions()))
            {
                updates++;
                foreach (var part in update.ContentUpdate)
                {
                    text.Append(part.Text);
                }

                finish ??= update.FinishReason;
            }

            Assert.True(updates > 2, "expected several chunks, got " + updates);
            Assert.Contains("rainy street", text.ToString());
            Assert.Equal(ChatFinishReason.Stop, finish);
            SpecConformance.AssertConforms(_wire.Exchanges);
        }

        [Fact]
        public async Task The_OpenAI_SDK_reads_a_tool_call_and_its_arguments()
        {
            await using var service = await SimulatedService.StartAsync();
            var chat = OpenAi(service.Simulator.BaseAddress!).GetChatClient("gpt-4o-mini");
            var tool = ChatTool.CreateFunctionTool(
                "get_weather",
                "The weather in a city.",
                BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
            var options = new ChatCompletionOptions { Tools = { tool } };

            ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("What is the weather in Hanoi?") }, options);

            Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
            var call = Assert.Single(completion.ToolCalls);
            Assert.Equal("get_weather", call.FunctionName);
            Assert.False(string.IsNullOrEmpty(call.Id));
            using var arguments = JsonDocument.Parse(call.FunctionArguments);
            Assert.Equal(JsonValueKind.Object, arguments.RootElement.ValueKind);
            SpecConformance.AssertConforms(_wire.Exchanges);
        }

        [Fact]
        public async Task The_OpenAI_SDK_protocol_method_reads_n_choices_with_and_without_tools()
        {
            // The SDK's typed layer reads one choice (its ChatCompletionOptions has no n); its protocol method sends n.
            await using var service = await SimulatedService.StartAsync();
            var chat = OpenAi(service.Simulator.BaseAddress!).GetChatClient("gpt-4o-mini");
            var withTools = ""","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{}}}}]""";

            foreach (var tools in new[] { string.Empty, withTools })
            {
                var body = BinaryContent.Create(BinaryData.FromString("""{"model":"gpt-4o-mini","n":3,"messages":[{"role":"user","content":"Three ideas, please"}]""" + tools + "}"));
                ClientResult result = await chat.CompleteChatAsync(body);

                using var answer = JsonDocument.Parse(result.GetRawResponse().Content);
                var choices = answer.RootElement.GetProperty("choices").EnumerateArray().ToList();
                Assert.Equal(new[] { 0, 1, 2 }, choices.Select(c => c.GetProperty("index").GetInt32()));
                if (tools.Length > 0)
                {
                    var ids = choices.Select(c => c.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("id").GetString()).ToList();
                    Assert.Equal(3, ids.Distinct().Count());
                }

                // The typed reader of the same SDK accepts the answer too.
                var typed = ModelReaderWriter.Read<ChatCompletion>(result.GetRawResponse().Content)!;
                Assert.Equal(tools.Length > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop, typed.FinishReason);
            }
            SpecConformance.AssertConforms(_wire.Exchanges);
        }

        [Fact]
        public async Task The_OpenAI_SDK_reads_one_embedding_per_input_as_it_asks_for_them_in_base64()
        {
            await using var service = await SimulatedService.StartAsync();
            var embeddings = OpenAi(service.Simulator.BaseAddress!).GetEmbeddingClient("text-embedding-3-small");

            OpenAIEmbeddingCollection result = await embeddings.GenerateEmbeddingsAsync(new[] { "a paper boat", "a rainy street", "a paper boat" }, new EmbeddingGenerationOptions { Dimensions = 12 });

            Assert.Equal(3, result.Count);
            Assert.Equal(new[] { 0, 1, 2 }, result.Select(e => e.Index));
            var vectors = result.Select(e => e.ToFloats().ToArray()).ToList();
            Assert.All(vectors, v => Assert.Equal(12, v.Length));
            Assert.Equal(vectors[0], vectors[2]);
            Assert.NotEqual(vectors[0], vectors[1]);
            var sent = Assert.Single(_wire.Exchanges, e => e.PathAndQuery == "/v1/embeddings");
            Assert.Contains("\"encoding_format\":\"base64\"", sent.RequestBody);
            SpecConformance.AssertConforms(_wire.Exchanges);
        }

        [Fact]
        public async Task The_OpenAI_SDK_reads_an_image_generation()
        {
            await using var service = await SimulatedService.StartAsync();
            var images = OpenAi(service.Simulator.BaseAddress!).GetImageClient("dall-e-3");

            GeneratedImage image = await images.GenerateImageAsync("A paper boat on a rainy street", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri });

            Assert.NotNull(image.ImageUri);
            Assert.True(image.ImageUri.IsAbsoluteUri);
            SpecConformance.AssertConforms(_wire.Exchanges);
        }

        [Fact]
        public async Task The_OpenAI_SDK_lists_the_models()
        {
            await using var service = await SimulatedService.StartAsync();
            var models = OpenAi(service.Simulator.BaseAddress!).GetOpenAIModelClient();

            OpenAIModelCollection list = await models.GetModelsAsync();

            Assert.Contains(list, m => m.Id == "gpt-4o-mini");
            Assert.All(list, m => Assert.False(string.IsNullOrEmpty(m.OwnedBy)));
            SpecConformance.AssertConforms(_wire.Exchanges);
        }

        [Fact]
        public async Task The_OpenAI_SDK_reads_a_response_of_the_Responses_API()
        {
            await using var service = await SimulatedService.StartAsync();
#pragma warning disable OPENAI001 // The Responses client is marked experimental in this SDK version.
            var responses = OpenAi(service.Simulator.BaseAddress!).GetResponsesClient();

            var result = (await responses.CreateResponseAsync("gpt-4o-mini", "a paper boat", previousResponseId: null)).Value;
#pragma warning restore OPENAI001

            Assert.Equal("You said: a paper boat", result.GetOutputText());
            Assert.StartsWith("resp_", result.Id);
            SpecConformance.AssertConforms(_wire.Exchanges);
        }

        [Fact]
        public async Task The_Anthropic_SDK_reads_a_message()
        {
            await using var service = await SimulatedService.StartAsync();
            // YEScale authenticates every route with a bearer key: the SDK's AuthToken sends one. ResponseValidation makes
            // the SDK check the answer's shape itself instead of reading leniently.
            var client = new Anthropic.AnthropicClient
            {
                HttpClient = new System.Net.Http.HttpClient(_wire),
                AuthToken = SimulatedService.Key,
                BaseUrl = service.Simulator.BaseAddress!.ToString().TrimEnd('/'),
                ResponseValidation = true,
                MaxRetries = 0,
            };

            var message = await client.Messages.Create(new Anthropic.Models.Messages.MessageCreateParams
            {
                Model = "claude-sonnet-4-20250514",
                MaxTokens = 256,
                Messages = [new Anthropic.Models.Messages.UserMessageParam { Content = "Hello, Claude" }],
            });

            Assert.False(string.IsNullOrEmpty(message.ID));
            Assert.NotEmpty(message.Content);
            Assert.True(message.Usage.OutputTokens > 0);
            Assert.Contains(_wire.Exchanges, e => e.PathAndQuery == "/v1/messages" && e.Status == 200);
            SpecConformance.AssertConforms(_wire.Exchanges);
        }
    }
}
