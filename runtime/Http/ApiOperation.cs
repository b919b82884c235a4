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
        /// <param name="httpMethod">The operation's HTTP method (<c>POST</c>), for its span and measurements; null when unknown.</param>
        /// <param name="routeTemplate">The path template as the document writes it (<c>/v1/videos/{task_id}</c>), for its span and measurements; null when unknown.</param>
        public ApiOperation(string operationId, string? taskOperation = null, string? idempotencyHeader = null, AnswerErrorRule? answerErrors = null, string? httpMethod = null, string? routeTemplate = null)
        {
            AnswerErrors = answerErrors;
            OperationId = string.IsNullOrEmpty(operationId) ? throw new ArgumentException("An operationId is required.", nameof(operationId)) : operationId;
            TaskOperation = string.IsNullOrEmpty(taskOperation) ? null : taskOperation;
            IdempotencyHeader = string.IsNullOrEmpty(idempotencyHeader) ? null : idempotencyHeader;
            HttpMethod = string.IsNullOrEmpty(httpMethod) ? null : httpMethod!.ToUpperInvariant();
            RouteTemplate = string.IsNullOrEmpty(routeTemplate) ? null : routeTemplate;
            GenAiOperation = GenAiOperationOf(RouteTemplate);
            SpanName = RouteTemplate is null ? OperationId : (HttpMethod ?? "HTTP") + " " + RouteTemplate;
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

        /// <summary>The operation's HTTP method, upper case, if the generator (or caller) gave it.</summary>
        public string? HttpMethod { get; }

        /// <summary>The operation's path template (<c>url.template</c> on its span), if the generator (or caller) gave it.</summary>
        public string? RouteTemplate { get; }

        /// <summary>
        /// The gen_ai operation (<c>chat</c>, <c>embeddings</c>) of an OpenAI-style route, whose answers carry a model and
        /// token usage; null for every other operation.
        /// </summary>
        internal string? GenAiOperation { get; }

        /// <summary>The name of the call's span: method and route template, or the operationId when the template is unknown.</summary>
        internal string SpanName { get; }

        private static string? GenAiOperationOf(string? route)
        {
            if (route is null)
            {
                return null;
            }

            if (route.EndsWith("/chat/completions", StringComparison.Ordinal))
            {
                return "chat";
            }

            return route.EndsWith("/embeddings", StringComparison.Ordinal) ? "embeddings" : null;
        }

        /// <inheritdoc />
        public override string ToString() => OperationId;
    }
}
