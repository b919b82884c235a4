using System;

namespace YEScale.Toolkit
{
    /// <summary>
    /// How a generated client repeats a call that failed in a way a later try may not: 408, 429 and 5xx answers,
    /// dropped connections and timeouts. Backoff is exponential with full jitter, and a <c>Retry-After</c> or
    /// <c>retry-after-ms</c> header is a floor under it.
    /// </summary>
    /// <remarks>
    /// A request that is not idempotent (POST, PATCH: every task submit and every chat call) is repeated only when the
    /// failure proves the server did not process it: the connection was refused, the host name did not resolve or TLS
    /// failed before the request was written, or the server answered 429 (a refusal). It is also repeated when it
    /// carries an idempotency key the OpenAPI document says the server honours. Any other failure of such a request
    /// (a reset after it was written, a 5xx, a timeout after sending) is not repeated: the call throws, and for a task
    /// submit it throws <see cref="TaskMayExistException"/>.
    /// </remarks>
    public sealed class RetryOptions
    {
        /// <summary>Tries in all, the first included (4: the first and up to three repeats). 1 turns retrying off.</summary>
        public int MaxAttempts { get; set; } = 4;

        /// <summary>The backoff before the first repeat: the wait is drawn at random below <c>InitialDelay * 2^(n-1)</c>.</summary>
        public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(0.5);

        /// <summary>The cap on the backoff (a server's Retry-After may ask for more, up to <see cref="MaxRetryAfter"/>).</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The longest server-requested wait (<c>Retry-After</c>, <c>retry-after-ms</c>) the client sits out; a server that
        /// asks for more gets its answer passed to the caller at once, as an <see cref="ApiException"/> with the header.
        /// </summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The bound on a whole call: every try and every wait between them. A repeat that could not start before it is not
        /// made, and a try is cut when it is reached. Null for no bound beyond <see cref="MaxAttempts"/> tries of the timeout.
        /// </summary>
        public TimeSpan? Deadline { get; set; } = TimeSpan.FromMinutes(20);

        /// <summary>
        /// Also repeat non-idempotent calls that are not task submits (chat, embeddings, image generation) after failures
        /// that do not prove the server did nothing: 5xx answers, resets after sending, timeouts. Off by default, because
        /// each such repeat may be billed. Task submits are never repeated without proof, whatever this says.
        /// </summary>
        public bool RepeatUnsafeRequests { get; set; }

        /// <summary>No retrying: every call is tried once.</summary>
        public static RetryOptions None => new RetryOptions { MaxAttempts = 1 };

        /// <summary>A copy, for changing one call's policy without touching the client's.</summary>
        public RetryOptions Clone() => (RetryOptions)MemberwiseClone();

        internal void Validate()
        {
            if (MaxAttempts < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "At least one attempt is needed; 1 turns retrying off.");
            }

            if (InitialDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero || MaxRetryAfter < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(InitialDelay), "Retry delays cannot be negative.");
            }

            if (Deadline is { } deadline && deadline <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Deadline), deadline, "The deadline must be positive, or null for none.");
            }
        }

        /// <inheritdoc />
        public override string ToString()
            => MaxAttempts == 1
                ? "no retries"
                : $"up to {MaxAttempts} attempts, backoff {InitialDelay.TotalSeconds:0.###} s to {MaxDelay.TotalSeconds:0.###} s, Retry-After up to {MaxRetryAfter.TotalSeconds:0.###} s, deadline {(Deadline is { } d ? d.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s" : "none")}{(RepeatUnsafeRequests ? ", repeats unsafe requests" : string.Empty)}";
    }
}
