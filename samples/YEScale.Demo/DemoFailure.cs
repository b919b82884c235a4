using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using YEScale.Cli;
using YEScale.Toolkit;
using YEScale.Toolkit.Polling;

namespace YEScale.Demo
{
    /// <summary>
    /// What went wrong, as one line for standard error and an exit code: the same codes and meanings as the
    /// <c>yescale</c> tool (samples/YEScale.Cli/ExitCodes.cs, compiled into this project). One case per kind of failure
    /// the toolkit reports, most specific first.
    /// </summary>
    internal static class DemoFailure
    {
        /// <summary>Sorts <paramref name="exception"/>; <paramref name="taskId"/> is the task being waited for, if one was submitted.</summary>
        public static (int ExitCode, string Line) Describe(Exception exception, Uri? address, string? taskId)
        {
            var where = address is null ? "YEScale" : "YEScale at " + Show(address);
            var waitAgain = taskId is null ? string.Empty : $" The task goes on at YEScale: wait for it again with --task-id {taskId}.";
            return exception switch
            {
                TaskFailedException failed => (ExitCodes.TaskFailed,
                    $"Task {failed.TaskId} ended '{failed.Status}' at YEScale{ReasonOf(failed)} It has no video: change the prompt and submit a new task."),

                TaskTimeoutException timeout => (ExitCodes.Timeout,
                    $"Task {timeout.TaskId} was still '{timeout.LastStatus ?? "unknown"}' after {timeout.Elapsed.TotalSeconds:0.#} s. It goes on at YEScale: wait for it again with --task-id {timeout.TaskId} (or 'yescale wait {timeout.TaskId}')."),

                TaskPollingException polling => (CodeOf(polling.InnerException),
                    $"Lost contact with {where} while waiting for task {polling.TaskId}: {polling.Failures} polls in a row failed; the last: {(polling.InnerException is ApiException last ? CauseOf(last) : polling.InnerException?.Message.TrimEnd('.'))}.{waitAgain}"),

                // Before every other ApiException: it is one, with the status of the failure it wraps (a 500, say).
                TaskMayExistException mayExist => (ExitCodes.OutcomeUnknown,
                    $"The submit may have created a task (billed at most once; it was not sent again): {CauseOf(mayExist.InnerException as ApiException ?? mayExist)}. "
                    + (mayExist.SubmitId is { } submitId
                        ? $"The journal holds it as submit {submitId}: check it with 'yescale resume' before submitting again."
                        : $"Look for it in your YEScale dashboard (sent {mayExist.Request.SentAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z) before submitting again.")),

                ApiConnectionException { RequestSent: false } unreachable => (ExitCodes.Network,
                    $"Could not reach {where}{Tries(unreachable)}: {Transport(unreachable)}. Nothing was sent. Check the network connection and the address (--base-url or YESCALE_BASE_URL)."),

                ApiConnectionException lost => (ExitCodes.ConnectionLost,
                    $"The connection to {where} was lost during {RequestOf(lost)}{Tries(lost)}: {Transport(lost)}; the request was sent and may have been processed.{(waitAgain.Length > 0 ? waitAgain : " Check the network, then try again.")}"),

                ApiTimeoutException late => (ExitCodes.RequestTimeout,
                    $"{RequestOf(late)} timed out after {Seconds(late.Timeout)}{Tries(late)}; the request was sent and may have been processed.{(waitAgain.Length > 0 ? waitAgain : " YEScale may be slow right now: try again.")}"),

                ApiException { Status: 401 or 403 } api => (ExitCodes.Unauthorized,
                    $"YEScale refused the API key ({StatusText(api)}). Check that it is complete and still active in your YEScale dashboard, then pass it with --key KEY or set {DemoSettings.ApiKeyVariable}."),

                ApiException { Status: 429 } api => (ExitCodes.RateLimited,
                    $"YEScale's rate limit was reached{Tries(api)} ({StatusText(api)}); the request was refused, not processed. "
                    + (RetryAfter.TryParse(api.GetHeader("Retry-After"), DateTimeOffset.UtcNow, out var wait)
                        ? $"YEScale asks to wait {Seconds(wait)} (Retry-After): try again after that."
                        : "Wait a minute and try again.")),

                ApiException { Status: 404 } api when api.TaskId != null => (ExitCodes.ApiError,
                    $"YEScale has no task '{api.TaskId}' ({StatusText(api)}). Check the id given to --task-id; YEScale keeps tasks for 7 days."),

                ApiException api => (ExitCodes.ApiError,
                    $"YEScale answered {StatusText(api)} to {RequestOf(api)}{Tries(api)}.{(api.Status >= 500 ? waitAgain : string.Empty)}"),

                IOException or UnauthorizedAccessException => (ExitCodes.ApiError,
                    $"The video could not be saved: {exception.Message.TrimEnd('.')}. Check the folder (--output DIR) and its permissions."),

                _ => (ExitCodes.ApiError, exception.Message),
            };
        }

        /// <summary>The code for the last failure of a run of polls: the same kinds as a single call's.</summary>
        private static int CodeOf(Exception? last) => last switch
        {
            ApiConnectionException { RequestSent: false } => ExitCodes.Network,
            ApiConnectionException => ExitCodes.ConnectionLost,
            ApiTimeoutException => ExitCodes.RequestTimeout,
            ApiException { Status: 429 } => ExitCodes.RateLimited,
            _ => ExitCodes.ApiError,
        };

        /// <summary>Why a call left its outcome open, in a few words.</summary>
        private static string CauseOf(ApiException failure) => failure switch
        {
            ApiConnectionException { RequestSent: false } connection => $"YEScale could not be reached ({Transport(connection)})",
            ApiConnectionException connection => $"the connection was lost before YEScale answered ({Transport(connection)})",
            ApiTimeoutException timeout => $"YEScale did not answer within {Seconds(timeout.Timeout)}",
            { Status: >= 200 and < 300 } => $"YEScale's answer (HTTP {failure.Status}) could not be read",
            _ => "YEScale answered " + StatusText(failure),
        };

        private static string Transport(ApiConnectionException connection) => connection.InnerException switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the host name could not be resolved",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "the TLS handshake failed",
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "the server closed the connection without a complete answer",
            HttpRequestException { InnerException: IOException io } => io.Message.TrimEnd('.'),
            { } inner => inner.Message.TrimEnd('.'),
            null => "no answer",
        };

        private static string ReasonOf(TaskFailedException failed)
        {
            if (failed is TaskFailedException<SeedanceGeneration> { Snapshot.Error: { } error } && (error.Message ?? error.Code) is { } text)
            {
                return ": " + text.TrimEnd('.') + (error.Code != null && error.Message != null ? $" ({error.Code})." : ".");
            }

            return string.IsNullOrEmpty(failed.Error) ? "." : ": " + failed.Error.TrimEnd('.') + ".";
        }

        /// <summary>"HTTP 400 Bad Request: invalid_request_error, ...; request id req-1".</summary>
        private static string StatusText(ApiException api)
        {
            var text = $"HTTP {api.Status}" + (string.IsNullOrEmpty(api.ReasonPhrase) ? string.Empty : " " + api.ReasonPhrase);
            var detail = string.Join(", ", new[] { api.ErrorCode, api.ErrorMessage?.TrimEnd('.') }.Where(part => !string.IsNullOrEmpty(part)).Distinct(StringComparer.Ordinal));
            if (detail.Length > 0)
            {
                text += ": " + detail;
            }

            return api.RequestId is { } id ? text + "; request id " + id : text;
        }

        private static string RequestOf(ApiException api) =>
            api.RequestMethod != null && api.RequestPath != null ? api.RequestMethod + " " + api.RequestPath : api.OperationId ?? "the request";

        private static string Tries(ApiException api) => api.Attempts > 1 ? $" after {api.Attempts} tries" : string.Empty;

        private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

        /// <summary>The address without user info or query, which could hold credentials.</summary>
        private static string Show(Uri address) =>
            new UriBuilder(address) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri.ToString();
    }
}
