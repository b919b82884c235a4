using System;

namespace YEScale.Toolkit.Polling
{
    /// <summary>How one task of a batch ended: its final answer, or the exception that ended its wait.</summary>
    public sealed class TaskOutcome<T>
    {
        private TaskOutcome(string? taskId, T value, Exception? exception, UnknownSubmitEntry? unknown = null)
        {
            TaskId = taskId;
            Value = value;
            Exception = exception;
            UnknownSubmit = unknown;
        }

        /// <summary>The task's id; null for a submit whose outcome is unknown (<see cref="UnknownSubmit"/>).</summary>
        public string? TaskId { get; }

        /// <summary>
        /// For a resume: a submit of this kind that may or may not have created its task (the journal's record of a
        /// <see cref="TaskMayExistException"/>). Find it in the account's tasks, then resolve it in the journal; do not submit it again blindly.
        /// </summary>
        public UnknownSubmitEntry? UnknownSubmit { get; }

        /// <summary>True for a submit whose outcome is unknown.</summary>
        public bool IsOutcomeUnknown => UnknownSubmit != null;

        /// <summary>The final answer when the task succeeded; default otherwise.</summary>
        public T Value { get; }

        /// <summary>
        /// Why the wait ended without a result: <see cref="TaskFailedException"/>, <see cref="TaskTimeoutException"/>,
        /// <see cref="TaskPollingException"/> or <see cref="ApiException"/>.
        /// </summary>
        public Exception? Exception { get; }

        /// <summary>True when the task succeeded.</summary>
        public bool Succeeded => Exception is null;

        /// <summary>A successful outcome.</summary>
        public static TaskOutcome<T> Success(string taskId, T value) => new TaskOutcome<T>(taskId, value, null);

        /// <summary>A submit whose outcome is unknown, as the journal holds it.</summary>
        public static TaskOutcome<T> OutcomeUnknown(UnknownSubmitEntry entry)
            => new TaskOutcome<T>(null, default!, new TaskOutcomeUnknownException(entry ?? throw new ArgumentNullException(nameof(entry))), entry);

        /// <summary>An outcome without a result.</summary>
        public static TaskOutcome<T> Failure(string taskId, Exception exception) => new TaskOutcome<T>(taskId, default!, exception ?? throw new ArgumentNullException(nameof(exception)));

        /// <summary>A wait that ended with <paramref name="exception"/>, keeping a value that is still worth having (a task handle of a batch of many kinds).</summary>
        internal static TaskOutcome<T> Failure(string taskId, T value, Exception exception) => new TaskOutcome<T>(taskId, value, exception ?? throw new ArgumentNullException(nameof(exception)));

        /// <inheritdoc />
        public override string ToString()
            => Succeeded ? $"{TaskId}: succeeded"
                : IsOutcomeUnknown ? $"{UnknownSubmit!.SubmitId}: outcome unknown"
                : $"{TaskId}: {Exception!.GetType().Name}: {Exception.Message}";
    }
}
