using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator
{
    /// <summary>Where a simulated task is in its life.</summary>
    public enum SimulatedTaskPhase
    {
        Queued,
        Running,
        Succeeded,
        Failed,
    }

    /// <summary>One task the simulator keeps: submitted through any task route of the spec, or an example the spec shows.</summary>
    public sealed class SimulatedTask
    {
        private readonly JsonNode? _request;

        internal SimulatedTask(string id, DateTimeOffset createdAt, bool willFail, bool isExample, string? submitOperationId, JsonNode? request, TaskQueryRoute route, IReadOnlyCollection<string> resultExtensions)
        {
            Id = id;
            CreatedAt = createdAt;
            WillFail = willFail;
            IsExample = isExample;
            SubmitOperationId = submitOperationId;
            _request = request;
            Route = route;
            ResultExtensions = resultExtensions;
        }

        public string Id { get; }

        public DateTimeOffset CreatedAt { get; }

        /// <summary>Whether it ends with a failure word instead of a success one.</summary>
        public bool WillFail { get; }

        /// <summary>Whether it is an id the spec's examples show: always there, already succeeded, answered with the example as written.</summary>
        public bool IsExample { get; }

        /// <summary>The submit operation that created it; null for an example.</summary>
        public string? SubmitOperationId { get; }

        /// <summary>The query operation whose status words <see cref="StatusAt"/> answers with.</summary>
        public string? QueryOperationId => Route.Operation.OperationId;

        /// <summary>The <c>model</c> the request named, if any.</summary>
        public string? Model => OpenApiDocument.Text(_request?["model"]);

        /// <summary>A copy of the submitted body (JSON, or a multipart form's fields); null for an example.</summary>
        public JsonNode? Request => _request?.DeepClone();

        /// <summary>The query route it was created for (the first its submit links to).</summary>
        internal TaskQueryRoute Route { get; }

        /// <summary>The file extensions its result can be downloaded with (those of every query route of its family).</summary>
        internal IReadOnlyCollection<string> ResultExtensions { get; }

        /// <summary>The phase at <paramref name="now"/>: queued for <see cref="SimulatorOptions.QueuedFor"/>, running for <see cref="SimulatorOptions.RunningFor"/>, then done.</summary>
        public SimulatedTaskPhase PhaseAt(DateTimeOffset now, SimulatorOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (IsExample)
            {
                return SimulatedTaskPhase.Succeeded;
            }

            var age = now - CreatedAt;
            if (age < options.QueuedFor)
            {
                return SimulatedTaskPhase.Queued;
            }

            if (age < options.QueuedFor + options.RunningFor)
            {
                return SimulatedTaskPhase.Running;
            }

            return WillFail ? SimulatedTaskPhase.Failed : SimulatedTaskPhase.Succeeded;
        }

        /// <summary>The status word at <paramref name="now"/>, as its query route writes it (for Seedance: queued, running, then succeeded or <see cref="SimulatorOptions.FailureStatus"/>).</summary>
        public string StatusAt(DateTimeOffset now, SimulatorOptions options) => Route.WordFor(PhaseAt(now, options), options);

        /// <summary>Progress from 0 to 100: 0 while queued, rising while running, 100 once done.</summary>
        public int ProgressAt(DateTimeOffset now, SimulatorOptions options)
        {
            switch (PhaseAt(now, options))
            {
                case SimulatedTaskPhase.Queued:
                    return 0;
                case SimulatedTaskPhase.Running:
                    var fraction = (now - CreatedAt - options.QueuedFor) / options.RunningFor;
                    return 1 + (int)(98 * Math.Clamp(fraction, 0, 1));
                default:
                    return 100;
            }
        }

        /// <summary>When the status last changed.</summary>
        public DateTimeOffset UpdatedAt(DateTimeOffset now, SimulatorOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var age = now - CreatedAt;
            if (IsExample || age < options.QueuedFor)
            {
                return CreatedAt;
            }

            return age < options.QueuedFor + options.RunningFor ? CreatedAt + options.QueuedFor : CreatedAt + options.QueuedFor + options.RunningFor;
        }

        public override string ToString() => $"{Id} ({SubmitOperationId ?? "example"} -> {QueryOperationId})";
    }
}
