using System;

namespace YEScale.Simulator
{
    /// <summary>One request the simulator received, and what it answered.</summary>
    public sealed class SimulatorRequest
    {
        private readonly long _timestampFrequency;

        internal SimulatorRequest(int sequence, DateTimeOffset arrivedAt, long timestamp, long timestampFrequency, string method, string path, string? taskId, bool isTaskEndpoint, bool isSubmit)
        {
            Sequence = sequence;
            ArrivedAt = arrivedAt;
            Timestamp = timestamp;
            _timestampFrequency = timestampFrequency;
            Method = method;
            Path = path;
            TaskId = taskId;
            IsTaskEndpoint = isTaskEndpoint;
            IsSubmit = isSubmit;
        }

        /// <summary>The order of arrival, from 0.</summary>
        public int Sequence { get; }

        /// <summary>When the request arrived, on the simulator's TimeProvider.</summary>
        public DateTimeOffset ArrivedAt { get; }

        /// <summary>
        /// The TimeProvider's high-resolution timestamp at arrival (<see cref="System.Diagnostics.Stopwatch"/> ticks for the system clock);
        /// use <see cref="ElapsedSince"/> for intervals.
        /// </summary>
        public long Timestamp { get; }

        public string Method { get; }

        /// <summary>The path, without the query.</summary>
        public string Path { get; }

        /// <summary>
        /// The task queried or downloaded, or the one a submit created (also when a fault after accepting kept the answer
        /// from the client: dropped, replaced by a 5xx, or abandoned while slow); null otherwise.
        /// </summary>
        public string? TaskId { get; private init; }

        /// <summary>Whether it was a task submit or query (of any task route in the spec): the requests faults and the rate limit apply to.</summary>
        public bool IsTaskEndpoint { get; }

        /// <summary>Whether it was a task submit (of any task route in the spec), whatever it was answered.</summary>
        public bool IsSubmit { get; }

        /// <summary>The status answered; null while it is in progress, or when no response was sent (dropped, or the client went away).</summary>
        public int? StatusCode { get; private init; }

        /// <summary>The fault applied to the answer, injected or random; null when none.</summary>
        public SimulatedFaultKind? Fault { get; private init; }

        /// <summary>Whether <see cref="SimulatorOptions.RequestsPerSecondLimit"/> turned it away with 429.</summary>
        public bool RejectedByRateLimit { get; private init; }

        /// <summary>Whether the simulator has finished with it.</summary>
        public bool Completed { get; private init; }

        /// <summary>The time from <paramref name="earlier"/>'s arrival to this one's, at timestamp precision.</summary>
        public TimeSpan ElapsedSince(SimulatorRequest earlier)
        {
            ArgumentNullException.ThrowIfNull(earlier);
            return TimeSpan.FromTicks((long)((Timestamp - earlier.Timestamp) * ((double)TimeSpan.TicksPerSecond / _timestampFrequency)));
        }

        internal SimulatorRequest Complete(int? statusCode, string? taskId, SimulatedFaultKind? fault, bool rejectedByRateLimit) =>
            new(Sequence, ArrivedAt, Timestamp, _timestampFrequency, Method, Path, taskId ?? TaskId, IsTaskEndpoint, IsSubmit)
            {
                StatusCode = statusCode,
                Fault = fault,
                RejectedByRateLimit = rejectedByRateLimit,
                Completed = true,
            };

        public override string ToString() =>
            $"#{Sequence} {ArrivedAt:HH:mm:ss.fff} {Method} {Path} -> {(StatusCode?.ToString() ?? (Completed ? "no response" : "pending"))}{(Fault is { } f ? " [" + f + "]" : string.Empty)}{(RejectedByRateLimit ? " [rate limit]" : string.Empty)}";
    }
}
