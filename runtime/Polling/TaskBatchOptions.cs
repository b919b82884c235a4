using System.Threading.RateLimiting;

namespace YEScale.Toolkit.Polling
{
    /// <summary>Limits shared by all the tasks of one batch wait, so many tasks stay within an account's rate limit.</summary>
    public sealed class TaskBatchOptions
    {
        /// <summary>How each task is polled. Default: the client's <see cref="ApiClientOptions.TaskWait"/>.</summary>
        public TaskWaitOptions? Wait { get; set; }

        /// <summary>At most this many polls in any second across the batch (with a margin for network jitter). Default: 10. Ignored when <see cref="RateLimiter"/> is set.</summary>
        public int RequestsPerSecond { get; set; } = 10;

        /// <summary>At most this many polls in flight at once. Default: 8.</summary>
        public int MaxConcurrentRequests { get; set; } = 8;

        /// <summary>
        /// A limiter to share between batches (or with other code calling the same account); each poll acquires one
        /// permit. The batch does not dispose it.
        /// </summary>
        public RateLimiter? RateLimiter { get; set; }
    }
}
