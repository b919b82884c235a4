using System;
using System.Globalization;

namespace YEScale.Toolkit.Polling
{
    /// <summary>Reads a <c>Retry-After</c> header: delta-seconds or an HTTP-date (RFC 9110, section 10.2.3).</summary>
    public static class RetryAfter
    {
        /// <summary>
        /// The wait a failed answer asks for: OpenAI's <c>retry-after-ms</c> (milliseconds, fractions allowed) when it has
        /// one, else <c>Retry-After</c>; null when it asks for none.
        /// </summary>
        public static TimeSpan? Of(ApiException failure, DateTimeOffset now)
        {
            if (failure is null)
            {
                throw new ArgumentNullException(nameof(failure));
            }

            if (double.TryParse(failure.GetHeader("retry-after-ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
                && milliseconds >= 0 && milliseconds < int.MaxValue)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }

            return TryParse(failure.GetHeader("Retry-After"), now, out var delay) ? delay : null;
        }

        /// <summary>How long to wait from <paramref name="now"/>; false when the header is absent or unreadable. A date in the past means zero.</summary>
        public static bool TryParse(string? value, DateTimeOffset now, out TimeSpan delay)
        {
            delay = TimeSpan.Zero;
            if (string.IsNullOrWhiteSpace(value))
            {
                return false;
            }

            var text = value!.Trim();
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                delay = TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds - 1));
                return true;
            }

            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                delay = date > now ? date - now : TimeSpan.Zero;
                return true;
            }

            return false;
        }
    }
}
