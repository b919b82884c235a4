namespace YEScale.Cli
{
    /// <summary>What the tool's exit code says, one per kind of failure, so scripts can tell them apart.</summary>
    internal static class ExitCodes
    {
        public const int Success = 0;

        /// <summary>A task ended failed, cancelled or expired at YEScale.</summary>
        public const int TaskFailed = 1;

        /// <summary>The command line is wrong.</summary>
        public const int Usage = 2;

        /// <summary>YEScale refused the API key (401 or 403).</summary>
        public const int Unauthorized = 3;

        /// <summary>A task was still running when --timeout passed.</summary>
        public const int Timeout = 4;

        /// <summary>YEScale could not be reached (refused connection, DNS, TLS, no answer).</summary>
        public const int Network = 5;

        /// <summary>Any other error: YEScale answered with an error, or a local file could not be written.</summary>
        public const int ApiError = 6;

        /// <summary>Ctrl+C: 128 + SIGINT, as shells report it.</summary>
        public const int Cancelled = 130;

        public const string Table = """
            Exit codes:
              0    success
              1    a task failed (or was cancelled or expired) at YEScale
              2    usage: the command line is wrong
              3    the API key was refused (HTTP 401/403)
              4    timeout: a task was still running when --timeout passed
              5    network: YEScale could not be reached
              6    another error: YEScale answered with an error, or a file could not be written
              130  interrupted with Ctrl+C (the tasks go on)
            """;
    }
}
