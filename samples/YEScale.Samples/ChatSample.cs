using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Samples
{
    /// <summary>Chat: one whole answer, then the same question streamed piece by piece as it is written.</summary>
    internal static class ChatSample
    {
        public static async Task RunAsync(YEScaleClient client, CancellationToken cancellationToken)
        {
            var request = new ChatCompletionRequest
            {
                Model = "gpt-4o-mini",
                Messages = new List<ChatMessage>
                {
                    new() { Role = ChatRole.System, Content = "You are a concise assistant." },
                    new() { Role = ChatRole.User, Content = "Name three uses of a paper boat." },
                },
            };

            var completion = await client.Chat.CreateChatCompletionAsync(request, cancellationToken);
            Console.WriteLine($"Answer: {completion.Choices[0].Message.Content}");
            Console.WriteLine($"Tokens: {completion.Usage?.TotalTokens}");

            // Streaming: the same request; the streaming variant asks the server to stream and yields typed chunks as they arrive.
            Console.Write("Streamed: ");
            await foreach (var chunk in client.Chat.CreateChatCompletionStreamingAsync(request, cancellationToken))
            {
                foreach (var choice in chunk.Choices)
                {
                    Console.Write(choice.Delta.Content);
                }
            }

            Console.WriteLine();
        }
    }
}
