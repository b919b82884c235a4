using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Chat;
using YEScale.Simulator.Http;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator.Endpoints
{
    /// <summary><c>POST .../responses</c>: answered by <see cref="ResponsesSimulator"/> rather than from the example.</summary>
    internal sealed class ResponsesEndpoint : ISimulatedEndpoint
    {
        private readonly SpecOperation _operation;
        private readonly ResponsesSimulator _responses;

        public ResponsesEndpoint(SpecOperation operation, ResponsesSimulator responses)
        {
            _operation = operation;
            _responses = responses;
        }

        public bool IsTaskEndpoint => false;

        public bool RequiresKey => true;

        /// <summary>Whether an operation is OpenAI's Responses API.</summary>
        public static bool Handles(SpecOperation operation) =>
            operation.Method == "POST" && operation.Path.TrimEnd('/').EndsWith("/v1/responses", System.StringComparison.Ordinal);

        public string? TaskIdOf(HttpContext context) => null;

        public async Task<SimulatorAnswer> AnswerAsync(HttpContext context, string? statusOverride)
        {
            var (payload, refusal) = await RequestPayload.ReadAsync(context, _operation, jsonWhenUndeclared: true).ConfigureAwait(false);
            return refusal ?? _responses.Answer(payload!.Body);
        }
    }
}
