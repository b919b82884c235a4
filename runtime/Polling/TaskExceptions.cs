using System;

namespace YEScale.Toolkit.Polling
{
    /// <summary>A task ended without a result (its status is one of the spec's failure words).</summary>
    public class TaskFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public TaskFailedException(string taskId, string operation, string? status, string? error, object? snapshot)
            : base($"Task {taskId} ({operation}) ended with status '{status}'{(string.IsNullOrEmpty(error) ? "." : ": " + error)}")
        {
            TaskId = taskId;
            Operation = operation;
            Status = status;
            Error = error;
            Snapshot = snapshot;
        }

        /// <summary>The task's id.</summary>
        public string TaskId { get; }

        /// <summary>The operationId that fetches the task.</summary>
        public string Operation { get; }

        /// <summary>The final status word.</summary>
        public string? Status { get; }

        /// <summary>The server's failure detail (text or JSON), if the answer has one.</summary>
        public string? Error { get; }

        /// <summary>The final answer, as the client's model.</summary>
        public object? Snapshot { get; }
    }

    /// <summary>A task ended without a result; <see cref="Snapshot"/> is the final answer, typed.</summary>
    public sealed class TaskFailedException<T> : TaskFailedException
    {
        /// <summary>Creates the exception.</summary>
        public TaskFailedException(string taskId, string operation, string? status, string? error, T snapshot)
            : base(taskId, operation, status, error, snapshot)
        {
            Snapshot = snapshot;
        }

        /// <summary>The final answer.</summary>
        public new T Snapshot { get; }
    }

    /// <summary>A wait reached its <see cref="TaskWaitOptions.Timeout"/> while the task was still pending; the task may still finish.</summary>
    public sealed class TaskTimeoutException : TimeoutException
    {
        /// <summary>Creates the exception.</summary>
        public TaskTimeoutException(string taskId, string operation, string? lastStatus, TimeSpan elapsed, Exception? lastFailure = null)
            : base($"Task {taskId} ({operation}) was still '{lastStatus ?? "unknown"}' after {elapsed.TotalSeconds:0.#} s; it may still finish: wait for it again with its id.", lastFailure)
        {
            TaskId = taskId;
            Operation = operation;
            LastStatus = lastStatus;
            Elapsed = elapsed;
        }

        /// <summary>The task's id, to wait for it again later.</summary>
        public string TaskId { get; }

        /// <summary>The operationId that fetches the task.</summary>
        public string Operation { get; }

        /// <summary>The last status seen, if a poll was answered.</summary>
        public string? LastStatus { get; }

        /// <summary>How long the wait lasted.</summary>
        public TimeSpan Elapsed { get; }
    }

    /// <summary>A wait was cancelled by its caller; the task itself goes on and can be waited for again by its id.</summary>
    public sealed class TaskWaitCanceledException : OperationCanceledException
    {
        /// <summary>Creates the exception.</summary>
        public TaskWaitCanceledException(string taskId, string operation, string? lastStatus, System.Threading.CancellationToken cancellationToken)
            : base($"The wait for task {taskId} ({operation}) was cancelled while it was '{lastStatus ?? "unknown"}'; the task goes on.", cancellationToken)
        {
            TaskId = taskId;
            Operation = operation;
            LastStatus = lastStatus;
        }

        /// <summary>The task's id, to wait for it again later.</summary>
        public string TaskId { get; }

        /// <summary>The operationId that fetches the task.</summary>
        public string Operation { get; }

        /// <summary>The last status seen, if a poll was answered.</summary>
        public string? LastStatus { get; }
    }

    /// <summary>Polling failed too many times in a row (server errors, rate limits, network); <see cref="Exception.InnerException"/> is the last cause.</summary>
    public sealed class TaskPollingException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public TaskPollingException(string taskId, string operation, int failures, Exception lastFailure)
            : base($"Polling task {taskId} ({operation}) failed {failures} times in a row; last: {lastFailure.Message}", lastFailure)
        {
            TaskId = taskId;
            Operation = operation;
            Failures = failures;
        }

        /// <summary>The task's id, to wait for it again later.</summary>
        public string TaskId { get; }

        /// <summary>The operationId that fetches the task.</summary>
        public string Operation { get; }

        /// <summary>How many polls failed in a row.</summary>
        public int Failures { get; }
    }

    /// <summary>
    /// A task was submitted but could not be recorded in the journal. The task exists and is billed:
    /// <see cref="TaskId"/> is its id.
    /// </summary>
    public sealed class TaskJournalException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public TaskJournalException(string taskId, string operation, Exception inner)
            : base($"Task {taskId} ({operation}) was submitted but could not be recorded in the task journal: {inner.Message}", inner)
        {
            TaskId = taskId;
            Operation = operation;
        }

        /// <summary>The submitted task's id.</summary>
        public string TaskId { get; }

        /// <summary>The operationId that fetches the task.</summary>
        public string Operation { get; }
    }

    /// <summary>
    /// A resume found a submit in the journal whose outcome is unknown: it was sent and may have created a task, which
    /// the journal cannot name. Look for it in the account's tasks (by prompt and time), then resolve the record with
    /// <see cref="ITaskJournal.ResolveOutcomeUnknownAsync"/>.
    /// </summary>
    public sealed class TaskOutcomeUnknownException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public TaskOutcomeUnknownException(UnknownSubmitEntry entry)
            : base($"{(entry ?? throw new ArgumentNullException(nameof(entry))).SubmitOperation} ({entry.Method} {entry.Path}) sent {entry.SentAt:u} may have created a task: {entry.Failure.TrimEnd('.')}. It was not submitted again; find it in the account's tasks, then resolve submit {entry.SubmitId} in the journal.")
        {
            Entry = entry;
        }

        /// <summary>The journal's record of the submit.</summary>
        public UnknownSubmitEntry Entry { get; }
    }
}
