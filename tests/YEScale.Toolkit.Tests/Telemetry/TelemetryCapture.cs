using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using YEScale.Toolkit.Diagnostics;

namespace YEScale.Toolkit.Tests.Telemetry
{
    /// <summary>
    /// An OpenTelemetry SDK listening to the toolkit's source and meter, with in-memory exporters, and a parent span
    /// of the test's own: listeners are process-wide and other test classes run at the same time, so a test reads only
    /// the spans in its parent's trace (<see cref="Spans"/>) and the metric points it can tell are its own (by port).
    /// </summary>
    public sealed class TelemetryCapture : IDisposable
    {
        private static readonly ActivitySource TestSource = new("YEScale.Toolkit.Tests.Telemetry");

        private readonly List<Activity> _activities = new();
        private readonly List<MetricSnapshot> _metrics = new();
        private readonly TracerProvider _tracing;
        private readonly MeterProvider _meters;
        private readonly Activity _parent;
        private bool _flushed;

        public TelemetryCapture(string testName)
        {
            _tracing = Sdk.CreateTracerProviderBuilder()
                .AddSource(ToolkitTelemetry.ActivitySourceName, TestSource.Name)
                .AddInMemoryExporter(_activities)
                .Build()!;
            _meters = Sdk.CreateMeterProviderBuilder()
                .AddMeter(ToolkitTelemetry.MeterName)
                .AddInMemoryExporter(_metrics)
                .Build()!;
            _parent = TestSource.StartActivity(testName) ?? throw new InvalidOperationException("The test's source is not listened to.");
        }

        public ActivityTraceId TraceId => _parent.TraceId;

        /// <summary>The toolkit's spans in this test's trace (the SDK is flushed and shut down on first use), in the order they ended.</summary>
        public IReadOnlyList<Activity> Spans
        {
            get
            {
                Flush();
                return _activities.Where(a => a.TraceId == TraceId && a.Source.Name == ToolkitTelemetry.ActivitySourceName).ToList();
            }
        }

        /// <summary>Every toolkit span exported while this capture listened, from any test.</summary>
        public IReadOnlyList<Activity> AllSpans
        {
            get
            {
                Flush();
                return _activities.Where(a => a.Source.Name == ToolkitTelemetry.ActivitySourceName).ToList();
            }
        }

        /// <summary>The points of the metric named <paramref name="name"/>, each with its attributes, from its last export.</summary>
        public IReadOnlyList<(IReadOnlyDictionary<string, object?> Tags, MetricPoint Point)> Points(string name)
        {
            Flush();
            var snapshot = _metrics.LastOrDefault(m => m.Name == name);
            if (snapshot is null)
            {
                return Array.Empty<(IReadOnlyDictionary<string, object?>, MetricPoint)>();
            }

            return snapshot.MetricPoints.Select(point => ((IReadOnlyDictionary<string, object?>)TagsOf(point), point)).ToList();
        }

        /// <summary>The points of <paramref name="name"/> whose <c>server.port</c> is <paramref name="port"/>: this test's own server.</summary>
        public IReadOnlyList<(IReadOnlyDictionary<string, object?> Tags, MetricPoint Point)> PointsFor(string name, int port)
            => Points(name).Where(p => p.Tags.TryGetValue("server.port", out var value) && Convert.ToInt32(value) == port).ToList();

        /// <summary>Every metric name exported, for the test that no attribute anywhere carries a secret.</summary>
        public IEnumerable<string> MetricNames
        {
            get
            {
                Flush();
                return _metrics.Select(m => m.Name).Distinct().ToList();
            }
        }

        public static Dictionary<string, object?> TagsOf(MetricPoint point)
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            return tags;
        }

        private void Flush()
        {
            if (_flushed)
            {
                return;
            }

            _flushed = true;
            _parent.Stop();
            _tracing.ForceFlush();
            _meters.ForceFlush();

            // Shut down, so that no other test's span is added while this one reads the lists.
            _tracing.Dispose();
            _meters.Dispose();
        }

        public void Dispose()
        {
            Flush();
            _parent.Dispose();
        }
    }
}
