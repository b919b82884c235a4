using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Polling
{
    /// <summary>The limits the polls of one batch share: a concurrency limit, a rate limiter and the server's own word on its limit.</summary>
    internal sealed class BatchGate : IDisposable
    {
        private readonly SemaphoreSlim _slots;
        private readonly RateLimiter _limiter;
        private readonly RateLimiter? _ownLimiter;
        private readonly Http.RateLimitGate? _serverLimits;

        public BatchGate(TaskBatchOptions options, Http.RateLimitGate? serverLimits)
        {
            _ownLimiter = options.RateLimiter is null ? TaskPoller.CreateRateLimiter(options.RequestsPerSecond) : null;
            _limiter = options.RateLimiter ?? _ownLimiter!;
            _slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentRequests));
            _serverLimits = serverLimits;
        }

        /// <summary>Runs one poll of task <paramref name="taskId"/> within the limits.</summary>
        public async Task<T> RunAsync<T>(string taskId, string operation, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
        {
            // The slot first, then the permit, then straight to the wire: permits are never spent waiting.
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // The server's own word on its limit (a 429's Retry-After, x-ratelimit-remaining 0) holds every poll back.
                if (_serverLimits != null)
                {
                    await _serverLimits.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                using var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                if (!lease.IsAcquired)
                {
                    throw new TaskPollingException(taskId, operation, 1, new InvalidOperationException("The rate limiter refused a permit."));
                }

                return await fetch(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }

        public void Dispose() => _ownLimiter?.Dispose();
    }
}
