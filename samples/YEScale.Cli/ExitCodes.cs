namespace YEScale.Cli
{
    /// <summary>What the tool's exit code says, one per kind of failure, so scripts can tell them apart.</summary>
    internal static class ExitCodes
    {
        public const int Success = 0;
        public const int TaskFailed = 1;
        public const int Usage = 2;
        public const int Unauthorized = 3;
        public const int Timeout = 4;
        public const int Network = 5;
        public const int ApiError = 6;
        public const int Cancelled = 130;
    }
}
