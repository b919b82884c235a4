using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace YEScale.Toolkit
{
    /// <summary>
    /// A call got no answer: the connection was refused, the host name did not resolve, TLS failed, or the connection
    /// dropped before the answer was complete. <see cref="ApiException.Status"/> is 0 (or the status, when the headers
    /// had arrived); <see cref="Exception.InnerException"/> is the transport's exception.
    /// </summary>
    public sealed class ApiConnectionException : ApiException
    {
        /// <summary>Creates the exception.</summary>
        public ApiConnectionException(string? operationId, string? requestMethod, string? requestPath, string? taskId, bool requestSent, int status, string detail, Exception? innerException)
            : base(BuildMessage(operationId, requestMethod, requestPath, requestSent, detail), status, null, null, null, operationId, requestMethod, requestPath, taskId, innerException)
        {
            RequestSent = requestSent;
        }

        /// <summary>
        /// False only when the failure proves the request never reached the server (refused, unresolved, TLS failed before
        /// it was written): then it was not processed. True means it may have been.
        /// </summary>
        public bool RequestSent { get; }

        private static string BuildMessage(string? operationId, string? method, string? path, bool sent, string detail)
            => (operationId ?? "The request") + (method != null && path != null ? " (" + method + " " + path + ")" : string.Empty)
               + " got no answer: " + detail
               + (sent ? ". The request had been sent, so the server may have processed it." : ". The request was not sent.");
    }

    /// <summary>
    /// A call took longer than its timeout (<see cref="ApiClientOptions.Timeout"/> or the call's own), or a stream was
    /// silent for longer than its idle timeout. Distinct from the caller's cancellation, which is an
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public sealed class ApiTimeoutException : ApiException
    {
        /// <summary>Creates the exception.</summary>
        public ApiTimeoutException(string? operationId, string? requestMethod, string? requestPath, string? taskId, TimeSpan timeout, TimeSpan elapsed, bool betweenEvents, int status, string? limit, Exception? innerException)
            : base(BuildMessage(operationId, requestMethod, requestPath, timeout, elapsed, betweenEvents, limit), status, null, null, null, operationId, requestMethod, requestPath, taskId, innerException)
        {
            Timeout = timeout;
            Elapsed = elapsed;
            BetweenEvents = betweenEvents;
        }

        /// <summary>The limit that was reached.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>How long the call (or, for <see cref="BetweenEvents"/>, the silence) lasted.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>True when a stream went silent for longer than its idle timeout after it had begun.</summary>
        public bool BetweenEvents { get; }

        /// <summary>Always true: the request had been sent when time ran out, so the server may have processed it.</summary>
        public bool MayHaveBeenProcessed => true;

        private static string BuildMessage(string? operationId, string? method, string? path, TimeSpan timeout, TimeSpan elapsed, bool betweenEvents, string? limit)
            => (operationId ?? "The request") + (method != null && path != null ? " (" + method + " " + path + ")" : string.Empty)
               + (betweenEvents
                   ? " stream sent nothing for " + Seconds(elapsed) + " (the idle timeout is " + Seconds(timeout) + ")"
                   : " timed out after " + Seconds(elapsed) + " (" + (limit ?? "the timeout") + " is " + Seconds(timeout) + ")")
               + ". The server may have processed the request.";

        internal static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>
    /// A task submit failed after the request was sent, in a way that does not say whether the task was created (the
    /// connection dropped, a 5xx came back, time ran out, the answer could not be read). The request was not sent again,
    /// so the task is billed at most once. <see cref="Exception.InnerException"/> is the failure; <see cref="Request"/> is
    /// what was sent. With a task journal the submit is recorded as outcome unknown before this is thrown, and
    /// <c>Resume...Async</c> reports it.
    /// </summary>
    public sealed class TaskMayExistException : ApiException
    {
        /// <summary>Creates the exception from the failure of the submit.</summary>
        public TaskMayExistException(ApiException failure, SentRequest request, string taskOperation, string? submitId)
            : base(
                BuildMessage(failure, request, submitId),
                (failure ?? throw new ArgumentNullException(nameof(failure))).Status,
                failure.ReasonPhrase,
                failure.Content,
                failure.Headers,
                failure.OperationId,
                failure.RequestMethod,
                failure.RequestPath,
                null,
                failure)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
            TaskOperation = taskOperation;
            SubmitId = submitId;
            Attempts = failure.Attempts;
        }

        /// <summary>The submit request as it was sent (the key is not in it).</summary>
        public SentRequest Request { get; }

        /// <summary>The operationId that fetches tasks of this kind.</summary>
        public string TaskOperation { get; }

        /// <summary>The submit's id in the task journal (recorded as outcome unknown); null when the client has no journal.</summary>
        public string? SubmitId { get; }

        private static string BuildMessage(ApiException failure, SentRequest request, string? submitId)
        {
            var text = new StringBuilder();
            text.Append(failure.OperationId ?? "The submit").Append(" may have created a task: ").Append(failure.Message.TrimEnd('.'))
                .Append(". It was not sent again, so it is billed at most once.");
            text.Append(submitId is null
                ? " Check the account's tasks before submitting again."
                : " The task journal holds it as outcome unknown (submit " + submitId + "); resume lists it (yescale resume).");
            if (request.IdempotencyKey is { } key)
            {
                text.Append(" Idempotency key: ").Append(key).Append('.');
            }

            return text.ToString();
        }
    }

    /// <summary>A request as it was sent, for reporting a submit whose outcome is unknown. Secrets are not in it.</summary>
    public sealed class SentRequest
    {
        /// <summary>Creates the record.</summary>
        public SentRequest(string method, string path, string? body, string? contentType, string? idempotencyKey, DateTimeOffset sentAt)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Body = body;
            ContentType = contentType;
            IdempotencyKey = idempotencyKey;
            SentAt = sentAt;
        }

        /// <summary>The HTTP method.</summary>
        public string Method { get; }

        /// <summary>Path and query (a key sent in the query is replaced).</summary>
        public string Path { get; }

        /// <summary>The body as text (JSON, form fields), cut at 64 KiB; for files, a description such as <c>(multipart/form-data, 5120 bytes)</c>.</summary>
        public string? Body { get; }

        /// <summary>The body's media type.</summary>
        public string? ContentType { get; }

        /// <summary>The idempotency key sent with it, if any.</summary>
        public string? IdempotencyKey { get; }

        /// <summary>When the first try started.</summary>
        public DateTimeOffset SentAt { get; }

        /// <inheritdoc />
        public override string ToString() => Method + " " + Path + " at " + SentAt.ToString("O", CultureInfo.InvariantCulture);
    }
}
