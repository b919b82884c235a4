using System;

namespace YEScale.Simulator
{
    /// <summary>How the simulated service behaves. Read on every request, so a test may change it while the simulator runs.</summary>
    public sealed class SimulatorOptions
    {
        /// <summary>The key clients must send as <c>Authorization: Bearer</c>; null accepts any request.</summary>
        public string? ApiKey { get; set; }

        /// <summary>How long a new task stays <c>queued</c>.</summary>
        public TimeSpan QueuedFor { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>How long a task stays <c>running</c> before it ends.</summary>
        public TimeSpan RunningFor { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>A task whose request has a string containing this text ends with a failure word instead of a success one.</summary>
        public string FailWhenPromptContains { get; set; } = "[fail]";

        /// <summary>
        /// The status word a failing task ends with, such as <c>failed</c>, <c>cancelled</c> or <c>expired</c>, on routes whose
        /// <c>failed</c> list has it; other routes end with the first word of their list.
        /// </summary>
        public string FailureStatus { get; set; } = "failed";

        /// <summary>Random faults on the task endpoints; all off by default.</summary>
        public FaultOptions Faults { get; set; } = new();

        /// <summary>Seeds the random faults and failures so a run can be repeated; read once, when the simulator is created.</summary>
        public int? Seed { get; set; }

        /// <summary>
        /// When set, a task-endpoint request beyond this many admitted in the last second answers 429 with <c>Retry-After</c>,
        /// so a test can see whether a client stays under the limit.
        /// </summary>
        public int? RequestsPerSecondLimit { get; set; }

        /// <summary>
        /// The OpenAPI document (YAML or JSON) whose routes, examples and task extensions are simulated; null uses the YEScale
        /// spec embedded in the simulator. Read once, when the simulator is created.
        /// </summary>
        public string? SpecPath { get; set; }

        /// <summary>The wait between two chunks of a streamed chat completion (on the simulator's TimeProvider).</summary>
        public TimeSpan StreamChunkDelay { get; set; } = TimeSpan.FromMilliseconds(50);

        /// <summary>Throws when a setting is out of range.</summary>
        public void Validate()
        {
            if (QueuedFor < TimeSpan.Zero || RunningFor < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(QueuedFor), "QueuedFor and RunningFor cannot be negative.");
            }

            if (StreamChunkDelay < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(StreamChunkDelay), StreamChunkDelay, "StreamChunkDelay cannot be negative.");
            }

            if (string.IsNullOrEmpty(FailureStatus))
            {
                throw new ArgumentException("FailureStatus cannot be empty.", nameof(FailureStatus));
            }

            if (RequestsPerSecondLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(RequestsPerSecondLimit), RequestsPerSecondLimit, "RequestsPerSecondLimit must be at least 1.");
            }

            (Faults ?? throw new ArgumentNullException(nameof(Faults))).Validate();
        }
    }
}
