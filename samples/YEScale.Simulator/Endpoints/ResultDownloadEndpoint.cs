using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Http;

namespace YEScale.Simulator.Endpoints
{
    /// <summary><c>GET /files/{task_id}.{ext}</c>: a succeeded task's result file. Like the real pre-signed links, it needs no key.</summary>
    internal sealed class ResultDownloadEndpoint : ISimulatedEndpoint
    {
        public const string Template = "/files/{task_id}.{ext}";

        private readonly SimulationServices _services;

        public ResultDownloadEndpoint(SimulationServices services)
        {
            _services = services;
        }

        public bool IsTaskEndpoint => false;

        public bool RequiresKey => false;

        public string? TaskIdOf(HttpContext context) => context.Request.RouteValues.TryGetValue("task_id", out var value) ? value as string : null;

        public Task<SimulatorAnswer> AnswerAsync(HttpContext context, string? statusOverride)
        {
            var id = TaskIdOf(context);
            var extension = context.Request.RouteValues.TryGetValue("ext", out var value) ? value as string : null;
            if (id is null || extension is null || !_services.Tasks.TryGet(id, out var task)
                || task.PhaseAt(_services.Time.GetUtcNow(), _services.Options) != SimulatedTaskPhase.Succeeded
                || !task.ResultExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            {
                return Task.FromResult(SimulatorAnswer.Empty(404));
            }

            var (contentType, bytes) = PlaceholderFiles.ForExtension(extension);
            return Task.FromResult(new SimulatorAnswer(200, contentType, bytes));
        }
    }
}
