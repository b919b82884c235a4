using System;
using System.Globalization;
using System.Linq;

namespace YEScale.Simulator.Tasks
{
    /// <summary>New task ids shaped like the one a submit example shows, so clients see ids of the familiar form.</summary>
    internal static class TaskIds
    {
        private const string Letters = "abcdefghijklmnopqrstuvwxyz0123456789";

        /// <summary>
        /// <c>cgt-20250702113430-gvkhb</c> gives <c>cgt-&lt;now&gt;-&lt;5 random&gt;</c> (the prefix up to the first '-'); a UUID a
        /// new UUID; an all-digit id random digits of its length; anything else (or no example) 24 random lowercase hex digits.
        /// </summary>
        public static string New(string? example, DateTimeOffset now)
        {
            // A UUID keeps its shape: a new UUID, in the example's case.
            if (Guid.TryParseExact(example, "D", out _))
            {
                var id = Guid.NewGuid().ToString("D");
                return example!.Any(char.IsAsciiLetterUpper) ? id.ToUpperInvariant() : id;
            }

            var dash = example?.IndexOf('-') ?? -1;
            if (dash > 0)
            {
                return example![..dash] + "-" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Random(Letters, 5);
            }

            if (example is { Length: >= 6 and <= 30 } && example.All(char.IsAsciiDigit))
            {
                return Random("123456789", 1) + Random("0123456789", example.Length - 1);
            }

            return Random("0123456789abcdef", 24);
        }

        private static string Random(string alphabet, int length) => string.Create(length, alphabet, (span, letters) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = letters[System.Random.Shared.Next(letters.Length)];
            }
        });
    }
}
