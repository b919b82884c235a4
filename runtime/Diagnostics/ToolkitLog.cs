using System;
using Microsoft.Extensions.Logging;

namespace YEScale.Toolkit.Diagnostics
{
    /// <summary>
    /// The toolkit's log messages, defined once with <see cref="LoggerMessage"/> (no boxing, no reflection). Paths are
    /// logged with any query-string key already replaced; headers and bodies are never logged.
    /// </summary>
    internal static class ToolkitLog
    {
        public const string RequestCategory = "YEScale.Toolkit.Http";
        public const string PollingCategory = "YEScale.Toolkit.Polling";

        private static readonly Action<ILogger, string, string, string, int, double, Exception?> RequestFinished =
            LoggerMessage.Define<string, string, string, int, double>(LogLevel.Information, new EventId(1, "RequestFinished"), "{OperationId}: {Method} {Path} answered {Status} in {ElapsedMs:0.0} ms");

        private static readonly Action<ILogger, string, string, string, double, Exception?> RequestFailed =
            LoggerMessage.Define<string, string, string, double>(LogLevel.Warning, new EventId(2, "RequestFailed"), "{OperationId}: {Method} {Path} failed after {ElapsedMs:0.0} ms");

        private static readonly Action<ILogger, string, string, string, int, double, string, Exception?> RequestRetry =
            LoggerMessage.Define<string, string, string, int, double, string>(LogLevel.Warning, new EventId(3, "RequestRetry"), "{OperationId}: {Method} {Path} try {Attempt} failed, next in {DelaySeconds:0.000} s: {Reason}");

        private static readonly Action<ILogger, string, string, string?, int, double, Exception?> TaskStatus =
            LoggerMessage.Define<string, string, string?, int, double>(LogLevel.Information, new EventId(10, "TaskStatus"), "Task {TaskId} ({Operation}) is {Status} after poll {Poll}, {ElapsedSeconds:0.0} s");

        private static readonly Action<ILogger, string, string, int, double, string, Exception?> TaskRetry =
            LoggerMessage.Define<string, string, int, double, string>(LogLevel.Warning, new EventId(11, "TaskRetry"), "Task {TaskId} ({Operation}): poll failed ({Failures} in a row), next in {DelaySeconds:0.0} s: {Reason}");

        public static void Finished(ILogger? logger, string operationId, string method, string path, int status, TimeSpan elapsed)
        {
            if (logger != null)
            {
                RequestFinished(logger, operationId, method, path, status, elapsed.TotalMilliseconds, null);
            }
        }

        public static void Failed(ILogger? logger, string operationId, string method, string path, TimeSpan elapsed, Exception exception)
        {
            if (logger != null)
            {
                RequestFailed(logger, operationId, method, path, elapsed.TotalMilliseconds, exception);
            }
        }

        public static void Retrying(ILogger? logger, string operationId, string method, string path, int attempt, TimeSpan delay, Exception reason)
        {
            if (logger != null)
            {
                // The exception's message only: it names status and path, never a header.
                RequestRetry(logger, operationId, method, path, attempt, delay.TotalSeconds, reason.Message, null);
            }
        }

        public static void Status(ILogger? logger, string taskId, string operation, string? status, int poll, TimeSpan elapsed)
        {
            if (logger != null)
            {
                TaskStatus(logger, taskId, operation, status, poll, elapsed.TotalSeconds, null);
            }
        }

        public static void Retry(ILogger? logger, string taskId, string operation, int failures, TimeSpan delay, Exception reason)
        {
            if (logger != null)
            {
                // The exception's message only: it names status and path, never a header.
                TaskRetry(logger, taskId, operation, failures, delay.TotalSeconds, reason.Message, null);
            }
        }
    }
}
