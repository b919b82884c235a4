using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenAI;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace AdapterChecks
{
    /// <summary>
    /// The generated adapters against ones this project did not write: Microsoft.Extensions.AI.OpenAI's adapters over the
    /// official OpenAI SDK, driven through the same middleware against the same simulator. What the two send must say
    /// the same thing, and what they read back must agree.
    /// </summary>
    public class ReferenceAdapterTests
    {
        private const string Model = "gpt-4o-mini";

        private static OpenAIClient Official(Uri simulator, RecordingHandler wire) => new(
            new ApiKeyCredential(SimulatedService.Key),
            new OpenAIClientOptions { Endpoint = new Uri(simulator, "v1/"), Transport = new HttpClientPipelineTransport(new System.Net.Http.HttpClient(wire)) });

        [Fact]
        public async Task A_function_invocation_loop_sends_what_the_official_adapter_sends()
        {
            await using var service = await SimulatedService.StartAsync();
            var wire = new RecordingHandler(new System.Net.Http.SocketsHttpHandler());
            var options = new ChatOptions
            {
                Instructions = "Be brief.",
                Temperature = 0.5f,
                Tools = new[] { AIFunctionFactory.Create((string city, int days) => $"{days} days of sun in {city}", "get_forecast", "The forecast of a city.") },
            };
            using var ours = new ChatClientBuilder(service.Client.AsIChatClient(Model)).UseFunctionInvocation().Build();
            using var theirs = new ChatClientBuilder(Official(service.Simulator.BaseAddress, wire).GetChatClient(Model).AsIChatClient()).UseFunctionInvocation().Build();

            var ourAnswer = await ours.GetResponseAsync("Forecast for Lyon?", options);
            var theirAnswer = await theirs.GetResponseAsync("Forecast for Lyon?", options);

            Assert.Equal(theirAnswer.Text, ourAnswer.Text);
            Assert.Contains("1 days of sun in simulated", ourAnswer.Text);
            Assert.Equal(theirAnswer.FinishReason, ourAnswer.FinishReason);
            Assert.Equal(theirAnswer.Usage!.TotalTokenCount, ourAnswer.Usage!.TotalTokenCount);
            var ourRequests = service.Exchanges.Select(e => Meaning(e.RequestBody!)).ToList();
            var theirRequests = wire.Exchanges.Select(e => Meaning(e.RequestBody!)).ToList();
            Assert.Equal(2, ourRequests.Count);
            Assert.Equal(theirRequests.Count, ourRequests.Count);
            for (var i = 0; i < ourRequests.Count; i++)
            {
                Assert.True(theirRequests[i] == ourRequests[i], "official:\n" + theirRequests[i] + "\nours:\n" + ourRequests[i]);
            }
        }

        [Fact]
        public async Task Embeddings_are_the_vectors_the_official_adapter_reads()
        {
            await using var service = await SimulatedService.StartAsync();
            var wire = new RecordingHandler(new System.Net.Http.SocketsHttpHandler());
            using var ours = service.Client.AsIEmbeddingGenerator("text-embedding-3-small");
            using var theirs = Official(service.Simulator.BaseAddress, wire).GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator();
            var texts = new[] { "a paper boat", "a rainy street", "a paper boat" };

            var ourVectors = await ours.GenerateAsync(texts, new EmbeddingGenerationOptions { Dimensions = 16 });
            var theirVectors = await theirs.GenerateAsync(texts, new EmbeddingGenerationOptions { Dimensions = 16 });

            Assert.Equal(3, ourVectors.Count);
            Assert.All(ourVectors, v => Assert.Equal(16, v.Dimensions));
            for (var i = 0; i < texts.Length; i++)
            {
                Assert.Equal(theirVectors[i].Vector.ToArray(), ourVectors[i].Vector.ToArray());
            }

            Assert.Equal(ourVectors[0].Vector.ToArray(), ourVectors[2].Vector.ToArray());
            Assert.NotEqual(ourVectors[0].Vector.ToArray(), ourVectors[1].Vector.ToArray());
            Assert.Equal(theirVectors.Usage?.InputTokenCount, ourVectors.Usage?.InputTokenCount);
            Assert.Equal("text-embedding-3-small", ourVectors[0].ModelId);
            service.AssertExchangesConformToSpec();
        }

        /// <summary>
        /// What a chat request says, without how it is spelled: the model, the options, each message's role, text,
        /// tool calls (name and parsed arguments) and tool result, and each tool's name, description and parameters.
        /// Call ids differ between the two runs (the simulator makes them), so only their pairing is kept.
        /// </summary>
        private static string Meaning(string body)
        {
            var request = JsonNode.Parse(body)!.AsObject();
            var ids = new Dictionary<string, int>();
            int Id(string? id) => id is null ? -1 : ids.TryGetValue(id, out var n) ? n : ids[id] = ids.Count;
            var messages = new JsonArray();
            foreach (var message in request["messages"]!.AsArray().Select(m => m!.AsObject()))
            {
                var content = message["content"] switch
                {
                    JsonArray parts => string.Concat(parts.Select(p => (string?)p!["text"])),
                    JsonValue text => (string?)text,
                    _ => null,
                };
                var calls = new JsonArray();
                foreach (var call in (message["tool_calls"] as JsonArray) ?? new JsonArray())
                {
                    calls.Add(new JsonObject
                    {
                        ["id"] = Id((string?)call!["id"]),
                        ["name"] = (string?)call["function"]!["name"],
                        ["arguments"] = JsonNode.Parse((string)call["function"]!["arguments"]!),
                    });
                }

                messages.Add(new JsonObject
                {
                    ["role"] = (string?)message["role"],
                    ["content"] = string.IsNullOrEmpty(content) ? null : content,
                    ["calls"] = calls,
                    ["answers"] = message["tool_call_id"] is { } answered ? Id((string?)answered) : null,
                });
            }

            var tools = new JsonArray();
            foreach (var tool in (request["tools"] as JsonArray) ?? new JsonArray())
            {
                var function = tool!["function"]!;
                tools.Add(new JsonObject
                {
                    ["name"] = (string?)function["name"],
                    ["description"] = (string?)function["description"],
                    ["parameters"] = Sorted(function["parameters"]),
                });
            }

            return new JsonObject
            {
                ["model"] = (string?)request["model"],
                ["temperature"] = request["temperature"]?.GetValue<double>(),
                ["stream"] = request["stream"]?.GetValue<bool>() ?? false,
                ["messages"] = messages,
                ["tools"] = tools,
            }.ToJsonString();
        }

        private static JsonNode? Sorted(JsonNode? node) => node switch
        {
            JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
            JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
            _ => node?.DeepClone(),
        };
    }
}
