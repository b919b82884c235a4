namespace YEScale.Cli
{
    /// <summary>
    /// What the tool's exit code says, one per kind of failure, so scripts can tell them apart. The demo
    /// (samples/YEScale.Demo) uses the same numbers for the same meanings.
    /// </summary>
    internal static class ExitCodes
    {
        public const int Success = 0;

        /// <summary>A task ended failed, cancelled or expired at YEScale.</summary>
        public const int TaskFailed = 1;

        /// <summary>The command line is wrong (also: a submit id that the journal does not hold).</summary>
        public const int Usage = 2;

        /// <summary>YEScale refused the API key (401 or 403), or none was given.</summary>
        public const int Unauthorized = 3;

        /// <summary>A task was still running when --timeout passed; it goes on at YEScale.</summary>
        public const int Timeout = 4;

        /// <summary>YEScale could not be reached (refused connection, DNS, TLS): nothing was sent.</summary>
        public const int Network = 5;

        /// <summary>Any other error: YEScale answered with an error or an unusable answer, or a local file could not be written.</summary>
        public const int ApiError = 6;

        /// <summary>YEScale's rate limit (429) outlasted the retries, or asked for a longer wait than the tool sits out.</summary>
        public const int RateLimited = 7;

        /// <summary>The connection was lost after the request was sent: it may have been processed.</summary>
        public const int ConnectionLost = 8;

        /// <summary>YEScale did not answer within the request timeout (--request-timeout): the request may have been processed.</summary>
        public const int RequestTimeout = 9;

        /// <summary>
        /// A submit may have created a task: it was sent, its answer was lost, and it was not sent again (billed at most
        /// once). The journal holds it as outcome unknown; 'yescale resume' lists it, 'yescale resolve' settles it.
        /// </summary>
        public const int OutcomeUnknown = 10;

        /// <summary>Ctrl+C: 128 + SIGINT, as shells report it.</summary>
        public const int Cancelled = 130;

        public const string Table = """
            Exit codes:
              0    success
              1    a task failed (or was cancelled or expired) at YEScale
              2    usage: the command line is wrong
              3    the API key was refused (HTTP 401/403) or not given
              4    timeout: a task was still running when --timeout passed (it goes on)
              5    could not reach YEScale (refused, DNS, TLS): nothing was sent
              6    another error: YEScale answered with an error, or a file could not be written
              7    rate limited: YEScale's rate limit outlasted the retries
              8    connection lost after the request was sent: it may have been processed
              9    YEScale did not answer within --request-timeout: it may have been processed
              10   a submit may have created a task (outcome unknown): check it with 'yescale resume'
              130  interrupted with Ctrl+C (the tasks go on)
            """;
    }
}
