using System;
using System.ComponentModel;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit;
using YEScale.Toolkit;
using YEScale.Toolkit.Contracts;
using YEScale.Toolkit.Tests.Infrastructure;

namespace AdapterChecks
{
    /// <summary>
    /// The generated IChatClient (<c>AsIChatClient</c>) against the simulator on 127.0.0.1, alone and inside
    /// Microsoft.Extensions.AI's own middleware (function invocation), whole and streamed.
    /// </summary>
    public class ChatClientAdapterTests
    {
        private const string Model = "gpt-4o-mini";

        [Fact]
        public async Task AsIChatClient_answers_with_text_usage_finish_reason_and_the_generated_completion_as_raw_representation()
        {
            await using var service = await SimulatedService.StartAsync();
            using var chat = service.Client.AsIChatClient(Model);

            var response = await chat.GetResponseAsync("Name a paper boat.");

            Assert.Contains("Name a paper boat.", response.Text);
            Assert.Equal(ChatRole.Assistant, response.Messages.Single().Role);
            Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
            Assert.Equal(Model, response.ModelId);
            Assert.StartsWith("chatcmpl", response.ResponseId);
            Assert.NotNull(response.CreatedAt);
            Assert.True(response.Usage!.InputTokenCount > 0);
            Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
            var raw = Assert.IsType<YEScale.ChatCompletion>(response.RawRepresentation);
            Assert.Equal(response.ResponseId, raw.Id);
            var metadata = chat.GetService<ChatClientMetadata>()!;
            Assert.Equal("yescale", metadata.ProviderName);
            Assert.Equal(Model, metadata.DefaultModelId);
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Options_and_instructions_go_out_as_the_contract_names_them()
        {
            await using var service = await SimulatedService.StartAsync();
            using var chat = service.Client.AsIChatClient(Model);

            await chat.GetResponseAsync("Hello", new ChatOptions
            {
                ModelId = "gpt-4o",
                Instructions = "Answer in French.",
                Temperature = 0.25f,
                MaxOutputTokens = 64,
                StopSequences = new[] { "END" },
                AdditionalProperties = new AdditionalPropertiesDictionary { ["user"] = "test-user" },
            });

            using var sent = JsonDocument.Parse(service.Exchanges.Single().RequestBody!);
            var body = sent.RootElement;
            Assert.Equal("gpt-4o", body.GetProperty("model").GetString());
            Assert.Equal("system", body.GetProperty("messages")[0].GetProperty("role").GetString());
            Assert.Equal("Answer in French.", body.GetProperty("messages")[0].GetProperty("content").GetString());
            Assert.Equal("user", body.GetProperty("messages")[1].GetProperty("role").GetString());
            Assert.Equal(0.25, body.GetProperty("temperature").GetDouble(), 3);
            Assert.Equal(64, body.GetProperty("max_tokens").GetInt32());
            Assert.Equal("END", body.GetProperty("stop")[0].GetString());
            Assert.Equal("test-user", body.GetProperty("user").GetString());
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Streaming_yields_the_text_piece_by_piece_then_usage()
        {
            await using var service = await SimulatedService.StartAsync();
            using var chat = service.Client.AsIChatClient(Model);

            var updates = await chat.GetStreamingResponseAsync("Tell me about paper boats.").ToListAsync();

            Assert.True(updates.Count(u => u.Text.Length > 0) > 1, "the answer came in one piece");
            var response = updates.ToChatResponse();
            Assert.Contains("Tell me about paper boats.", response.Text);
            Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
            Assert.True(response.Usage?.OutputTokenCount > 0);
            Assert.All(updates, u => Assert.IsType<YEScale.ChatCompletionChunk>(u.RawRepresentation));
        }

        [Fact]
        public async Task An_image_in_a_message_is_sent_as_an_image_part_and_seen()
        {
            await using var service = await SimulatedService.StartAsync();
            using var chat = service.Client.AsIChatClient(Model);
            var pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

            var response = await chat.GetResponseAsync(new ChatMessage(ChatRole.User, new AIContent[] { new TextContent("What is this?"), new DataContent(pixel, "image/png") }));

            Assert.Contains("I saw an image", response.Text);
            using var sent = JsonDocument.Parse(service.Exchanges.Single().RequestBody!);
            var part = sent.RootElement.GetProperty("messages")[0].GetProperty("content")[1];
            Assert.Equal("image_url", part.GetProperty("type").GetString());
            Assert.StartsWith("data:image/png;base64,", part.GetProperty("image_url").GetProperty("url").GetString());
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Function_invocation_runs_the_tool_loop_to_its_end()
        {
            await using var service = await SimulatedService.StartAsync();
            var calls = 0;
            var weather = AIFunctionFactory.Create(
                ([Description("The city")] string city) => { calls++; return "18 degrees and sunny in " + city; },
                "get_weather",
                "Tells the weather of a city.");
            using var chat = new ChatClientBuilder(service.Client.AsIChatClient(Model)).UseFunctionInvocation().Build();

            var response = await chat.GetResponseAsync("What's the weather in Paris?", new ChatOptions { Tools = new[] { weather } });

            Assert.Equal(1, calls);
            Assert.Contains("18 degrees and sunny in simulated", response.Text);
            Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
            var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
            Assert.Equal("get_weather", call.Name);
            Assert.Equal("simulated", call.Arguments!["city"]!.ToString());
            Assert.Contains(response.Messages.SelectMany(m => m.Contents), c => c is FunctionResultContent result && result.CallId == call.CallId);

            // Two requests: the question, then the tool's result under the call's id.
            Assert.Equal(2, service.Exchanges.Count);
            using var second = JsonDocument.Parse(service.Exchanges[1].RequestBody!);
            var messages = second.RootElement.GetProperty("messages");
            var assistant = messages[messages.GetArrayLength() - 2];
            Assert.Equal(call.CallId, assistant.GetProperty("tool_calls")[0].GetProperty("id").GetString());
            var tool = messages[messages.GetArrayLength() - 1];
            Assert.Equal("tool", tool.GetProperty("role").GetString());
            Assert.Equal(call.CallId, tool.GetProperty("tool_call_id").GetString());
            Assert.Contains("18 degrees", tool.GetProperty("content").GetString());
            Assert.Equal("get_weather", second.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Function_invocation_streams_through_the_same_pipeline()
        {
            await using var service = await SimulatedService.StartAsync();
            var calls = 0;
            var weather = AIFunctionFactory.Create((string city) => { calls++; return "rain over " + city; }, "get_weather");
            using var chat = new ChatClientBuilder(service.Client.AsIChatClient(Model)).UseFunctionInvocation().Build();

            var updates = await chat.GetStreamingResponseAsync("Weather in Oslo?", new ChatOptions { Tools = new[] { weather } }).ToListAsync();

            Assert.Equal(1, calls);
            var response = updates.ToChatResponse();
            Assert.Contains("rain over simulated", response.Text);
            var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
            Assert.Equal("get_weather", call.Name);
            Assert.Equal(2, service.Exchanges.Count);
        }

        public sealed record Forecast(string City, int Degrees);

        [Fact]
        public async Task Structured_output_asks_for_the_type_schema_and_reads_the_answer_as_the_type()
        {
            await using var service = await SimulatedService.StartAsync();
            using var chat = service.Client.AsIChatClient(Model);

            var response = await chat.GetResponseAsync<Forecast>("Forecast for Rome?");

            Assert.Equal(new Forecast("simulated", 1), response.Result);
            using var sent = JsonDocument.Parse(service.Exchanges.Single().RequestBody!);
            var format = sent.RootElement.GetProperty("response_format");
            Assert.Equal("json_schema", format.GetProperty("type").GetString());
            Assert.True(format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").TryGetProperty("degrees", out _));
        }

        [Fact]
        public async Task A_refused_key_is_the_client_typed_exception_with_status_and_without_the_key()
        {
            await using var service = await SimulatedService.StartAsync(configureClient: options => options.ApiKey = "sk-wrong-key-0000000000");
            using var chat = service.Client.AsIChatClient(Model);

            var error = await Assert.ThrowsAsync<ApiException>(() => chat.GetResponseAsync("Hello"));

            Assert.Equal(401, error.Status);
            Assert.Equal("createChatCompletion", error.OperationId);
            Assert.DoesNotContain("sk-wrong-key", error.ToString());
        }

        [Fact]
        public void FindEndpoint_finds_the_contract_operations_and_nothing_for_an_unknown_contract()
        {
            using var http = new System.Net.Http.HttpClient();
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { ApiKey = "sk-x", BaseAddress = new Uri("http://127.0.0.1:9/") });
            var contracts = (IWireContractClient)client;

            Assert.Equal("createChatCompletion", contracts.FindEndpoint(WireContracts.ChatCompletions)!.OperationId);
            Assert.Equal("createEmbedding", contracts.FindEndpoint(WireContracts.Embeddings)!.OperationId);
            Assert.Null(contracts.FindEndpoint("openai.responses"));
        }

        private sealed class NoContracts : IWireContractClient
        {
            public WireEndpoint? FindEndpoint(string contract) => null;
        }

        [Fact]
        public void A_client_without_the_operation_says_which_mark_is_missing()
        {
            var error = Assert.Throws<NotSupportedException>(() => new NoContracts().AsIChatClient(Model));

            Assert.Contains("x-yescale-contract: openai.chat.completions", error.Message);
        }
    }
}
