using System;
using System.Collections.Generic;
using System.Globalization;

namespace YEScale.Toolkit
{
    /// <summary>What a call's answer said besides its body: status, headers, the server's request id, and how many tries it took.</summary>
    public sealed class ApiResponse
    {
        /// <summary>Creates the record of an answer.</summary>
        public ApiResponse(int status, string? reasonPhrase, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, int attempts, TimeSpan elapsed)
        {
            Status = status;
            ReasonPhrase = reasonPhrase;
            Headers = headers ?? throw new ArgumentNullException(nameof(headers));
            Attempts = attempts;
            Elapsed = elapsed;
        }

        /// <summary>The HTTP status code.</summary>
        public int Status { get; }

        /// <summary>The reason phrase, if the server sent one.</summary>
        public string? ReasonPhrase { get; }

        /// <summary>Response and content headers, by name (ignoring case).</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

        /// <summary>How many tries the call took (1 when the first answered).</summary>
        public int Attempts { get; }

        /// <summary>Time from the first try to this answer's headers.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>The server's id for the request (<c>x-request-id</c>, <c>request-id</c> or <c>x-oneapi-request-id</c>), if it sent one.</summary>
        public string? RequestId => ApiHeaders.RequestId(Headers);

        /// <summary>Requests left in the current rate-limit window (<c>x-ratelimit-remaining-requests</c>), if the server says.</summary>
        public long? RateLimitRemaining => ApiHeaders.Number(Headers, "x-ratelimit-remaining-requests") ?? ApiHeaders.Number(Headers, "x-ratelimit-remaining");

        /// <summary>The first value of a header, or null.</summary>
        public string? GetHeader(string name) => ApiHeaders.First(Headers, name);

        /// <inheritdoc />
        public override string ToString()
            => Status.ToString(CultureInfo.InvariantCulture)
               + (string.IsNullOrEmpty(ReasonPhrase) ? string.Empty : " " + ReasonPhrase)
               + (RequestId is { } id ? ", request id " + id : string.Empty)
               + (Attempts > 1 ? ", after " + Attempts.ToString(CultureInfo.InvariantCulture) + " tries" : string.Empty);
    }

    /// <summary>Reads the headers every answer may carry.</summary>
    internal static class ApiHeaders
    {
        private static readonly string[] RequestIdNames = { "x-request-id", "request-id", "x-oneapi-request-id", "x-ms-request-id" };

        public static string? First(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name)
            => headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

        public static string? RequestId(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
        {
            foreach (var name in RequestIdNames)
            {
                if (First(headers, name) is { Length: > 0 } id)
                {
                    return id;
                }
            }

            return null;
        }

        public static long? Number(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name)
            => long.TryParse(First(headers, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
