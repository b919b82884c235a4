using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Http;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator.Endpoints
{
    /// <summary>Any other operation: checks the body like a submit, then answers the success response's example (or placeholder bytes for a binary one).</summary>
    internal sealed class ExampleOperationEndpoint : ISimulatedEndpoint
    {
        private readonly SpecOperation _operation;

        public ExampleOperationEndpoint(SpecOperation operation)
        {
            _operation = operation;
        }

        public bool IsTaskEndpoint => false;

        public bool RequiresKey => true;

        public string? TaskIdOf(HttpContext context) => null;

        public async Task<SimulatorAnswer> AnswerAsync(HttpContext context, string? statusOverride)
        {
            var (_, refusal) = await RequestPayload.ReadAsync(context, _operation).ConfigureAwait(false);
            return refusal ?? Answer(_operation);
        }

        /// <summary>The canned answer: JSON from the example (or <c>{}</c>), text, one event, or placeholder bytes of the declared type.</summary>
        public static SimulatorAnswer Answer(SpecOperation operation)
        {
            if (operation.Success?.Preferred is not { } media)
            {
                return SimulatorAnswer.Empty(200);
            }

            var example = SpecOperation.ExampleOf(operation.Document, media.Node)?.DeepClone();
            if (media.IsJson)
            {
                return SimulatorAnswer.Json(200, example ?? new JsonObject());
            }

            if (media.Name.StartsWith("text/event-stream", System.StringComparison.OrdinalIgnoreCase))
            {
                var data = example is null ? "{}" : OpenApiDocument.Text(example) ?? example.ToJsonString();
                return new SimulatorAnswer(200, "text/event-stream; charset=utf-8", Encoding.UTF8.GetBytes($"data: {data}\n\ndata: [DONE]\n\n"));
            }

            if (media.Name.StartsWith("text/", System.StringComparison.OrdinalIgnoreCase))
            {
                var text = example is null ? string.Empty : OpenApiDocument.Text(example) ?? example.ToJsonString();
                return new SimulatorAnswer(200, media.Name + "; charset=utf-8", Encoding.UTF8.GetBytes(text));
            }

            var contentType = media.Name.Contains('*', System.StringComparison.Ordinal) ? "application/octet-stream" : media.Name;
            return new SimulatorAnswer(200, contentType, PlaceholderFiles.ForContentType(contentType));
        }
    }
}
