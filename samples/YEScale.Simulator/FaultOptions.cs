using System;

namespace YEScale.Simulator
{
    /// <summary>
    /// Random faults on the task endpoints (submit and query of every task route; never downloads or other operations). Each request draws once:
    /// the probabilities are tried in the order declared here, so each is exact while they sum to at most 1.
    /// </summary>
    public sealed class FaultOptions
    {
        /// <summary>Chance of a 429 with a JSON error body.</summary>
        public double RateLimitProbability { get; set; }

        /// <summary>The <c>Retry-After</c> sent with 429 and 503; null sends none (YEScale's relay sends 429 without one).</summary>
        public TimeSpan? RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Sends <c>Retry-After</c> as an HTTP-date (rounded up to a whole second) instead of delta-seconds.</summary>
        public bool RetryAfterAsDate { get; set; }

        /// <summary>The <c>retry-after-ms</c> (OpenAI's header) sent with 429 and 503 besides <see cref="RetryAfter"/>; null (the default) sends none.</summary>
        public TimeSpan? RetryAfterMs { get; set; }

        /// <summary>Chance of a 500 <c>upstream_error</c>.</summary>
        public double ServerErrorProbability { get; set; }

        /// <summary>Chance of a 503 with <see cref="RetryAfter"/>.</summary>
        public double ServiceUnavailableProbability { get; set; }

        /// <summary>Chance of answering normally, but only after <see cref="SlowDelay"/>.</summary>
        public double SlowProbability { get; set; }

        /// <summary>How long a slow answer waits, before or after accepting, or a slow body's second half (measured on the simulator's TimeProvider).</summary>
        public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Chance of aborting the connection without any response.</summary>
        public double DropConnectionProbability { get; set; }

        /// <summary>Chance of a response whose JSON body is cut short (the request itself is carried out).</summary>
        public double MalformedJsonProbability { get; set; }

        /// <summary>Chance of carrying out the request (a submit creates its task), then aborting the connection without a response.</summary>
        public double DropAfterAcceptingProbability { get; set; }

        /// <summary>Chance of carrying out the request (a submit creates its task), then answering 500 <c>upstream_error</c> instead.</summary>
        public double ServerErrorAfterAcceptingProbability { get; set; }

        /// <summary>Chance of carrying out the request (a submit creates its task), then holding the response back for <see cref="SlowDelay"/>.</summary>
        public double SlowAfterAcceptingProbability { get; set; }

        /// <summary>Chance of sending the headers and half the body at once, and the rest after <see cref="SlowDelay"/>.</summary>
        public double SlowBodyProbability { get; set; }

        /// <summary>Chance, decided at submit, that a task ends with <see cref="SimulatorOptions.FailureStatus"/>.</summary>
        public double FailureProbability { get; set; }

        /// <summary>Throws when a probability is outside [0, 1] or a delay is negative.</summary>
        public void Validate()
        {
            Probability(RateLimitProbability, nameof(RateLimitProbability));
            Probability(ServerErrorProbability, nameof(ServerErrorProbability));
            Probability(ServiceUnavailableProbability, nameof(ServiceUnavailableProbability));
            Probability(SlowProbability, nameof(SlowProbability));
            Probability(DropConnectionProbability, nameof(DropConnectionProbability));
            Probability(MalformedJsonProbability, nameof(MalformedJsonProbability));
            Probability(DropAfterAcceptingProbability, nameof(DropAfterAcceptingProbability));
            Probability(ServerErrorAfterAcceptingProbability, nameof(ServerErrorAfterAcceptingProbability));
            Probability(SlowAfterAcceptingProbability, nameof(SlowAfterAcceptingProbability));
            Probability(SlowBodyProbability, nameof(SlowBodyProbability));
            Probability(FailureProbability, nameof(FailureProbability));
            if (RetryAfter < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(RetryAfter), RetryAfter, "Faults:RetryAfter cannot be negative.");
            }

            if (RetryAfterMs < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(RetryAfterMs), RetryAfterMs, "Faults:RetryAfterMs cannot be negative.");
            }

            if (SlowDelay < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(SlowDelay), SlowDelay, "Faults:SlowDelay cannot be negative.");
            }
        }

        private static void Probability(double value, string name)
        {
            // The negated form also rejects NaN.
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(name, value, $"Faults:{name} must be between 0 and 1.");
            }
        }
    }
}
