using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Http;
using YEScale.Simulator.Spec;
using YEScale.Simulator.Tasks;

namespace YEScale.Simulator.Endpoints
{
    /// <summary>A task submit: checks the body, creates the task and answers the submit example with the new id.</summary>
    internal sealed class TaskSubmitEndpoint : ISimulatedEndpoint
    {
        private readonly TaskSubmitRoute _route;
        private readonly SimulationServices _services;

        public TaskSubmitEndpoint(TaskSubmitRoute route, SimulationServices services)
        {
            _route = route;
            _services = services;
        }

        public bool IsTaskEndpoint => true;

        public bool RequiresKey => true;

        public string? TaskIdOf(HttpContext context) => null;

        public async Task<SimulatorAnswer> AnswerAsync(HttpContext context, string? statusOverride)
        {
            var (payload, refusal) = await RequestPayload.ReadAsync(context, _route.Operation).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }

            var options = _services.Options;
            var now = _services.Time.GetUtcNow();

            // Drawn for every task, so a seeded run draws the same sequence whatever the prompts say.
            var failureDraw = _services.NextDouble();
            var willFail = payload!.Strings().Any(s => s.Contains(options.FailWhenPromptContains, StringComparison.Ordinal))
                || failureDraw < (options.Faults?.FailureProbability ?? 0);
            var task = _services.Tasks.Create(_route, payload.Body?.DeepClone(), now, willFail);
            return SimulatorAnswer.Json(200, TaskAnswers.Submitted(_route, task.Id, now)) with { TaskId = task.Id };
        }
    }
}
