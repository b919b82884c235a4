using System;

namespace YEScale.Toolkit.Polling
{
    /// <summary>
    /// A task submit whose outcome is unknown: it was sent, and failed in a way that does not say whether the task was
    /// created (see <see cref="TaskMayExistException"/>). It stays in the journal until it is resolved, so a resume
    /// reports it instead of anyone submitting it again blindly.
    /// </summary>
    /// <param name="SubmitId">The journal's id for this submit.</param>
    /// <param name="Operation">The operationId that fetches tasks of this kind (as for <see cref="TaskJournalEntry.Operation"/>).</param>
    /// <param name="SubmitOperation">The operationId of the submit.</param>
    /// <param name="Method">The HTTP method sent.</param>
    /// <param name="Path">The path and query sent (no key in it).</param>
    /// <param name="Body">The body sent, as text (cut at 64 KiB), or a description of it.</param>
    /// <param name="IdempotencyKey">The idempotency key sent, if any.</param>
    /// <param name="SentAt">When the submit was first sent.</param>
    /// <param name="Failure">What went wrong, as the exception's message said.</param>
    public sealed record UnknownSubmitEntry(
        string SubmitId,
        string Operation,
        string SubmitOperation,
        string Method,
        string Path,
        string? Body,
        string? IdempotencyKey,
        DateTimeOffset SentAt,
        string Failure)
    {
        /// <inheritdoc />
        public override string ToString() => $"{SubmitId}: {SubmitOperation} ({Method} {Path}) sent {SentAt:u}, outcome unknown: {Failure}";
    }
}
