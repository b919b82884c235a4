using System.Collections.Generic;

namespace YEScale.Simulator
{
    /// <summary>
    /// One task route the simulator serves, as the spec describes it: a submit operation and the query its answer links
    /// to. Lets a client (or a test) drive every task route without knowing each model's field names.
    /// </summary>
    public sealed class SimulatedTaskRoute
    {
        internal SimulatedTaskRoute()
        {
        }

        public string? SubmitOperationId { get; internal init; }

        /// <summary>The submit's HTTP method (upper case) and path.</summary>
        public string SubmitMethod { get; internal init; } = "POST";

        public string SubmitPath { get; internal init; } = "/";

        /// <summary>The request body's media type (JSON when offered, else the first; <c>multipart/form-data</c> for uploads); null when it takes none.</summary>
        public string? SubmitContentType { get; internal init; }

        /// <summary>The request example the spec gives, as JSON text; null when it gives none.</summary>
        public string? SubmitExample { get; internal init; }

        /// <summary>The request schema's top-level required members.</summary>
        public IReadOnlyList<string> SubmitRequiredMembers { get; internal init; } = new List<string>();

        /// <summary>Where the task id is in the submit answer (<c>/id</c>, <c>/data</c>...).</summary>
        public string TaskIdPointer { get; internal init; } = string.Empty;

        public string? QueryOperationId { get; internal init; }

        /// <summary>The query's path template (<c>/seedance/generations/{task_id}</c>).</summary>
        public string QueryPath { get; internal init; } = "/";

        /// <summary>The query parameter holding the task id, and whether it travels in the query string rather than in the path.</summary>
        public string TaskIdParameter { get; internal init; } = string.Empty;

        public bool TaskIdInQuery { get; internal init; }

        /// <summary>The pointer to the status in the query answer.</summary>
        public string StatusPointer { get; internal init; } = string.Empty;

        /// <summary>The words the simulator writes, in order: queued, running, succeeded; and the failure words the spec lists.</summary>
        public string QueuedStatus { get; internal init; } = string.Empty;

        public string RunningStatus { get; internal init; } = string.Empty;

        public string SucceededStatus { get; internal init; } = string.Empty;

        public IReadOnlyList<string> FailedStatuses { get; internal init; } = new List<string>();

        /// <summary>The pointers to progress, the result link and the failure detail; null when the spec names none.</summary>
        public string? ProgressPointer { get; internal init; }

        public string? ResultPointer { get; internal init; }

        public string? ErrorPointer { get; internal init; }

        /// <summary>The result file's extension (<c>mp4</c>, <c>png</c>, <c>mp3</c>).</summary>
        public string ResultExtension { get; internal init; } = "mp4";

        /// <summary>The task ids the spec's examples show for the query: always there, already succeeded.</summary>
        public IReadOnlyList<string> ExampleTaskIds { get; internal init; } = new List<string>();

        public override string ToString() => $"{SubmitMethod} {SubmitPath} -> GET {QueryPath}";
    }
}
