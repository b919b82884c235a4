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

        /// <summary>How long a task stays <c>running</c> before it succeeds.</summary>
        public TimeSpan RunningFor { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Prompts containing this text end with <see cref="FailureStatus"/> instead of <c>succeeded</c>.</summary>
        public string FailWhenPromptContains { get; set; } = "[fail]";

        /// <summary>The status word a failing task ends with, such as <c>failed</c>, <c>cancelled</c> or <c>expired</c>.</summary>
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

        /// <summary>Throws when a setting is out of range.</summary>
        public void Validate()
        {
            if (QueuedFor < TimeSpan.Zero || RunningFor < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(QueuedFor), "QueuedFor and RunningFor cannot be negative.");
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
