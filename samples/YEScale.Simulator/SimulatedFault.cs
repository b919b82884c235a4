using System;

namespace YEScale.Simulator
{
    /// <summary>The kinds of fault the simulator can put on a task-endpoint answer.</summary>
    public enum SimulatedFaultKind
    {
        /// <summary>429 with a JSON error body and, optionally, <c>Retry-After</c>.</summary>
        RateLimited,

        /// <summary>A 5xx <c>upstream_error</c>.</summary>
        ServerError,

        /// <summary>503 with, optionally, <c>Retry-After</c>.</summary>
        ServiceUnavailable,

        /// <summary>The normal answer, after a delay.</summary>
        Slow,

        /// <summary>The connection is aborted without a response.</summary>
        DropConnection,

        /// <summary>The normal answer with its JSON body cut short.</summary>
        MalformedJson,

        /// <summary>A query answers another status word than the task's real one.</summary>
        Status,

        /// <summary>The normal answer with its first number written as a string: valid JSON of the wrong type.</summary>
        WrongType,
    }

    /// <summary>One fault for <see cref="YEScaleSimulator.InjectFaults"/>: it replaces the answer to one task-endpoint request.</summary>
    public sealed class SimulatedFault
    {
        private SimulatedFault(SimulatedFaultKind kind)
        {
            Kind = kind;
        }

        public SimulatedFaultKind Kind { get; }

        /// <summary>The <c>Retry-After</c> of a 429 or 503; null sends none.</summary>
        public TimeSpan? RetryAfter { get; private init; }

        /// <summary>Whether <see cref="RetryAfter"/> is sent as an HTTP-date rather than delta-seconds.</summary>
        public bool RetryAfterAsDate { get; private init; }

        /// <summary>The HTTP status the fault answers with; 0 when it keeps the normal one or sends none.</summary>
        public int StatusCode { get; private init; }

        /// <summary>How long a <see cref="SimulatedFaultKind.Slow"/> answer waits.</summary>
        public TimeSpan Delay { get; private init; }

        /// <summary>The status word a <see cref="SimulatedFaultKind.Status"/> fault answers a query with (written as text, as it is).</summary>
        public string? TaskStatus { get; private init; }

        /// <summary>429, with <c>Retry-After</c> when <paramref name="retryAfter"/> is set (an HTTP-date when <paramref name="asDate"/>).</summary>
        public static SimulatedFault RateLimited(TimeSpan? retryAfter, bool asDate = false) => new(SimulatedFaultKind.RateLimited)
        {
            StatusCode = 429,
            RetryAfter = NotNegative(retryAfter),
            RetryAfterAsDate = asDate,
        };

        /// <summary>A server error (500 unless told) with an <c>upstream_error</c> body.</summary>
        public static SimulatedFault ServerError(int status = 500) => new(SimulatedFaultKind.ServerError)
        {
            StatusCode = status is >= 400 and <= 599 ? status : throw new ArgumentOutOfRangeException(nameof(status), status, "An error status is 400 to 599."),
        };

        /// <summary>503, with <c>Retry-After</c> when <paramref name="retryAfter"/> is set (an HTTP-date when <paramref name="asDate"/>).</summary>
        public static SimulatedFault ServiceUnavailable(TimeSpan? retryAfter, bool asDate = false) => new(SimulatedFaultKind.ServiceUnavailable)
        {
            StatusCode = 503,
            RetryAfter = NotNegative(retryAfter),
            RetryAfterAsDate = asDate,
        };

        /// <summary>The normal answer after <paramref name="delay"/>; a client that gives up first aborts it.</summary>
        public static SimulatedFault Slow(TimeSpan delay) => new(SimulatedFaultKind.Slow)
        {
            Delay = delay >= TimeSpan.Zero ? delay : throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay cannot be negative."),
        };

        /// <summary>Aborts the connection without a response: the client sees a transport error, not a status.</summary>
        public static SimulatedFault DropConnection() => new(SimulatedFaultKind.DropConnection);

        /// <summary>The normal answer with its JSON body cut in half (a submit still creates its task).</summary>
        public static SimulatedFault MalformedJson() => new(SimulatedFaultKind.MalformedJson);

        /// <summary>The normal answer with its first number written as a string (<c>"created_at":"1700000000"</c>): it parses, but not as the document's type.</summary>
        public static SimulatedFault WrongType() => new(SimulatedFaultKind.WrongType);

        /// <summary>A query answers <paramref name="status"/> (such as an unknown <c>rerouting</c>) instead of the real status; a submit ignores it.</summary>
        public static SimulatedFault Status(string status) => new(SimulatedFaultKind.Status)
        {
            TaskStatus = string.IsNullOrEmpty(status) ? throw new ArgumentException("A status word is required.", nameof(status)) : status,
        };

        public override string ToString() => Kind switch
        {
            SimulatedFaultKind.RateLimited or SimulatedFaultKind.ServiceUnavailable => $"{Kind}({StatusCode}, Retry-After {(RetryAfter is { } r ? r + (RetryAfterAsDate ? " as date" : string.Empty) : "none")})",
            SimulatedFaultKind.ServerError => $"{Kind}({StatusCode})",
            SimulatedFaultKind.Slow => $"{Kind}({Delay})",
            SimulatedFaultKind.Status => $"{Kind}({TaskStatus})",
            _ => Kind.ToString(),
        };

        private static TimeSpan? NotNegative(TimeSpan? value) =>
            value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException("retryAfter", value, "Retry-After cannot be negative.") : value;
    }
}
