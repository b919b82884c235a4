using System;
using System.Collections.Generic;
using System.Linq;

namespace YEScale.Toolkit.Polling
{
    /// <summary>
    /// How to read a task's answer: where its status, error, progress and result are, and which status words end it.
    /// Generated clients build one from the spec's <c>x-yescale-task</c> extension, so nothing here knows a model.
    /// </summary>
    public sealed class TaskLifecycle<T>
    {
        private readonly Func<T, string?> _status;
        private readonly Func<T, string?>? _error;
        private readonly Func<T, string?>? _progress;
        private readonly Func<T, string?>? _result;
        private readonly HashSet<string> _succeeded;
        private readonly HashSet<string> _failed;

        /// <summary>Describes a task operation.</summary>
        /// <param name="operation">The operationId that fetches the task; names it in the journal and in exceptions.</param>
        /// <param name="status">Reads the status word from an answer.</param>
        /// <param name="succeeded">Status words that mean finished with a result (compared ignoring case).</param>
        /// <param name="failed">Status words that mean finished without one (compared ignoring case).</param>
        /// <param name="error">Reads the failure detail, if the answer has one.</param>
        /// <param name="progress">Reads progress (such as <c>45%</c>), if the answer has it.</param>
        /// <param name="result">Reads the result's URL, if the answer has one.</param>
        public TaskLifecycle(
            string operation,
            Func<T, string?> status,
            IEnumerable<string> succeeded,
            IEnumerable<string> failed,
            Func<T, string?>? error = null,
            Func<T, string?>? progress = null,
            Func<T, string?>? result = null)
        {
            Operation = string.IsNullOrEmpty(operation) ? throw new ArgumentException("An operation name is required.", nameof(operation)) : operation;
            _status = status ?? throw new ArgumentNullException(nameof(status));
            _succeeded = new HashSet<string>(succeeded ?? throw new ArgumentNullException(nameof(succeeded)), StringComparer.OrdinalIgnoreCase);
            _failed = new HashSet<string>(failed ?? throw new ArgumentNullException(nameof(failed)), StringComparer.OrdinalIgnoreCase);
            if (_succeeded.Count == 0)
            {
                throw new ArgumentException("At least one status must mean success.", nameof(succeeded));
            }

            _error = error;
            _progress = progress;
            _result = result;
        }

        /// <summary>The operationId that fetches the task.</summary>
        public string Operation { get; }

        /// <summary>The status words that mean success.</summary>
        public IReadOnlyCollection<string> SucceededStatuses => _succeeded.ToList();

        /// <summary>The status words that mean failure.</summary>
        public IReadOnlyCollection<string> FailedStatuses => _failed.ToList();

        /// <summary>The status word of an answer, trimmed; null when it has none.</summary>
        public string? GetStatus(T snapshot) => snapshot is null ? null : _status(snapshot)?.Trim();

        /// <summary>What a status word means; a word the spec does not list is <see cref="TaskState.Pending"/>.</summary>
        public TaskState GetState(string? status)
        {
            if (status is null)
            {
                return TaskState.Pending;
            }

            if (_succeeded.Contains(status))
            {
                return TaskState.Succeeded;
            }

            return _failed.Contains(status) ? TaskState.Failed : TaskState.Pending;
        }

        /// <summary>The failure detail of an answer, if the spec says where it is and it is there.</summary>
        public string? GetError(T snapshot) => _error is null || snapshot is null ? null : _error(snapshot);

        /// <summary>The progress of an answer, if the spec says where it is and it is there.</summary>
        public string? GetProgress(T snapshot) => _progress is null || snapshot is null ? null : _progress(snapshot);

        /// <summary>The result's URL, if the spec says where it is and it is there.</summary>
        public string? GetResult(T snapshot) => _result is null || snapshot is null ? null : _result(snapshot);
    }
}
