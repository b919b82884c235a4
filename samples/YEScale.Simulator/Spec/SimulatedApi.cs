using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace YEScale.Simulator.Spec
{
    /// <summary>
    /// What the simulator serves, read from one OpenAPI document: task queries (<c>x-yescale-task</c>), the submits that
    /// link to them, and every other operation. Immutable once read, so one instance can serve many simulators.
    /// </summary>
    internal sealed class SimulatedApi
    {
        private static readonly Lazy<SimulatedApi> Embedded = new(() => Read(OpenApiDocument.Load(null)));

        private SimulatedApi(OpenApiDocument document, IReadOnlyList<SpecOperation> operations, IReadOnlyList<TaskQueryRoute> queries, IReadOnlyList<TaskSubmitRoute> submits, IReadOnlyList<string> problems)
        {
            Document = document;
            Operations = operations;
            Queries = queries;
            Submits = submits;
            Problems = problems;
        }

        public OpenApiDocument Document { get; }

        /// <summary>Every operation, task ones included.</summary>
        public IReadOnlyList<SpecOperation> Operations { get; }

        public IReadOnlyList<TaskQueryRoute> Queries { get; }

        public IReadOnlyList<TaskSubmitRoute> Submits { get; }

        /// <summary>Task extensions that could not be used, one line each (the operation is then served from its example).</summary>
        public IReadOnlyList<string> Problems { get; }

        /// <summary>The embedded spec's API (read once per process), or the one in the file at <paramref name="specPath"/>.</summary>
        public static SimulatedApi Load(string? specPath) => specPath is null ? Embedded.Value : Read(OpenApiDocument.Load(specPath));

        public static SimulatedApi Read(OpenApiDocument document)
        {
            var operations = SpecOperation.ReadAll(document);
            var problems = new List<string>();
            var queries = new List<TaskQueryRoute>();
            foreach (var operation in operations)
            {
                if (TaskQueryRoute.TryRead(operation, out var problem) is { } query)
                {
                    queries.Add(query);
                }
                else if (problem is not null)
                {
                    problems.Add(problem);
                }
            }

            var submits = operations
                .Where(o => !queries.Any(q => ReferenceEquals(q.Operation, o)))
                .Select(o => TaskSubmitRoute.TryRead(o, queries))
                .OfType<TaskSubmitRoute>()
                .ToList();
            AssignFamilies(queries, submits);
            foreach (var submit in submits.AsEnumerable().Reverse())
            {
                // Reversed, so the first submit's example id ends up first.
                foreach (var link in submit.Links)
                {
                    if (OpenApiDocument.Text(link.TaskIdPointer.Get(submit.Example)) is { Length: > 0 } id)
                    {
                        link.Query.PreferExampleTaskId(id);
                    }
                }
            }

            foreach (var query in queries)
            {
                query.FindExampleTaskIdInExample();
            }

            return new SimulatedApi(document, operations, queries, submits, problems);
        }

        /// <summary>The query route of an operation, or null.</summary>
        public TaskQueryRoute? QueryOf(SpecOperation operation) => Queries.FirstOrDefault(q => ReferenceEquals(q.Operation, operation));

        /// <summary>The submit route of an operation, or null.</summary>
        public TaskSubmitRoute? SubmitOf(SpecOperation operation) => Submits.FirstOrDefault(s => ReferenceEquals(s.Operation, operation));

        /// <summary>The query routes of a family.</summary>
        public IEnumerable<TaskQueryRoute> Family(int family) => Queries.Where(q => q.Family == family);

        /// <summary>Routes joined by a submit that links to both answer for the same tasks: a union-find over the links.</summary>
        private static void AssignFamilies(IReadOnlyList<TaskQueryRoute> queries, IReadOnlyList<TaskSubmitRoute> submits)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                queries[i].Family = i;
            }

            bool changed;
            do
            {
                changed = false;
                foreach (var submit in submits)
                {
                    var lowest = submit.Links.Min(l => l.Query.Family);
                    foreach (var link in submit.Links.Where(l => l.Query.Family != lowest))
                    {
                        var old = link.Query.Family;
                        foreach (var query in queries.Where(q => q.Family == old))
                        {
                            query.Family = lowest;
                        }

                        changed = true;
                    }
                }
            }
            while (changed);
        }
    }
}
