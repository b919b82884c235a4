using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using YEScale.Cli.Families;
using YEScale.Toolkit;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli
{
    /// <summary>
    /// One failure as the user sees it: the exit code, a stable kind for --json, what happened and what to do. Written
    /// as one line on standard error (<see cref="Line"/>): the message, then the hint.
    /// </summary>
    internal sealed record CliFailure(int ExitCode, string Kind, string Message, string? Hint)
    {
        /// <summary>The message without the task id, for a row or line that already shows it.</summary>
        public string Summary { get; init; } = Message;

        /// <summary>The task the failure is about, as the command line names it (<c>kling:ID</c>, or a Seedance task's bare id); its hint names it so.</summary>
        public string? TaskReference { get; init; }

        /// <summary>The journal's id for a submit whose outcome is unknown (<see cref="ExitCodes.OutcomeUnknown"/>).</summary>
        public string? SubmitId { get; init; }

        /// <summary>What happened and what to do, on one line (no stack trace, no line breaks from a server's text).</summary>
        public string Line => OneLine(Hint is null ? Message : Message + " " + Hint);

        /// <summary>The hint for several tasks that failed the same way: the one task it names becomes all of them (by their references).</summary>
        public string? HintFor(IReadOnlyCollection<string> references) =>
            Hint is null || TaskReference is null || references.Count <= 1 ? Hint : Hint.Replace(TaskReference, string.Join(' ', references), StringComparison.Ordinal);

        /// <summary>What the tool was doing, so a message can name the address, the key's source or the journal.</summary>
        internal sealed record Context(Uri BaseAddress, bool HasKey, string? JournalPath)
        {
            /// <summary>What the credential is called: the model API takes an API key, the account API an Access Key.</summary>
            public string KeyName { get; init; } = "API key";

            /// <summary>How to give the credential.</summary>
            public string KeySource { get; init; } = "--key KEY or set YESCALE_API_KEY";

            /// <summary>How to change the address.</summary>
            public string AddressSource { get; init; } = "--base-url or YESCALE_BASE_URL";
        }

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
                        $"It has no {TaskFamilies.OfKind(failed.Operation)?.ResultNoun ?? "result"}: change the prompt or images if the reason points at them, and submit a new task.")
                    {
                        TaskReference = TaskFamilies.Reference(failed.Operation, failed.TaskId),
                        Summary = ReasonOf(failed).TrimStart(':', ' ', '.') is { Length: > 0 } reason ? reason : $"ended '{failed.Status}'",
                    };

                case TaskTimeoutException timeout:
                    return new(
                        ExitCodes.Timeout,
                        "timeout",
                        $"Task {timeout.TaskId} was still '{timeout.LastStatus ?? "unknown"}' after {timeout.Elapsed.TotalSeconds:0.#} s, when --timeout ran out.",
                        $"The task goes on at YEScale: wait again later with 'yescale wait {TaskFamilies.Reference(timeout.Operation, timeout.TaskId)}' (or 'yescale resume'), or allow longer with --timeout SECONDS.")
                    {
                        TaskReference = TaskFamilies.Reference(timeout.Operation, timeout.TaskId),
                        Summary = $"still '{timeout.LastStatus ?? "unknown"}' when --timeout ran out",
                    };

                case TaskPollingException polling:
                    return DescribePolling(polling, context);

                case TaskJournalException journal:
                    return new(
                        ExitCodes.ApiError,
                        "journal",
                        $"Task {journal.TaskId} was submitted, but it could not be recorded in the task journal{(context.JournalPath is null ? string.Empty : " " + context.JournalPath)}: {journal.InnerException?.Message}",
                        $"The task runs (and is billed): keep its id and follow it with 'yescale wait {TaskFamilies.Reference(journal.Operation, journal.TaskId)}'. Check that the journal file is writable, or choose another with --journal FILE.")
                    {
                        TaskReference = TaskFamilies.Reference(journal.Operation, journal.TaskId),
                    };

                // Before every other ApiException: it is one, and carries the status of the failure it wraps (a 500, say).
                case TaskMayExistException mayExist:
                    return new(
                        ExitCodes.OutcomeUnknown,
                        "outcome_unknown",
                        $"The submit may have created a task (billed at most once; it was not sent again): {CauseOf(mayExist.InnerException as ApiException ?? mayExist)}.",
                        mayExist.SubmitId is { } submitId
                            ? $"The journal holds it as submit {submitId}: check it with 'yescale resume' before submitting again."
                            : "It could not be recorded in the journal: look for it in your YEScale dashboard (sent " + Time(mayExist.Request.SentAt) + ") before submitting again.")
                    {
                        SubmitId = mayExist.SubmitId,
                    };

                case TaskOutcomeUnknownException unknown:
                    return new(
                        ExitCodes.OutcomeUnknown,
                        "outcome_unknown",
                        $"Submit {unknown.Entry.SubmitId} (sent {Time(unknown.Entry.SentAt)}) may have created a task; it was not submitted again.",
                        ResolveHint(unknown.Entry.SubmitId))
                    {
                        SubmitId = unknown.Entry.SubmitId,
                    };

                case ApiConnectionException { RequestSent: false } unreachable:
                    return new(
                        ExitCodes.Network,
                        "network",
                        $"Could not reach YEScale at {Show(context.BaseAddress)}{Tries(unreachable)}: {TransportCause(unreachable.InnerException)}. Nothing was sent.",
                        $"Check the network connection and the address ({context.AddressSource}).");

                case ApiConnectionException lost:
                    return new(
                        ExitCodes.ConnectionLost,
                        "connection_lost",
                        $"The connection to YEScale at {Show(context.BaseAddress)} was lost during {RequestOf(lost)}{Tries(lost)}: {TransportCause(lost.InnerException)}; the request was sent and may have been processed.",
                        "Check the network, then try again.");

                case ApiTimeoutException late:
                    return new(
                        ExitCodes.RequestTimeout,
                        "request_timeout",
                        (late.BetweenEvents
                            ? $"{RequestOf(late)} went silent for {Seconds(late.Elapsed)} (the idle limit is {Seconds(late.Timeout)})"
                            : late.Attempts > 1
                                ? $"{RequestOf(late)} timed out after {Seconds(late.Timeout)} on each of {late.Attempts} tries ({Seconds(late.Elapsed)} in all)"
                                : $"{RequestOf(late)} timed out after {Seconds(late.Timeout)}")
                        + "; the request was sent and may have been processed.",
                        "YEScale may be slow right now: try again, or allow longer with --request-timeout SECONDS.");

                case ApiException { Status: 401 or 403 } api:
                    return context.HasKey
                        ? new(
                            ExitCodes.Unauthorized,
                            "unauthorized",
                            $"YEScale refused the {context.KeyName} ({StatusText(api)}).",
                            $"Check that the key is complete and still active in your YEScale dashboard, then pass it with {context.KeySource}.")
                        : new(
                            ExitCodes.Unauthorized,
                            "unauthorized",
                            $"No {context.KeyName} was given, and YEScale refused the request ({StatusText(api)}).",
                            $"Pass the key with {context.KeySource}.");

                case ApiException { Status: 429 } api:
                    return new(
                        ExitCodes.RateLimited,
                        "rate_limited",
                        $"YEScale's rate limit was reached{Tries(api)} ({StatusText(api)}); the request was refused, not processed.",
                        ServerWait(api) is { } wait
                            ? $"YEScale asks to wait {Duration(wait)} (Retry-After): try again after that, and submit fewer tasks at once."
                            : "Wait a minute and try again, and submit fewer tasks at once.");

                case ApiException { Status: 404 } api when api.TaskId != null:
                    return new(
                        ExitCodes.ApiError,
                        "not_found",
                        $"YEScale has no task '{api.TaskId}' ({StatusText(api)}).",
                        TaskFamilies.OfKind(api.OperationId) is { } family && !ReferenceEquals(family, TaskFamilies.Default)
                            ? $"Check the id, and that it is a {family.Name} task (else name its family: --family FAMILY, or FAMILY:ID)."
                            : "Check the id (it looks like cgt-20250702113430-abcde; another family's task needs --family FAMILY, or FAMILY:ID). YEScale keeps tasks for 7 days.")
                    {
                        TaskReference = TaskFamilies.Reference(api.OperationId, api.TaskId),
                        Summary = "no such task at YEScale",
                    };

                case ApiException { Status: >= 500 } api:
                    return new(
                        ExitCodes.ApiError,
                        "server_error",
                        $"YEScale had a server error on {RequestOf(api)}{Tries(api)} ({StatusText(api)}).",
                        "This is usually temporary: try again in a while.");

                case ApiException { Status: >= 400 } api:
                    return new(
                        ExitCodes.ApiError,
                        "rejected",
                        $"YEScale rejected {RequestOf(api)} ({StatusText(api)}).",
                        api.Status == 404
                            ? $"Check the address {Show(context.BaseAddress)} ({context.AddressSource})."
                            : "Check the prompt and options ('yescale --help').");

                case ApiException api:
                    return new(
                        ExitCodes.ApiError,
                        "api_error",
                        $"YEScale's answer to {RequestOf(api)} could not be used ({StatusText(api)}): {api.Message}",
                        $"Check that {Show(context.BaseAddress)} is the YEScale API ({context.AddressSource}).");

                case var network when IsNetwork(network):
                    return new(
                        ExitCodes.Network,
                        "network",
                        $"Could not reach YEScale at {Show(context.BaseAddress)}: {TransportCause(network)}.",
                        $"Check the network connection and the address ({context.AddressSource}).");

                case IOException or UnauthorizedAccessException:
                    return new(ExitCodes.ApiError, "io", exception.Message, "Check the path and its permissions.");

                default:
                    return new(ExitCodes.ApiError, "error", exception.Message, null);
            }
        }

        /// <summary>What to do about a submit whose outcome is unknown, as resume and the failure itself say it.</summary>
        public static string ResolveHint(string submitId) =>
            $"Find it in your YEScale dashboard by its time and prompt, then run 'yescale resolve {submitId} --task TASK_ID' to follow it, or 'yescale resolve {submitId}' if no task was created.";

        /// <summary>A time as the journal and the dashboard can be compared by: UTC, to the second.</summary>
        public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>Polls that kept failing: the code of the last failure's kind, with the task it was about.</summary>
        private static CliFailure DescribePolling(TaskPollingException polling, Context context)
        {
            var last = polling.InnerException;
            var (code, kind) = last switch
            {
                ApiConnectionException { RequestSent: false } => (ExitCodes.Network, "network"),
                ApiConnectionException => (ExitCodes.ConnectionLost, "connection_lost"),
                ApiTimeoutException => (ExitCodes.RequestTimeout, "request_timeout"),
                ApiException { Status: 429 } => (ExitCodes.RateLimited, "rate_limited"),
                ApiException => (ExitCodes.ApiError, "api_error"),
                _ when IsNetwork(last) => (ExitCodes.Network, "network"),
                _ => (ExitCodes.ApiError, "api_error"),
            };
            var reason = last switch
            {
                ApiException api => CauseOf(api),
                null => "unknown",
                _ when IsNetwork(last) => TransportCause(last),
                _ => last.Message.TrimEnd('.'),
            };
            var contact = code is ExitCodes.Network or ExitCodes.ConnectionLost or ExitCodes.RequestTimeout;
            var reference = TaskFamilies.Reference(polling.Operation, polling.TaskId);
            return new(
                code,
                kind,
                contact
                    ? $"Lost contact with YEScale at {Show(context.BaseAddress)} while waiting for task {polling.TaskId}: {polling.Failures} polls in a row failed; the last: {reason}."
                    : $"YEScale kept failing while waiting for task {polling.TaskId}: {polling.Failures} polls in a row failed; the last: {reason}.",
                contact
                    ? $"The task goes on at YEScale: check the network, then wait again with 'yescale wait {reference}'."
                    : $"The task goes on at YEScale: try again in a while with 'yescale wait {reference}'.")
            {
                TaskReference = reference,
                Summary = contact ? "lost contact with YEScale: " + reason : $"YEScale kept failing ({polling.Failures} polls in a row): {reason}",
            };
        }

        /// <summary>Why a call left its outcome open, in a few words: "the connection was lost ...", "no answer within 30 s", "YEScale answered HTTP 500 ...".</summary>
        private static string CauseOf(ApiException failure) => failure switch
        {
            ApiConnectionException { RequestSent: false } connection => $"YEScale could not be reached ({TransportCause(connection.InnerException)})",
            ApiConnectionException { Status: > 0 } connection => $"the connection was lost while YEScale's answer (HTTP {connection.Status}) arrived ({TransportCause(connection.InnerException)})",
            ApiConnectionException connection => $"the connection was lost before YEScale answered ({TransportCause(connection.InnerException)})",
            ApiTimeoutException timeout => $"YEScale did not answer within {Seconds(timeout.Timeout)}",
            { Status: >= 200 and < 300 } => $"YEScale's answer (HTTP {failure.Status}) could not be read",
            _ => "YEScale answered " + StatusText(failure),
        };

        /// <summary>Transport failures that are not the toolkit's exceptions (kept for anything that bypasses its pipeline).</summary>
        private static bool IsNetwork(Exception? exception) => exception switch
        {
            HttpRequestException => true,
            SocketException or AuthenticationException => true,

            // HttpClient reports its own timeout as a cancellation wrapping a TimeoutException.
            OperationCanceledException { InnerException: TimeoutException } => true,
            _ => false,
        };

        /// <summary>What the transport said, without its stack: "Connection refused (127.0.0.1:5000)".</summary>
        private static string TransportCause(Exception? exception)
        {
            var text = exception switch
            {
                null => "no answer",
                OperationCanceledException => "no answer in time",
                HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } http => "the host name could not be resolved (" + http.Message.TrimEnd('.') + ")",
                HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } http => "the TLS handshake failed (" + Combined(http) + ")",
                HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "the server closed the connection without a complete answer",
                HttpRequestException { InnerException: SocketException socket } http => http.Message.Contains(socket.Message, StringComparison.Ordinal) ? http.Message : Combined(http),

                // "An error occurred while sending the request" says less than what it wraps: "... Connection reset by peer".
                HttpRequestException { InnerException: IOException io } => io.Message,
                _ => Combined(exception),
            };
            return text.TrimEnd('.');
        }

        private static string Combined(Exception exception)
        {
            var text = exception.Message.TrimEnd('.');
            if (exception.InnerException is { Message.Length: > 0 } inner && !text.Contains(inner.Message.TrimEnd('.'), StringComparison.Ordinal))
            {
                text += " (" + inner.Message.TrimEnd('.') + ")";
            }

            return text;
        }

        private static string ReasonOf(TaskFailedException failed)
        {
            // The spec's /error is an object; the typed snapshot gives its parts without parsing JSON text.
            if (failed is TaskFailedException<SeedanceGeneration> { Snapshot.Error: { } error } && (error.Message ?? error.Code) is { } text)
            {
                return ": " + text.TrimEnd('.') + (error.Code != null && error.Message != null ? $" ({error.Code})." : ".");
            }

            return string.IsNullOrEmpty(failed.Error) ? "." : ": " + failed.Error;
        }

        /// <summary>
        /// "HTTP 401 Unauthorized: invalid_api_key, Invalid token; request id req-1": the status, what the body says and
        /// the server's id for the request (to quote to support), never the request itself.
        /// </summary>
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

        /// <summary>"GET /seedance/generations/cgt-1": which call it was.</summary>
        private static string RequestOf(ApiException api) =>
            api.RequestMethod != null && api.RequestPath != null ? api.RequestMethod + " " + api.RequestPath : api.OperationId ?? "the request";

        /// <summary>" after 4 tries" when the toolkit repeated the call.</summary>
        private static string Tries(ApiException api) => api.Attempts > 1 ? $" after {api.Attempts} tries" : string.Empty;

        /// <summary>The wait the answer asked for: <c>retry-after-ms</c>, else <c>Retry-After</c> (seconds or an HTTP-date).</summary>
        private static TimeSpan? ServerWait(ApiException api)
        {
            if (double.TryParse(api.GetHeader("retry-after-ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0 && milliseconds < int.MaxValue)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }

            return RetryAfter.TryParse(api.GetHeader("Retry-After"), DateTimeOffset.UtcNow, out var delay) ? delay : null;
        }

        private static string Duration(TimeSpan wait) =>
            wait < TimeSpan.FromMinutes(2) ? Seconds(wait) : (wait.TotalMinutes).ToString("0", CultureInfo.InvariantCulture) + " min";

        private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

        private static string OneLine(string text) =>
            text.IndexOfAny(new[] { '\r', '\n' }) < 0 ? text : string.Join(' ', text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        /// <summary>The address without user info or query, which could hold credentials.</summary>
        internal static string Show(Uri address) =>
            new UriBuilder(address) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri.ToString();
    }
}
