using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Polling
{
    /// <summary>A task a client submitted: enough to find it again after a restart.</summary>
    /// <param name="TaskId">The id the service gave the task.</param>
    /// <param name="Operation">The operationId of the operation that fetches the task (for example <c>getSeedanceGeneration</c>).</param>
    /// <param name="SubmittedAt">When the submit call returned.</param>
    public sealed record TaskJournalEntry(string TaskId, string Operation, DateTimeOffset SubmittedAt);

    /// <summary>
    /// Remembers submitted tasks so that none is lost when the process stops: a task is recorded before the submit
    /// call returns, and marked finished when a wait sees it end. <see cref="GetUnfinishedAsync"/> lists what is left.
    /// A submit that may or may not have created its task is recorded as outcome unknown, and listed by
    /// <see cref="GetOutcomeUnknownAsync"/> until it is resolved.
    /// </summary>
    public interface ITaskJournal
    {
        /// <summary>Records a submitted task; when this returns, the record survives a crash.</summary>
        Task RecordSubmittedAsync(TaskJournalEntry entry, CancellationToken cancellationToken = default);

        /// <summary>Marks a task finished (<paramref name="outcome"/> is the final status, such as <c>succeeded</c> or <c>failed</c>).</summary>
        Task RecordFinishedAsync(string operation, string taskId, string outcome, CancellationToken cancellationToken = default);

        /// <summary>Tasks recorded as submitted and not yet finished, oldest first; only those of <paramref name="operation"/> when given.</summary>
        Task<IReadOnlyList<TaskJournalEntry>> GetUnfinishedAsync(string? operation = null, CancellationToken cancellationToken = default);

        /// <summary>Records a submit whose outcome is unknown; when this returns, the record survives a crash.</summary>
        Task RecordOutcomeUnknownAsync(UnknownSubmitEntry entry, CancellationToken cancellationToken = default);

        /// <summary>Ends an outcome-unknown record: the task was found (record it with <see cref="RecordSubmittedAsync"/>) or is known not to exist.</summary>
        Task ResolveOutcomeUnknownAsync(string operation, string submitId, CancellationToken cancellationToken = default);

        /// <summary>Submits recorded as outcome unknown and not resolved, oldest first; only those of <paramref name="operation"/> (the fetch operation) when given.</summary>
        Task<IReadOnlyList<UnknownSubmitEntry>> GetOutcomeUnknownAsync(string? operation = null, CancellationToken cancellationToken = default);
    }
}
