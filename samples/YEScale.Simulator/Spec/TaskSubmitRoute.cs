using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace YEScale.Simulator.Spec
{
    /// <summary>One link from a submit's answer to a task query: which query, and where the new task's id is in the answer.</summary>
    internal sealed record TaskLink(TaskQueryRoute Query, JsonPointer TaskIdPointer);

    /// <summary>
    /// A task submit: an operation whose success response links (OpenAPI <c>links</c>) to a task query, passing it the
    /// task id from the answer (<c>$response.body#/id</c>).
    /// </summary>
    internal sealed class TaskSubmitRoute
    {
        private TaskSubmitRoute(SpecOperation operation, IReadOnlyList<TaskLink> links, JsonNode? example)
        {
            Operation = operation;
            Links = links;
            Example = example;
            ExampleTaskId = links.Select(l => OpenApiDocument.Text(l.TaskIdPointer.Get(example))).FirstOrDefault(id => !string.IsNullOrEmpty(id));
        }

        public SpecOperation Operation { get; }

        /// <summary>The queries the answer links to (usually one).</summary>
        public IReadOnlyList<TaskLink> Links { get; }

        /// <summary>The success answer's example; null when the spec gives none.</summary>
        public JsonNode? Example { get; }

        /// <summary>The task id in <see cref="Example"/>, at the first link's pointer; it sets the shape of new ids.</summary>
        public string? ExampleTaskId { get; }

        /// <summary>The submit route of <paramref name="operation"/>, or null when its success response links to no task query.</summary>
        public static TaskSubmitRoute? TryRead(SpecOperation operation, IReadOnlyList<TaskQueryRoute> queries)
        {
            if (operation.Success?.Links is not { } links)
            {
                return null;
            }

            var found = new List<TaskLink>();
            foreach (var (_, value) in links)
            {
                if (operation.Document.ResolveObject(value) is not { } link || Target(operation.Document, link, queries) is not { } query)
                {
                    continue;
                }

                var expression = link["parameters"] is JsonObject parameters ? OpenApiDocument.Text(parameters[query.TaskIdParameter]) : null;
                if (JsonPointer.FromResponseBodyExpression(expression) is { Tokens.Count: > 0 } pointer)
                {
                    found.Add(new TaskLink(query, pointer));
                }
            }

            return found.Count == 0 ? null : new TaskSubmitRoute(operation, found, SpecOperation.ExampleOf(operation.Document, operation.Success.Preferred?.Node));
        }

        /// <summary>The query a link names by <c>operationId</c> or by <c>operationRef</c> (a local pointer to the operation).</summary>
        private static TaskQueryRoute? Target(OpenApiDocument document, JsonObject link, IReadOnlyList<TaskQueryRoute> queries)
        {
            if (OpenApiDocument.Text(link["operationId"]) is { } operationId)
            {
                return queries.FirstOrDefault(q => string.Equals(q.Operation.OperationId, operationId, StringComparison.Ordinal));
            }

            if (OpenApiDocument.Text(link["operationRef"]) is { } reference && reference.StartsWith('#'))
            {
                var target = JsonPointer.TryParse(Uri.UnescapeDataString(reference[1..]))?.Get(document.Root);
                return queries.FirstOrDefault(q => ReferenceEquals(q.Operation.Node, target));
            }

            return null;
        }
    }
}
