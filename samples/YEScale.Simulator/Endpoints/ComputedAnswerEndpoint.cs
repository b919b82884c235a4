using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Http;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator.Endpoints
{
    /// <summary>
    /// An operation answered from its request rather than its example (chat completions, the Responses API, embeddings): the body
    /// is checked like a submit, then handed to the simulator that writes the answer.
    /// </summary>
    internal sealed class ComputedAnswerEndpoint : ISimulatedEndpoint
    {
        private readonly SpecOperation _operation;
        private readonly Func<JsonNode?, SimulatorAnswer> _answer;

        public ComputedAnswerEndpoint(SpecOperation operation, Func<JsonNode?, SimulatorAnswer> answer)
        {
            _operation = operation;
            _answer = answer;
        }

        public bool IsTaskEndpoint => false;

        public bool RequiresKey => true;

        /// <summary>Whether an operation is a POST to a route ending in <paramref name="suffix"/> (such as <c>/chat/completions</c>).</summary>
        public static bool Handles(SpecOperation operation, string suffix) =>
            operation.Method == "POST" && operation.Path.TrimEnd('/').EndsWith(suffix, StringComparison.Ordinal);

        public string? TaskIdOf(HttpContext context) => null;

        public async Task<SimulatorAnswer> AnswerAsync(HttpContext context, string? statusOverride)
        {
            var (payload, refusal) = await RequestPayload.ReadAsync(context, _operation, jsonWhenUndeclared: true).ConfigureAwait(false);
            return refusal ?? _answer(payload!.Body);
        }
    }
}
