using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace YEScale.Toolkit.Diagnostics
{
    /// <summary>
    /// The names OpenTelemetry listens to: every generated client's calls and task waits are traced by one
    /// <see cref="ActivitySource"/> and measured by one <see cref="Meter"/>, both named <c>YEScale.Toolkit</c>.
    /// </summary>
    /// <example><code>
    /// services.AddOpenTelemetry()
    ///     .WithTracing(tracing => tracing.AddSource(ToolkitTelemetry.ActivitySourceName))
    ///     .WithMetrics(metrics => metrics.AddMeter(ToolkitTelemetry.MeterName));
    /// </code></example>
    public static class ToolkitTelemetry
    {
        /// <summary>The name of the toolkit's <see cref="ActivitySource"/>: a client span per call, an internal span per task wait.</summary>
        public const string ActivitySourceName = "YEScale.Toolkit";

        /// <summary>The name of the toolkit's <see cref="Meter"/>: request, retry, poll, task and token measurements.</summary>
        public const string MeterName = "YEScale.Toolkit";

        internal static readonly ActivitySource Source = new ActivitySource(ActivitySourceName);

        internal static readonly Meter Meter = new Meter(MeterName);

        /// <summary>Each try of a call, as HTTP clients measure it.</summary>
        internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
            "http.client.request.duration", "s", "Duration of HTTP client requests.");

        /// <summary>Tries repeated by the pipeline after a transient failure.</summary>
        internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
            "yescale.client.request.retries", "{retry}", "Tries of a call repeated after a transient failure.");

        /// <summary>Every fetch a task wait makes, answered or failed.</summary>
        internal static readonly Counter<long> Polls = Meter.CreateCounter<long>(
            "yescale.task.polls", "{poll}", "Fetches of a task made while waiting for it.");

        /// <summary>A task wait, from the submit's answer (or the wait's start) to its end.</summary>
        internal static readonly Histogram<double> TaskDuration = Meter.CreateHistogram<double>(
            "yescale.task.duration", "s", "Duration of task waits, from the submit when it is known.");

        /// <summary>Tokens a chat or embeddings call used, by type (input, output).</summary>
        internal static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
            "gen_ai.client.token.usage", "{token}", "Number of input and output tokens used.");

        /// <summary>A chat or embeddings call, all its tries, to the end of its stream.</summary>
        internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
            "gen_ai.client.operation.duration", "s", "GenAI operation duration.");

        /// <summary>True when anything would see a call's span or measurements; calls skip all telemetry work otherwise.</summary>
        internal static bool CallsObserved
            => Source.HasListeners() || RequestDuration.Enabled || Retries.Enabled || TokenUsage.Enabled || OperationDuration.Enabled;

        /// <summary>True when anything would see a task wait's span or measurements.</summary>
        internal static bool WaitsObserved => Source.HasListeners() || Polls.Enabled || TaskDuration.Enabled;
    }
}
