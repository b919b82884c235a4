using System;

namespace YEScale.Simulator
{
    /// <summary>How the simulated service behaves.</summary>
    public sealed class SimulatorOptions
    {
        /// <summary>The key clients must send as <c>Authorization: Bearer</c>; null accepts any request.</summary>
        public string? ApiKey { get; set; }

        /// <summary>How long a new task stays <c>queued</c>.</summary>
        public TimeSpan QueuedFor { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>How long a task stays <c>running</c> before it succeeds.</summary>
        public TimeSpan RunningFor { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Prompts containing this text end <c>failed</c> instead of <c>succeeded</c>.</summary>
        public string FailWhenPromptContains { get; set; } = "[fail]";
    }
}
