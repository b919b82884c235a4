using System;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli
{
    /// <summary>
    /// Keeps the tool's requests within an account's limits however many tasks it follows: at most so many requests
    /// per second (the toolkit's batch limiter) and so many in flight. Each watch polls on its own schedule, so
    /// without this a `resume` of fifty tasks would send fifty requests at once and draw 429s.
    /// </summary>
    internal sealed class ThrottlingHandler : DelegatingHandler
    {
        private readonly RateLimiter _rate;
        private readonly SemaphoreSlim _slots;

        public ThrottlingHandler(HttpMessageHandler inner, int requestsPerSecond, int maxConcurrentRequests)
            : base(inner)
        {
            _rate = TaskPoller.CreateRateLimiter(requestsPerSecond);
            _slots = new SemaphoreSlim(maxConcurrentRequests);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The slot first, then the permit: a permit is spent only when the request can go out at once.
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var lease = await _rate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                if (!lease.IsAcquired)
                {
                    throw new InvalidOperationException("The tool's own rate limiter refused a request.");
                }

                // Released when the headers are in: a long download does not hold a slot while its body streams.
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _rate.Dispose();
                _slots.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
