using System;

namespace YEScale.Simulator
{
    /// <summary>The kinds of fault the simulator can put on a task-endpoint answer.</summary>
    public enum SimulatedFaultKind
    {
        /// <summary>429 with a JSON error body and, optionally, <c>Retry-After</c> and <c>retry-after-ms</c>.</summary>
        RateLimited,

        /// <summary>A 5xx <c>upstream_error</c>.</summary>
        ServerError,

        /// <summary>503 with, optionally, <c>Retry-After</c> and <c>retry-after-ms</c>.</summary>
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

        /// <summary>The endpoint answers (a submit creates its task), then the connection is aborted without a response.</summary>
        DropAfterAccepting,

        /// <summary>The endpoint answers (a submit creates its task), then the client gets a 5xx <c>upstream_error</c> instead.</summary>
        ServerErrorAfterAccepting,

        /// <summary>The endpoint answers (a submit creates its task), then the response is held back for a delay.</summary>
        SlowAfterAccepting,

        /// <summary>The normal answer, with the headers and the first half of the body at once and the rest after a delay.</summary>
        SlowBody,
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

        /// <summary>The <c>retry-after-ms</c> of a 429 or 503 (whole milliseconds, rounded up, as OpenAI's API sends it); null sends none.</summary>
        public TimeSpan? RetryAfterMs { get; private init; }

        /// <summary>The HTTP status the fault answers with; 0 when it keeps the normal one or sends none.</summary>
        public int StatusCode { get; private init; }

        /// <summary>How long a <see cref="SimulatedFaultKind.Slow"/> or <see cref="SimulatedFaultKind.SlowAfterAccepting"/> answer waits, or a <see cref="SimulatedFaultKind.SlowBody"/> answer's second half.</summary>
        public TimeSpan Delay { get; private init; }

        /// <summary>The status word a <see cref="SimulatedFaultKind.Status"/> fault answers a query with (written as text, as it is).</summary>
        public string? TaskStatus { get; private init; }

        /// <summary>
        /// 429, with <c>Retry-After</c> when <paramref name="retryAfter"/> is set (an HTTP-date when <paramref name="asDate"/>) and
        /// <c>retry-after-ms</c> when <paramref name="retryAfterMs"/> is: either, both or neither, to test which one a client honours.
        /// </summary>
        public static SimulatedFault RateLimited(TimeSpan? retryAfter, bool asDate = false, TimeSpan? retryAfterMs = null) => new(SimulatedFaultKind.RateLimited)
        {
            StatusCode = 429,
            RetryAfter = NotNegative(retryAfter, nameof(retryAfter)),
            RetryAfterAsDate = asDate,
            RetryAfterMs = NotNegative(retryAfterMs, nameof(retryAfterMs)),
        };

        /// <summary>A server error (500 unless told) with an <c>upstream_error</c> body.</summary>
        public static SimulatedFault ServerError(int status = 500) => new(SimulatedFaultKind.ServerError)
        {
            StatusCode = status is >= 400 and <= 599 ? status : throw new ArgumentOutOfRangeException(nameof(status), status, "An error status is 400 to 599."),
        };

        /// <summary>
        /// 503, with <c>Retry-After</c> when <paramref name="retryAfter"/> is set (an HTTP-date when <paramref name="asDate"/>) and
        /// <c>retry-after-ms</c> when <paramref name="retryAfterMs"/> is.
        /// </summary>
        public static SimulatedFault ServiceUnavailable(TimeSpan? retryAfter, bool asDate = false, TimeSpan? retryAfterMs = null) => new(SimulatedFaultKind.ServiceUnavailable)
        {
            StatusCode = 503,
            RetryAfter = NotNegative(retryAfter, nameof(retryAfter)),
            RetryAfterAsDate = asDate,
            RetryAfterMs = NotNegative(retryAfterMs, nameof(retryAfterMs)),
        };

        /// <summary>The normal answer after <paramref name="delay"/>; a client that gives up first aborts it (before the endpoint ran: a submit creates nothing).</summary>
        public static SimulatedFault Slow(TimeSpan delay) => new(SimulatedFaultKind.Slow)
        {
            Delay = NotNegative(delay),
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

        /// <summary>
        /// The endpoint answers (a submit creates its task and is billed), then the connection is aborted without a response:
        /// the client sees a transport error although the request was carried out, so a blind retry submits twice.
        /// </summary>
        public static SimulatedFault DropAfterAccepting() => new(SimulatedFaultKind.DropAfterAccepting);

        /// <summary>
        /// The endpoint answers (a submit creates its task), then the client gets a server error (500 unless told) with an
        /// <c>upstream_error</c> body instead: as a gateway does when the upstream answer is lost on its way back.
        /// </summary>
        public static SimulatedFault ServerErrorAfterAccepting(int status = 500) => new(SimulatedFaultKind.ServerErrorAfterAccepting)
        {
            StatusCode = status is >= 500 and <= 599 ? status : throw new ArgumentOutOfRangeException(nameof(status), status, "A server error status is 500 to 599."),
        };

        /// <summary>
        /// The endpoint answers (a submit creates its task), then the response headers are held back for <paramref name="delay"/>:
        /// a client that times out first aborts, but the task exists.
        /// </summary>
        public static SimulatedFault SlowAfterAccepting(TimeSpan delay) => new(SimulatedFaultKind.SlowAfterAccepting)
        {
            Delay = NotNegative(delay),
        };

        /// <summary>
        /// The normal answer (a submit creates its task) with its headers (the full <c>Content-Length</c>) and the first half
        /// of its body sent at once, and the rest only after <paramref name="delay"/>: a client whose timeout covers only the
        /// headers hangs reading the body.
        /// </summary>
        public static SimulatedFault SlowBody(TimeSpan delay) => new(SimulatedFaultKind.SlowBody)
        {
            Delay = NotNegative(delay),
        };

        public override string ToString() => Kind switch
        {
            SimulatedFaultKind.RateLimited or SimulatedFaultKind.ServiceUnavailable =>
                $"{Kind}({StatusCode}, Retry-After {(RetryAfter is { } r ? r + (RetryAfterAsDate ? " as date" : string.Empty) : "none")}"
                + $"{(RetryAfterMs is { } ms ? ", retry-after-ms " + ms : string.Empty)})",
            SimulatedFaultKind.ServerError or SimulatedFaultKind.ServerErrorAfterAccepting => $"{Kind}({StatusCode})",
            SimulatedFaultKind.Slow or SimulatedFaultKind.SlowAfterAccepting or SimulatedFaultKind.SlowBody => $"{Kind}({Delay})",
            SimulatedFaultKind.Status => $"{Kind}({TaskStatus})",
            _ => Kind.ToString(),
        };

        private static TimeSpan? NotNegative(TimeSpan? value, string name) =>
            value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(name, value, "A retry delay cannot be negative.") : value;

        private static TimeSpan NotNegative(TimeSpan delay) =>
            delay >= TimeSpan.Zero ? delay : throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay cannot be negative.");
    }
}
