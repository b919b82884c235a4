using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Chat;
using YEScale.Simulator.Http;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator.Endpoints
{
    /// <summary><c>POST .../chat/completions</c>: answered by <see cref="ChatCompletionSimulator"/> rather than from the example.</summary>
    internal sealed class ChatCompletionEndpoint : ISimulatedEndpoint
    {
        private readonly SpecOperation _operation;
        private readonly ChatCompletionSimulator _chat;

        public ChatCompletionEndpoint(SpecOperation operation, ChatCompletionSimulator chat)
        {
            _operation = operation;
            _chat = chat;
        }

        public bool IsTaskEndpoint => false;

        public bool RequiresKey => true;

        /// <summary>Whether an operation is an OpenAI-style chat completion.</summary>
        public static bool Handles(SpecOperation operation) =>
            operation.Method == "POST" && operation.Path.TrimEnd('/').EndsWith("/chat/completions", System.StringComparison.Ordinal);

        public string? TaskIdOf(HttpContext context) => null;

        public async Task<SimulatorAnswer> AnswerAsync(HttpContext context, string? statusOverride)
        {
            var (payload, refusal) = await RequestPayload.ReadAsync(context, _operation, jsonWhenUndeclared: true).ConfigureAwait(false);
            return refusal ?? _chat.Answer(payload!.Body);
        }
    }
}
