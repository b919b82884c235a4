using System;

namespace YEScale.Toolkit.Polling
{
    /// <summary>How one task of a batch ended: its final answer, or the exception that ended its wait.</summary>
    public sealed class TaskOutcome<T>
    {
        private TaskOutcome(string taskId, T value, Exception? exception)
        {
            TaskId = taskId;
            Value = value;
            Exception = exception;
        }

        /// <summary>The task's id.</summary>
        public string TaskId { get; }

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

        /// <summary>An outcome without a result.</summary>
        public static TaskOutcome<T> Failure(string taskId, Exception exception) => new TaskOutcome<T>(taskId, default!, exception ?? throw new ArgumentNullException(nameof(exception)));

        /// <inheritdoc />
        public override string ToString() => Succeeded ? $"{TaskId}: succeeded" : $"{TaskId}: {Exception!.GetType().Name}: {Exception.Message}";
    }
}
