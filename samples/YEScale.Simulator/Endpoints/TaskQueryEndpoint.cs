using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Http;
using YEScale.Simulator.Spec;
using YEScale.Simulator.Tasks;

namespace YEScale.Simulator.Endpoints
{
    /// <summary>A task query: the query example with the task's id, status, progress, result link and error.</summary>
    internal sealed class TaskQueryEndpoint : ISimulatedEndpoint
    {
        private readonly TaskQueryRoute _route;
        private readonly string? _routeKey;
        private readonly SimulationServices _services;

        /// <param name="routeKey">The route value holding the id when it is in the path.</param>
        public TaskQueryEndpoint(TaskQueryRoute route, string? routeKey, SimulationServices services)
        {
            _route = route;
            _routeKey = routeKey;
            _services = services;
        }

        public bool IsTaskEndpoint => true;

        public bool RequiresKey => true;

        public string? TaskIdOf(HttpContext context)
        {
            if (_route.TaskIdInQuery || _routeKey is null)
            {
                var values = context.Request.Query[_route.TaskIdParameter];
                return values.Count > 0 ? values[0] : null;
            }

            return context.Request.RouteValues.TryGetValue(_routeKey, out var value) ? value as string : null;
        }

        public Task<SimulatorAnswer> AnswerAsync(HttpContext context, string? statusOverride)
        {
            var id = TaskIdOf(context);
            if (string.IsNullOrEmpty(id))
            {
                return Task.FromResult(SimulatorAnswer.InvalidRequest($"'{_route.TaskIdParameter}' is required."));
            }

            // A task is known to the query routes of its own family only, as each upstream service knows only its own tasks.
            if (!_services.Tasks.TryGet(id, out var task) || task.Route.Family != _route.Family)
            {
                return Task.FromResult(SimulatorAnswer.TaskNotFound());
            }

            var answer = TaskAnswers.Queried(_route, task, _services.Time.GetUtcNow(), _services.Options, statusOverride, SimulationServices.BaseUri(context));
            return Task.FromResult(SimulatorAnswer.Json(200, answer));
        }
    }
}
