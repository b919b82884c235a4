using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Polling
{
    /// <summary>
    /// An <see cref="ITaskJournal"/> that keeps its records in memory only: for tests, and for applications that
    /// do not need tasks to outlive the process. Safe to use from many threads.
    /// </summary>
    public sealed class InMemoryTaskJournal : ITaskJournal
    {
        private readonly object _sync = new object();
        private readonly UnfinishedTaskSet _tasks = new UnfinishedTaskSet();

        /// <inheritdoc />
        public Task RecordSubmittedAsync(TaskJournalEntry entry, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateEntry(entry);
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled(cancellationToken);
            }

            lock (_sync)
            {
                _tasks.Submitted(entry);
            }

            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task RecordFinishedAsync(string operation, string taskId, string outcome, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateFinished(operation, taskId, outcome);
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled(cancellationToken);
            }

            lock (_sync)
            {
                _tasks.Finished(operation, taskId);
            }

            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task<IReadOnlyList<TaskJournalEntry>> GetUnfinishedAsync(string? operation = null, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateFilter(operation);
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<IReadOnlyList<TaskJournalEntry>>(cancellationToken);
            }

            lock (_sync)
            {
                return Task.FromResult(_tasks.Snapshot(operation));
            }
        }

        /// <inheritdoc />
        public Task RecordOutcomeUnknownAsync(UnknownSubmitEntry entry, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateUnknown(entry);
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled(cancellationToken);
            }

            lock (_sync)
            {
                _tasks.OutcomeUnknown(entry);
            }

            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task ResolveOutcomeUnknownAsync(string operation, string submitId, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateResolved(operation, submitId);
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled(cancellationToken);
            }

            lock (_sync)
            {
                _tasks.Resolved(operation, submitId);
            }

            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task<IReadOnlyList<UnknownSubmitEntry>> GetOutcomeUnknownAsync(string? operation = null, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateFilter(operation);
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<IReadOnlyList<UnknownSubmitEntry>>(cancellationToken);
            }

            lock (_sync)
            {
                return Task.FromResult(_tasks.UnknownSnapshot(operation));
            }
        }
    }

    /// <summary>
    /// The journal semantics shared by every implementation, so that replaying a file and recording in memory
    /// cannot drift apart: events are applied in the order they were recorded.
    /// </summary>
    internal sealed class UnfinishedTaskSet
    {
        private readonly Dictionary<(string Operation, string TaskId), (TaskJournalEntry Entry, long Sequence)> _open =
            new Dictionary<(string Operation, string TaskId), (TaskJournalEntry Entry, long Sequence)>();

        private long _sequence;

        public void Submitted(TaskJournalEntry entry)
        {
            var key = (entry.Operation, entry.TaskId);

            // Recording the same open task twice (a retried submit, say) must not list it twice; the first record wins.
            if (!_open.ContainsKey(key))
            {
                _open.Add(key, (entry, _sequence++));
            }
        }

        public void Finished(string operation, string taskId) => _open.Remove((operation, taskId));

        private readonly Dictionary<(string Operation, string SubmitId), (UnknownSubmitEntry Entry, long Sequence)> _unknown =
            new Dictionary<(string Operation, string SubmitId), (UnknownSubmitEntry Entry, long Sequence)>();

        public void OutcomeUnknown(UnknownSubmitEntry entry)
        {
            var key = (entry.Operation, entry.SubmitId);
            if (!_unknown.ContainsKey(key))
            {
                _unknown.Add(key, (entry, _sequence++));
            }
        }

        public void Resolved(string operation, string submitId) => _unknown.Remove((operation, submitId));

        public IReadOnlyList<UnknownSubmitEntry> UnknownSnapshot(string? operation)
            => _unknown.Values
                .Where(item => operation is null || string.Equals(item.Entry.Operation, operation, StringComparison.Ordinal))
                .OrderBy(item => item.Entry.SentAt)
                .ThenBy(item => item.Sequence)
                .Select(item => item.Entry)
                .ToList();

        public IReadOnlyList<TaskJournalEntry> Snapshot(string? operation)
        {
            // Submission times come from callers (possibly several processes), so they are sorted rather than
            // trusted to arrive in order; the recording order breaks ties.
            return _open.Values
                .Where(item => operation is null || string.Equals(item.Entry.Operation, operation, StringComparison.Ordinal))
                .OrderBy(item => item.Entry.SubmittedAt)
                .ThenBy(item => item.Sequence)
                .Select(item => item.Entry)
                .ToList();
        }
    }

    /// <summary>Argument checks shared by the journals, so both reject the same input in the same way.</summary>
    internal static class TaskJournalArguments
    {
        public static void ValidateEntry(TaskJournalEntry entry)
        {
            if (entry is null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            RequireText(entry.TaskId, nameof(entry), "The entry's task id");
            RequireText(entry.Operation, nameof(entry), "The entry's operation");
        }

        public static void ValidateUnknown(UnknownSubmitEntry entry)
        {
            if (entry is null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            RequireText(entry.SubmitId, nameof(entry), "The entry's submit id");
            RequireText(entry.Operation, nameof(entry), "The entry's operation");
            RequireText(entry.SubmitOperation, nameof(entry), "The entry's submit operation");
        }

        public static void ValidateResolved(string operation, string submitId)
        {
            RequireText(operation, nameof(operation), "The operation");
            RequireText(submitId, nameof(submitId), "The submit id");
        }

        public static void ValidateFinished(string operation, string taskId, string outcome)
        {
            RequireText(operation, nameof(operation), "The operation");
            RequireText(taskId, nameof(taskId), "The task id");
            RequireText(outcome, nameof(outcome), "The outcome");
        }

        public static void ValidateFilter(string? operation)
        {
            if (operation is not null && operation.Length == 0)
            {
                throw new ArgumentException("The operation filter must be null (all operations) or an operation id.", nameof(operation));
            }
        }

        private static void RequireText(string value, string parameterName, string what)
        {
            if (value is null)
            {
                throw new ArgumentNullException(parameterName, what + " must not be null.");
            }

            if (value.Length == 0)
            {
                throw new ArgumentException(what + " must not be empty.", parameterName);
            }
        }
    }
}
