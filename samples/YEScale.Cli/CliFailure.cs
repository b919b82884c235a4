using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using YEScale.Toolkit;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli
{
    /// <summary>One failure as the user sees it: the exit code, a stable kind for --json, what happened and what to do.</summary>
    internal sealed record CliFailure(int ExitCode, string Kind, string Message, string? Hint)
    {
        /// <summary>The message without the task id, for a row or line that already shows it.</summary>
        public string Summary { get; init; } = Message;

        /// <summary>The task the failure is about, when it is about one; its hint names it.</summary>
        public string? TaskId { get; init; }

        /// <summary>The hint for several tasks that failed the same way: the one task id it names becomes all of them.</summary>
        public string? HintFor(IReadOnlyCollection<string> taskIds) =>
            Hint is null || TaskId is null || taskIds.Count <= 1 ? Hint : Hint.Replace(TaskId, string.Join(' ', taskIds), StringComparison.Ordinal);

        /// <summary>What the tool was doing, so a message can name the address, the key's source or the journal.</summary>
        internal sealed record Context(Uri BaseAddress, bool HasKey, string? JournalPath);

        public static CliFailure Usage(string message) =>
            new(ExitCodes.Usage, "usage", message, "Run 'yescale --help' for the commands and options.");

        public static CliFailure Interrupted(string message, string? hint) =>
            new(ExitCodes.Cancelled, "interrupted", message, hint);

        /// <summary>Sorts an exception into its exit code and explains it. Never includes the API key.</summary>
        public static CliFailure Describe(Exception exception, Context context)
        {
            switch (exception)
            {
                case UsageException usage:
                    return Usage(usage.Message);

                case TaskFailedException failed:
                    return new(
                        ExitCodes.TaskFailed,
                        "task_failed",
                        $"Task {failed.TaskId} ended '{failed.Status}' at YEScale{ReasonOf(failed)}",
                        "It has no video. Change the prompt or images if the reason points at them, and submit a new task.")
                    {
                        TaskId = failed.TaskId,
                        Summary = ReasonOf(failed).TrimStart(':', ' ', '.') is { Length: > 0 } reason ? reason : $"ended '{failed.Status}'",
                    };

                case TaskTimeoutException timeout:
                    return new(
                        ExitCodes.Timeout,
                        "timeout",
                        $"Task {timeout.TaskId} was still '{timeout.LastStatus ?? "unknown"}' after {timeout.Elapsed.TotalSeconds:0.#} s, when --timeout ran out.",
                        $"The task goes on at YEScale. Wait again later with 'yescale wait {timeout.TaskId}' (or 'yescale resume'), or allow longer with --timeout SECONDS.")
                    {
                        TaskId = timeout.TaskId,
                        Summary = $"still '{timeout.LastStatus ?? "unknown"}' when --timeout ran out",
                    };

                case TaskPollingException polling when IsNetwork(polling.InnerException):
                    return new(
                        ExitCodes.Network,
                        "network",
                        $"Lost contact with YEScale at {Show(context.BaseAddress)} while waiting for task {polling.TaskId}: {polling.Failures} polls in a row failed; the last with: {NetworkReason(polling.InnerException!)}",
                        $"The task goes on at YEScale. Check the network, then wait again with 'yescale wait {polling.TaskId}'.")
                    {
                        TaskId = polling.TaskId,
                        Summary = "lost contact with YEScale: " + NetworkReason(polling.InnerException!),
                    };

                case TaskPollingException polling:
                    return new(
                        ExitCodes.ApiError,
                        "api_error",
                        $"YEScale kept failing while waiting for task {polling.TaskId}: {polling.Failures} polls in a row failed; the last with: {(polling.InnerException is ApiException last ? StatusText(last) : polling.InnerException?.Message)}",
                        $"The task goes on at YEScale. Try again in a while with 'yescale wait {polling.TaskId}'.")
                    {
                        TaskId = polling.TaskId,
                        Summary = $"YEScale kept failing ({polling.Failures} polls in a row)",
                    };

                case TaskJournalException journal:
                    return new(
                        ExitCodes.ApiError,
                        "journal",
                        $"Task {journal.TaskId} was submitted, but it could not be recorded in the task journal{(context.JournalPath is null ? string.Empty : " " + context.JournalPath)}: {journal.InnerException?.Message}",
                        $"The task runs (and is billed): keep its id and follow it with 'yescale wait {journal.TaskId}'. Check that the journal file is writable, or choose another with --journal FILE.")
                    {
                        TaskId = journal.TaskId,
                    };

                case ApiException { Status: 401 or 403 } api:
                    return new(
                        ExitCodes.Unauthorized,
                        "unauthorized",
                        $"YEScale refused the API key ({StatusText(api)}).",
                        context.HasKey
                            ? "Check that the key is complete and still active in your YEScale dashboard, then pass it with --key KEY or set YESCALE_API_KEY."
                            : "No API key was given: pass --key KEY or set YESCALE_API_KEY.");

                case ApiException { Status: 404 } api when api.TaskId != null:
                    return new(
                        ExitCodes.ApiError,
                        "not_found",
                        $"YEScale has no task '{api.TaskId}' ({StatusText(api)}).",
                        "Check the id (it looks like cgt-20250702113430-abcde). YEScale keeps tasks for 7 days.")
                    {
                        TaskId = api.TaskId,
                        Summary = "no such task at YEScale",
                    };

                case ApiException { Status: 429 } api:
                    return new(
                        ExitCodes.ApiError,
                        "rate_limited",
                        $"YEScale's rate limit was reached ({StatusText(api)}).",
                        "Wait a little and try again; submit fewer tasks at once.");

                case ApiException { Status: >= 500 } api:
                    return new(
                        ExitCodes.ApiError,
                        "server_error",
                        $"YEScale had a server error ({StatusText(api)}) on {api.RequestMethod} {api.RequestPath}.",
                        "This is usually temporary: try again in a while.");

                case ApiException { Status: >= 400 } api:
                    return new(
                        ExitCodes.ApiError,
                        "rejected",
                        $"YEScale rejected the request ({StatusText(api)}) on {api.RequestMethod} {api.RequestPath}.",
                        api.Status == 404
                            ? $"Check the address {Show(context.BaseAddress)} (--base-url or YESCALE_BASE_URL)."
                            : "Check the prompt and options ('yescale --help').");

                case ApiException api:
                    return new(
                        ExitCodes.ApiError,
                        "api_error",
                        $"YEScale's answer could not be used: {api.Message}",
                        $"Check that {Show(context.BaseAddress)} is the YEScale API (--base-url or YESCALE_BASE_URL).");

                case var network when IsNetwork(network):
                    return new(
                        ExitCodes.Network,
                        "network",
                        $"Could not reach YEScale at {Show(context.BaseAddress)}: {NetworkReason(network)}",
                        "Check the network connection and the address (--base-url or YESCALE_BASE_URL).");

                case IOException or UnauthorizedAccessException:
                    return new(ExitCodes.ApiError, "io", exception.Message, "Check the path and its permissions.");

                default:
                    return new(ExitCodes.ApiError, "error", exception.Message, null);
            }
        }

        /// <summary>Transport failures: nothing usable came back from the server.</summary>
        private static bool IsNetwork(Exception? exception) => exception switch
        {
            HttpRequestException => true,
            SocketException or AuthenticationException => true,

            // HttpClient reports its own timeout as a cancellation wrapping a TimeoutException.
            OperationCanceledException { InnerException: TimeoutException } => true,
            _ => false,
        };

        private static string NetworkReason(Exception exception) => exception switch
        {
            OperationCanceledException => "no answer in time.",
            HttpRequestException { InnerException: SocketException socket } => socket.Message + ".",
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } http => "the host name could not be resolved (" + http.Message + ").",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } http => "the TLS handshake failed (" + http.Message + ").",
            _ => exception.Message,
        };

        private static string ReasonOf(TaskFailedException failed)
        {
            // The spec's /error is an object; the typed snapshot gives its parts without parsing JSON text.
            if (failed is TaskFailedException<SeedanceGeneration> { Snapshot.Error: { } error } && (error.Message ?? error.Code) is { } text)
            {
                return ": " + text.TrimEnd('.') + (error.Code != null && error.Message != null ? $" ({error.Code})." : ".");
            }

            return string.IsNullOrEmpty(failed.Error) ? "." : ": " + failed.Error;
        }

        /// <summary>"HTTP 401 Unauthorized: invalid_api_key, Invalid token": the status and what the body says, never the request.</summary>
        private static string StatusText(ApiException api)
        {
            var text = $"HTTP {api.Status}" + (string.IsNullOrEmpty(api.ReasonPhrase) ? string.Empty : " " + api.ReasonPhrase);
            var detail = string.Join(", ", new[] { api.ErrorCode, api.ErrorMessage }.Where(part => !string.IsNullOrEmpty(part)).Distinct(StringComparer.Ordinal));
            return detail.Length == 0 ? text : text + ": " + detail;
        }

        /// <summary>The address without user info or query, which could hold credentials.</summary>
        internal static string Show(Uri address) =>
            new UriBuilder(address) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri.ToString();
    }
}
