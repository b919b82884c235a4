using System;

namespace YEScale.Toolkit.Http
{
    /// <summary>
    /// What the pipeline must know about an operation to send it safely: its id, whether it submits a task (and which
    /// operation fetches those tasks), and the idempotency header its server honours. Generated clients hold one per
    /// operation.
    /// </summary>
    public sealed class ApiOperation
    {
        /// <summary>Describes an operation.</summary>
        /// <param name="operationId">The OpenAPI operationId.</param>
        /// <param name="taskOperation">For a task submit, the operationId that fetches its tasks (names the journal entry); null otherwise.</param>
        /// <param name="idempotencyHeader">The header the document says the server honours as an idempotency key (<c>x-yescale-idempotency</c>); null when it says none.</param>
        /// <param name="answerErrors">Where errors live inside successful answers (<c>x-yescale-errors</c>); null when they do not.</param>
        public ApiOperation(string operationId, string? taskOperation = null, string? idempotencyHeader = null, AnswerErrorRule? answerErrors = null)
        {
            AnswerErrors = answerErrors;
            OperationId = string.IsNullOrEmpty(operationId) ? throw new ArgumentException("An operationId is required.", nameof(operationId)) : operationId;
            TaskOperation = string.IsNullOrEmpty(taskOperation) ? null : taskOperation;
            IdempotencyHeader = string.IsNullOrEmpty(idempotencyHeader) ? null : idempotencyHeader;
        }

        /// <summary>The OpenAPI operationId.</summary>
        public string OperationId { get; }

        /// <summary>For a task submit, the operationId that fetches its tasks.</summary>
        public string? TaskOperation { get; }

        /// <summary>True for an operation that creates a billed task.</summary>
        public bool SubmitsTask => TaskOperation != null;

        /// <summary>The idempotency header the server honours, if the document says so.</summary>
        public string? IdempotencyHeader { get; }

        /// <summary>Where errors live inside successful answers, if the document says.</summary>
        public AnswerErrorRule? AnswerErrors { get; }

        /// <inheritdoc />
        public override string ToString() => OperationId;
    }
}
