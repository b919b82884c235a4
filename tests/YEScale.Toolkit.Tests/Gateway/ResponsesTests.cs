using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using YEScale;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Gateway
{
    /// <summary>OpenAI's Responses API through the generated client against the simulator: whole, and streamed as typed events.</summary>
    public class ResponsesTests
    {
        [Fact]
        public async Task A_response_comes_back_with_its_output_text_and_usage()
        {
            await using var service = await SimulatedService.StartAsync();

            var response = await service.Client.Chat.CreateResponseAsync(new ResponseRequest { Model = "gpt-4o-mini", Input = "a paper boat on a rainy street", Instructions = "Be brief." });

            Assert.Equal("response", response.Object);
            Assert.Equal("completed", response.Status);
            var message = Assert.Single(response.Output!);
            Assert.Equal("message", message.Type);
            Assert.Equal("You said: a paper boat on a rainy street", Assert.Single(message.Content!).Text);
            Assert.True(response.Usage!.TotalTokens > 0);
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task A_list_of_input_messages_is_answered_from_the_last_user_message()
        {
            await using var service = await SimulatedService.StartAsync();
            var input = new List<ResponseInputItem>
            {
                new() { Role = "user", Content = "first question" },
                new() { Role = "assistant", Content = "first answer" },
                new() { Role = "user", Content = "second question" },
            };

            var response = await service.Client.Chat.CreateResponseAsync(new ResponseRequest { Model = "gpt-4o-mini", Input = input });

            Assert.Equal("You said: second question", response.Output![0].Content![0].Text);
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task A_streamed_response_yields_typed_events_whose_deltas_add_up_to_the_whole_text()
        {
            await using var service = await SimulatedService.StartAsync(o => o.StreamChunkDelay = TimeSpan.FromMilliseconds(2));
            var request = new ResponseRequest { Model = "gpt-4o-mini", Input = "tell me about the rain" };
            var events = new List<ResponseStreamEvent>();

            await foreach (var streamed in service.Client.Chat.CreateResponseStreamingAsync(request))
            {
                events.Add(streamed);
            }

            Assert.Equal("response.created", events[0].Type);
            Assert.Equal("response.completed", events[^1].Type);
            Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.SequenceNumber ?? -1));
            var text = string.Concat(events.Where(e => e.Type == "response.output_text.delta").Select(e => e.Delta));
            Assert.Equal("You said: tell me about the rain", text);
            Assert.Equal(text, events.Single(e => e.Type == "response.output_text.done").Text);
            Assert.Equal(text, events[^1].Response!.Output![0].Content![0].Text);
        }
    }
}
