using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator.Tasks
{
    /// <summary>The tasks of one simulator: the examples the spec shows, and every task submitted since.</summary>
    internal sealed class TaskStore
    {
        private readonly ConcurrentDictionary<string, SimulatedTask> _tasks = new(StringComparer.Ordinal);
        private readonly SimulatedApi _api;

        public TaskStore(SimulatedApi api)
        {
            _api = api;

            // Each query route's example ids exist from the start, already succeeded; a later route does not take over an id.
            foreach (var query in api.Queries)
            {
                foreach (var id in query.ExampleTaskIds)
                {
                    var createdAt = TaskAnswers.ExampleCreatedAt(query) ?? DateTimeOffset.UnixEpoch;
                    _tasks.TryAdd(id, new SimulatedTask(id, createdAt, willFail: false, isExample: true, null, null, query, ExtensionsOf(query.Family)));
                }
            }
        }

        public IReadOnlyCollection<SimulatedTask> All => _tasks.Values.ToList();

        public bool TryGet(string id, out SimulatedTask task) => _tasks.TryGetValue(id, out task!);

        /// <summary>Creates a task for a submit, with an id shaped like the submit example's and unused so far.</summary>
        public SimulatedTask Create(TaskSubmitRoute submit, JsonNode? request, DateTimeOffset now, bool willFail)
        {
            var route = submit.Links[0].Query;
            var extensions = ExtensionsOf(route.Family);
            while (true)
            {
                var id = TaskIds.New(submit.ExampleTaskId ?? route.ExampleTaskIds.FirstOrDefault(), now);
                var task = new SimulatedTask(id, now, willFail, isExample: false, submit.Operation.OperationId ?? submit.Operation.DisplayName, request, route, extensions);
                if (_tasks.TryAdd(id, task))
                {
                    return task;
                }
            }
        }

        private IReadOnlyCollection<string> ExtensionsOf(int family) =>
            _api.Family(family).Select(q => q.ResultExtension).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }
}
