using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Http;

namespace YEScale.Simulator.Endpoints
{
    /// <summary>Anything the spec does not describe (or a method it does not list): 404, logged like the rest.</summary>
    internal sealed class NotFoundEndpoint : ISimulatedEndpoint
    {
        public static readonly NotFoundEndpoint Instance = new();

        public bool IsTaskEndpoint => false;

        public bool RequiresKey => false;

        public string? TaskIdOf(HttpContext context) => null;

        public Task<SimulatorAnswer> AnswerAsync(HttpContext context, string? statusOverride) => Task.FromResult(SimulatorAnswer.Empty(404));
    }
}
