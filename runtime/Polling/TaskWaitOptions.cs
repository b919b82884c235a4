using System;

namespace YEScale.Toolkit.Polling
{
    /// <summary>
    /// How a wait polls a task: when it starts, how the interval grows, how long it may take, how many
    /// transient failures it rides out. Defaults suit video tasks that take tens of seconds to minutes.
    /// </summary>
    public sealed class TaskWaitOptions
    {
        /// <summary>Wait this long before the first poll. Default: none (a resumed task may be finished already).</summary>
        public TimeSpan FirstDelay { get; set; } = TimeSpan.Zero;

        /// <summary>The delay after the first poll. Default: 2 s.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Each delay is the previous one times this (1 keeps it fixed). Default: 1.5.</summary>
        public double BackoffFactor { get; set; } = 1.5;

        /// <summary>Delays never grow beyond this. Default: 30 s.</summary>
        public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Random spread added to each delay, as a fraction of it (0.1 = up to 10% longer), so that many waits do not
        /// poll in lockstep. Never makes a delay shorter, so a server's Retry-After is always honoured. Default: 0.1.
        /// </summary>
        public double Jitter { get; set; } = 0.1;

        /// <summary>Give up (with <see cref="TaskTimeoutException"/>) after this long; null waits forever. Default: 30 min.</summary>
        public TimeSpan? Timeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>
        /// How many transient failures in a row (5xx, 408, 429, timeouts, dropped connections, unreadable answers)
        /// a wait rides out before it gives up with <see cref="TaskPollingException"/>. Default: 8.
        /// </summary>
        public int MaxConsecutiveFailures { get; set; } = 8;

        /// <summary>A copy, so shared defaults are never changed by one caller.</summary>
        public TaskWaitOptions Clone() => (TaskWaitOptions)MemberwiseClone();

        internal void Validate()
        {
            if (FirstDelay < TimeSpan.Zero || Interval < TimeSpan.Zero || MaxInterval < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Interval), "Delays cannot be negative.");
            }

            if (BackoffFactor < 1 || double.IsNaN(BackoffFactor) || double.IsInfinity(BackoffFactor))
            {
                throw new ArgumentOutOfRangeException(nameof(BackoffFactor), "The backoff factor must be at least 1.");
            }

            if (Jitter < 0 || Jitter > 1 || double.IsNaN(Jitter))
            {
                throw new ArgumentOutOfRangeException(nameof(Jitter), "Jitter is a fraction between 0 and 1.");
            }

            if (Timeout is { } timeout && timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Timeout), "The timeout must be positive (or null for none).");
            }

            if (MaxConsecutiveFailures < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxConsecutiveFailures));
            }
        }
    }
}
