using System;
using System.Globalization;

namespace YEScale.Toolkit.Polling
{
    /// <summary>Reads progress as a fraction from 0 to 1, whatever form a model reports it in: <c>45%</c>, <c>45</c>, <c>0.45</c>.</summary>
    public static class TaskProgress
    {
        /// <summary>
        /// The fraction done, or null when <paramref name="reported"/> holds no number. A value with a percent sign, or
        /// above 1, is a percentage; 1 and below is a fraction already. The result is clamped to 0..1.
        /// </summary>
        public static double? ToFraction(string? reported)
        {
            if (reported is null)
            {
                return null;
            }

            var text = reported.Trim();
            var percent = text.EndsWith("%", StringComparison.Ordinal);
            if (percent)
            {
                text = text.Substring(0, text.Length - 1).TrimEnd();
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value))
            {
                return null;
            }

            if (percent || value > 1)
            {
                value /= 100;
            }

            return value < 0 ? 0 : value > 1 ? 1 : value;
        }
    }
}
