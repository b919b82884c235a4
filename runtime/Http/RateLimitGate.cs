using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Http
{
    /// <summary>
    /// What the server last said about its rate limit, shared by everything sent through one pipeline: a 429 with
    /// <c>Retry-After</c>, or <c>x-ratelimit-remaining-requests: 0</c> with its reset, pauses the batch waiter's polls
    /// until the window reopens instead of letting each one find out with a 429 of its own.
    /// </summary>
    public sealed class RateLimitGate
    {
        private long _closedUntilTicks;

        /// <summary>When sending may resume (UTC); in the past when the gate is open.</summary>
        public DateTimeOffset ClosedUntil => new DateTimeOffset(Interlocked.Read(ref _closedUntilTicks), TimeSpan.Zero);

        /// <summary>Keeps the gate closed until <paramref name="until"/>, unless it is already closed for longer.</summary>
        public void CloseUntil(DateTimeOffset until)
        {
            var ticks = until.UtcTicks;
            long seen;
            while ((seen = Interlocked.Read(ref _closedUntilTicks)) < ticks)
            {
                if (Interlocked.CompareExchange(ref _closedUntilTicks, ticks, seen) == seen)
                {
                    return;
                }
            }
        }

        /// <summary>Waits until the gate is open.</summary>
        public async Task WaitAsync(CancellationToken cancellationToken = default)
        {
            while (true)
            {
                var wait = ClosedUntil - DateTimeOffset.UtcNow;
                if (wait <= TimeSpan.Zero)
                {
                    return;
                }

                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Reads a reset such as OpenAI's <c>x-ratelimit-reset-requests</c>: seconds (<c>1</c>, <c>0.5</c>) or a Go
        /// duration (<c>1s</c>, <c>6m0s</c>, <c>120ms</c>).
        /// </summary>
        public static bool TryParseReset(string? text, out TimeSpan reset)
        {
            reset = TimeSpan.Zero;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            var value = text!.Trim();
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                reset = TimeSpan.FromSeconds(Math.Max(0, seconds));
                return seconds >= 0;
            }

            double total = 0;
            var i = 0;
            while (i < value.Length)
            {
                var start = i;
                while (i < value.Length && (char.IsDigit(value[i]) || value[i] == '.'))
                {
                    i++;
                }

                if (start == i || !double.TryParse(value.Substring(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
                {
                    return false;
                }

                var unitStart = i;
                while (i < value.Length && char.IsLetter(value[i]))
                {
                    i++;
                }

                switch (value.Substring(unitStart, i - unitStart))
                {
                    case "h": total += amount * 3600; break;
                    case "m": total += amount * 60; break;
                    case "s": total += amount; break;
                    case "ms": total += amount / 1000; break;
                    default: return false;
                }
            }

            reset = TimeSpan.FromSeconds(total);
            return true;
        }
    }
}
