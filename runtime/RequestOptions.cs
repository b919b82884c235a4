using System;
using System.Collections.Generic;

namespace YEScale.Toolkit
{
    /// <summary>
    /// Settings for one call of a generated client, passed as its optional <c>requestOptions</c> argument: a timeout,
    /// extra headers and query, an idempotency key, a retry policy. After the call, <see cref="Response"/> holds the
    /// status and headers of the answer.
    /// </summary>
    public sealed class RequestOptions
    {
        private Dictionary<string, string>? _headers;
        private List<KeyValuePair<string, string>>? _query;

        /// <summary>This call's timeout for each try (headers and the whole body); null for <see cref="ApiClientOptions.Timeout"/>.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>For streaming calls, the longest wait between two events; null for <see cref="ApiClientOptions.StreamIdleTimeout"/>.</summary>
        public TimeSpan? StreamIdleTimeout { get; set; }

        /// <summary>This call's retry policy; null for <see cref="ApiClientOptions.Retry"/>. <see cref="RetryOptions.None"/> tries once.</summary>
        public RetryOptions? Retry { get; set; }

        /// <summary>
        /// Sent as the idempotency header (the one the OpenAPI document names, else <c>Idempotency-Key</c>). When the
        /// document says the server honours it, a non-idempotent call with a key may be repeated after any retriable failure.
        /// </summary>
        public string? IdempotencyKey { get; set; }

        /// <summary>Headers added to the request (they replace a header of the same name the client would send, except the key's).</summary>
        public IDictionary<string, string> Headers => _headers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Query parameters appended to the request URI.</summary>
        public IList<KeyValuePair<string, string>> Query => _query ??= new List<KeyValuePair<string, string>>();

        /// <summary>
        /// The answer of the last call made with these options: status, headers, request id, tries. Set when the answer
        /// arrives (also for failed calls); use one options object per call to read it.
        /// </summary>
        public ApiResponse? Response { get; internal set; }

        /// <summary>
        /// A token that cancels the call, besides the method's own <c>cancellationToken</c>. A token passed where the options
        /// go becomes this (see the conversion), so <c>CallAsync(body, token)</c> cancels as it reads.
        /// </summary>
        public System.Threading.CancellationToken CancellationToken { get; set; }

        /// <summary>
        /// Options that only cancel: lets a cancellation token be passed in the options' place, so calls written as
        /// <c>CallAsync(body, cancellationToken)</c> keep their meaning.
        /// </summary>
        public static implicit operator RequestOptions(System.Threading.CancellationToken cancellationToken)
            => new RequestOptions { CancellationToken = cancellationToken };

        /// <summary>False for a shared instance, whose <see cref="Response"/> many calls would overwrite at once.</summary>
        internal bool RecordsResponse { get; set; } = true;

        internal bool HasHeaders => _headers is { Count: > 0 };

        internal bool HasQuery => _query is { Count: > 0 };

        internal IEnumerable<KeyValuePair<string, string>> HeaderPairs => (IEnumerable<KeyValuePair<string, string>>?)_headers ?? Array.Empty<KeyValuePair<string, string>>();

        internal IEnumerable<KeyValuePair<string, string>> QueryPairs => (IEnumerable<KeyValuePair<string, string>>?)_query ?? Array.Empty<KeyValuePair<string, string>>();

        /// <inheritdoc />
        public override string ToString()
        {
            var parts = new List<string>();
            if (Timeout is { } timeout)
            {
                parts.Add("Timeout = " + timeout);
            }

            if (Retry != null)
            {
                parts.Add("Retry = " + Retry);
            }

            if (IdempotencyKey != null)
            {
                parts.Add("IdempotencyKey = " + IdempotencyKey);
            }

            if (HasHeaders)
            {
                // Names only: a header may carry a secret.
                parts.Add("Headers = " + string.Join(", ", _headers!.Keys));
            }

            return parts.Count == 0 ? "(defaults)" : string.Join("; ", parts);
        }
    }
}
