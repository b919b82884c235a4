using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using YEScale.Simulator.Http;
using YEScale.Simulator.Tasks;

namespace YEScale.Simulator.Endpoints
{
    /// <summary>One kind of route the simulator answers. The simulator logs, rate-limits, injects faults and checks the key around it.</summary>
    internal interface ISimulatedEndpoint
    {
        /// <summary>A task submit or query: the requests faults and the rate limit apply to.</summary>
        bool IsTaskEndpoint { get; }

        /// <summary>Whether the API key is checked (everything but result downloads).</summary>
        bool RequiresKey { get; }

        /// <summary>The task the request names, for the log; null when none.</summary>
        string? TaskIdOf(HttpContext context);

        /// <summary>The answer; <paramref name="statusOverride"/> is a status fault's word (queries only).</summary>
        Task<SimulatorAnswer> AnswerAsync(HttpContext context, string? statusOverride);
    }

    /// <summary>What the endpoints share: the options, the clock, the tasks and the seeded random draws.</summary>
    internal sealed record SimulationServices(SimulatorOptions Options, TimeProvider Time, TaskStore Tasks, Func<double> NextDouble)
    {
        /// <summary>The address result links point at: the one the client used.</summary>
        public static string BaseUri(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";
    }
}
