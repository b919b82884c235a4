using System.Collections.Generic;
using System.Linq;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>
    /// Writes the task methods of a client: wait, watch, wait for many, resume and download for each fetch operation
    /// with <c>x-yescale-task</c>, and submit-and-wait for each operation linked to one. They delegate to the runtime's
    /// <c>TaskPoller</c> with a <c>TaskLifecycle</c> whose accessors are compiled from the spec's JSON pointers.
    /// </summary>
    internal static class TaskEmitter
    {
        private const string Polling = "global::YEScale.Toolkit.Polling";
        private const string Task = "global::System.Threading.Tasks.Task";
        private const string CancellationToken = "global::System.Threading.CancellationToken";

        public static bool HasTasks(SpecModel spec) => spec.Operations.Any(o => o.Task != null);

        public static string LifecycleField(TaskModel task) => task.Noun + "Lifecycle";

        public static void WriteLifecycle(CodeWriter writer, OperationModel operation, TaskModel task)
        {
            var type = Polling + ".TaskLifecycle<" + task.SnapshotType + ">";
            DocComments.Summary(writer, null, "How " + operation.MethodName + "Async answers say where a task is, from the spec's x-yescale-task extension.");
            writer.Line("protected static readonly " + type + " " + LifecycleField(task) + " = new " + type + "(");
            writer.Line("    " + CSharpText.Literal(operation.OperationId) + ",");
            writer.Line("    snapshot => " + Text(task.Status, "snapshot") + ",");
            writer.Line("    new[] { " + string.Join(", ", task.Succeeded.Select(CSharpText.Literal)) + " },");
            writer.Line("    new string[] { " + string.Join(", ", task.Failed.Select(CSharpText.Literal)) + " },");
            writer.Line("    error: " + Accessor(task.Error) + ",");
            writer.Line("    progress: " + Accessor(task.Progress) + ",");
            writer.Line("    result: " + Accessor(task.Result) + ");");
        }

        /// <summary>The wait methods for a fetch operation.</summary>
        public static void WriteWaitMethods(CodeWriter writer, OperationModel operation, TaskModel task)
        {
            var snapshot = task.SnapshotType;
            var required = operation.Parameters.Where(p => p.Required).ToList();
            var declared = string.Join(string.Empty, required.Select(p => TypeExpressions.TypeName(p.Type) + " " + p.Name + ", "));
            var forwarded = string.Join(string.Empty, required.Select(p => p.Name + ", "));
            var fetch = "cancellationToken__ => " + operation.MethodName + "Async(" + forwarded + PollOptions(operation) + "cancellationToken: cancellationToken__)";
            var taskId = task.TaskIdParameter;
            var taskIdText = TypeExpressions.Format(required.First(p => p.Name == taskId).Type, taskId);

            writer.Line();
            DocComments.Summary(writer, null, "Waits until the task has finished (" + Join(task.Succeeded) + ", or " + (task.Failed.Count == 0 ? "never failing" : Join(task.Failed)) + ") and returns its final answer, polling " + operation.MethodName + "Async with a growing interval and honouring Retry-After.");
            WriteParameterDocs(writer, required);
            DocComments.Param(writer, "options", "How to poll; null for the client's ApiClientOptions.TaskWait or the defaults.");
            DocComments.Param(writer, "progress", "Told of every change of status or progress.");
            DocComments.Param(writer, "cancellationToken", "Stops the wait (not the task) promptly.");
            DocComments.Element(writer, "returns", "The answer whose status means success.");
            WriteWaitExceptions(writer);
            using (writer.Block("public virtual " + Task + "<" + snapshot + "> WaitFor" + task.Noun + "Async(" + declared + Polling + ".TaskWaitOptions? options = null, global::System.IProgress<" + Polling + ".TaskSnapshot<" + snapshot + ">>? progress = null, " + CancellationToken + " cancellationToken = default)"))
            {
                writer.Line("return Tasks.WaitAsync<" + snapshot + ">(" + taskIdText + ", " + fetch + ", " + LifecycleField(task) + ", options, progress, cancellationToken);");
            }

            writer.Line();
            DocComments.Summary(writer, null, "Polls the task and yields a snapshot for its first answer and for every change of status or progress, ending with the finished task, for progress displays.");
            WriteParameterDocs(writer, required);
            DocComments.Param(writer, "options", "How to poll; null for the client's ApiClientOptions.TaskWait or the defaults.");
            DocComments.Param(writer, "cancellationToken", "Stops the wait (not the task) promptly.");
            WriteWaitExceptions(writer);
            using (writer.Block("public virtual global::System.Collections.Generic.IAsyncEnumerable<" + Polling + ".TaskSnapshot<" + snapshot + ">> Watch" + task.Noun + "Async(" + declared + Polling + ".TaskWaitOptions? options = null, " + CancellationToken + " cancellationToken = default)"))
            {
                writer.Line("return Tasks.WatchAsync<" + snapshot + ">(" + taskIdText + ", " + fetch + ", " + LifecycleField(task) + ", options, cancellationToken);");
            }

            var idParameter = required.First(p => p.Name == taskId);
            if (required.Count == 1 && idParameter.Type.Kind == TypeRefKind.String)
            {
                var plural = Plural(task.Noun);
                var fetchOne = "(taskId__, cancellationToken__) => " + operation.MethodName + "Async(taskId__, " + PollOptions(operation) + "cancellationToken: cancellationToken__)";
                writer.Line();
                DocComments.Summary(writer, null, "Waits for many tasks at once and yields each outcome as soon as it is known. Polls share one rate limit and one concurrency limit; a task that fails does not stop the others.");
                DocComments.Param(writer, "taskIds", "The ids of the tasks.");
                DocComments.Param(writer, "options", "Rate and concurrency limits, and how each task is polled.");
                DocComments.Param(writer, "cancellationToken", "Stops every wait (not the tasks).");
                using (writer.Block("public virtual global::System.Collections.Generic.IAsyncEnumerable<" + Polling + ".TaskOutcome<" + snapshot + ">> WaitFor" + plural + "Async(global::System.Collections.Generic.IEnumerable<string> taskIds, " + Polling + ".TaskBatchOptions? options = null, " + CancellationToken + " cancellationToken = default)"))
                {
                    writer.Line("return Tasks.WaitManyAsync<" + snapshot + ">(taskIds, " + fetchOne + ", " + LifecycleField(task) + ", options, cancellationToken);");
                }

                writer.Line();
                DocComments.Summary(writer, null, "Waits for every task of this kind that the task journal (ApiClientOptions.TaskJournal) lists as submitted and not finished: after a restart, nothing paid for is lost.");
                DocComments.Param(writer, "options", "Rate and concurrency limits, and how each task is polled.");
                DocComments.Param(writer, "cancellationToken", "Stops every wait (not the tasks).");
                writer.Line("/// <exception cref=\"global::System.InvalidOperationException\">The client has no task journal.</exception>");
                using (writer.Block("public virtual global::System.Collections.Generic.IAsyncEnumerable<" + Polling + ".TaskOutcome<" + snapshot + ">> Resume" + plural + "Async(" + Polling + ".TaskBatchOptions? options = null, " + CancellationToken + " cancellationToken = default)"))
                {
                    writer.Line("return Tasks.ResumeAsync<" + snapshot + ">(" + fetchOne + ", " + LifecycleField(task) + ", options, cancellationToken);");
                }
            }

            if (task.Result != null)
            {
                writer.Line();
                DocComments.Summary(writer, null, "Downloads a finished task's result (from " + task.Result.Describe() + ") into a stream. The API key is not sent: result links point at storage, not at the API.");
                DocComments.Param(writer, "task", "A finished task, as WaitFor" + task.Noun + "Async returns it.");
                DocComments.Param(writer, "destination", "Where the bytes go.");
                DocComments.Param(writer, "cancellationToken", "Stops the download.");
                writer.Line("/// <exception cref=\"global::System.ArgumentException\">The task has no result URL (it has not succeeded).</exception>");
                writer.Line("/// <exception cref=\"global::YEScale.Toolkit.ApiException\">The storage host answered with a non-success status.</exception>");
                using (writer.Block("public virtual " + Task + " Download" + task.Noun + "ResultAsync(" + snapshot + " task, global::System.IO.Stream destination, " + CancellationToken + " cancellationToken = default)"))
                {
                    writer.Line("if (task == null) throw new global::System.ArgumentNullException(nameof(task));");
                    writer.Line("var url__ = " + LifecycleField(task) + ".GetResult(task) ?? string.Empty;");
                    writer.Line("return Pipeline.DownloadAsync(url__, destination, " + ClientEmitter.OperationField(operation) + ", null, null, cancellationToken);");
                }
            }
        }

        /// <summary>The named argument that makes a wait's polls single tries: the wait rides out failures itself.</summary>
        private static string PollOptions(OperationModel fetch) => ClientEmitter.RequestOptionsName(fetch) + ": global::YEScale.Toolkit.Polling.TaskPoller.PollRequest, ";

        /// <summary>Submit-and-wait for an operation linked to a task operation.</summary>
        public static void WriteSubmitAndWait(CodeWriter writer, OperationModel operation, TaskLinkModel link, OperationModel fetch)
        {
            var task = fetch.Task!;
            var snapshot = task.SnapshotType;
            var required = operation.Parameters.Where(p => p.Required).ToList();
            var optional = operation.Parameters.Where(p => !p.Required).ToList();
            var declared = new List<string>();
            var forwarded = new List<string>();
            foreach (var parameter in required)
            {
                declared.Add(TypeExpressions.TypeName(parameter.Type) + " " + parameter.Name);
                forwarded.Add(parameter.Name);
            }

            if (operation.Body is { } body)
            {
                declared.Add(TypeExpressions.TypeName(body.Type, !body.Required) + " " + body.Name + (body.Required ? string.Empty : " = null"));
                forwarded.Add(body.Name + ": " + body.Name);
            }

            foreach (var parameter in optional)
            {
                declared.Add(TypeExpressions.TypeName(parameter.Type, nullable: true) + " " + parameter.Name + " = null");
                forwarded.Add(parameter.Name + ": " + parameter.Name);
            }

            writer.Line();
            DocComments.Summary(writer, null, "Submits a task with " + operation.MethodName + "Async, then waits until it has finished as WaitFor" + task.Noun + "Async does.");
            DocComments.Element(writer, "remarks", "Before the first poll it waits options.FirstDelay, or options.Interval when that is zero: a task just submitted is never finished at once. The task is in the journal (if the client has one) before the wait starts.");
            foreach (var parameter in required)
            {
                DocComments.Param(writer, parameter.Name, parameter.Description);
            }

            if (operation.Body is { } documented)
            {
                DocComments.Param(writer, documented.Name, documented.Description ?? "The request body.");
            }

            foreach (var parameter in optional)
            {
                DocComments.Param(writer, parameter.Name, parameter.Description);
            }

            DocComments.Param(writer, "options", "How to poll; null for the client's ApiClientOptions.TaskWait or the defaults.");
            DocComments.Param(writer, "progress", "Told of every change of status or progress.");
            DocComments.Param(writer, ClientEmitter.RequestOptionsName(operation), "The submit's timeout, headers, idempotency key and retry policy; null for the client's.");
            DocComments.Param(writer, "cancellationToken", "Stops the submit or the wait (not a submitted task) promptly.");
            DocComments.Element(writer, "returns", "The answer whose status means success.");
            WriteWaitExceptions(writer);
            declared.Add(Polling + ".TaskWaitOptions? options = null");
            declared.Add("global::System.IProgress<" + Polling + ".TaskSnapshot<" + snapshot + ">>? progress = null");
            var requestOptions = ClientEmitter.RequestOptionsName(operation);
            declared.Add("global::YEScale.Toolkit.RequestOptions? " + requestOptions + " = null");
            forwarded.Add(requestOptions + ": " + requestOptions);
            declared.Add(CancellationToken + " cancellationToken = default");
            forwarded.Add("cancellationToken: cancellationToken");
            using (writer.Block("public virtual async " + Task + "<" + snapshot + "> " + operation.MethodName + "AndWaitAsync(" + string.Join(", ", declared) + ")"))
            {
                writer.Line("var submitted__ = await " + operation.MethodName + "Async(" + string.Join(", ", forwarded) + ").ConfigureAwait(false);");
                writer.Line("var taskId__ = " + Text(link.TaskId, "submitted__") + " ?? throw global::YEScale.Toolkit.Http.ApiPipeline.NoTaskId(" + CSharpText.Literal(operation.OperationId) + ", " + CSharpText.Literal(link.TaskId.Pointer) + ");");
                writer.Line("var wait__ = (options ?? Tasks.DefaultOptions).Clone();");
                writer.Line("if (wait__.FirstDelay <= global::System.TimeSpan.Zero) wait__.FirstDelay = wait__.Interval;");
                writer.Line("return await Tasks.WaitAsync<" + snapshot + ">(taskId__, cancellationToken__ => " + link.FetchMethod + "Async(taskId__, " + PollOptions(fetch) + "cancellationToken: cancellationToken__), " + LifecycleField(task) + ", wait__, progress, cancellationToken).ConfigureAwait(false);");
            }
        }

        /// <summary>Statements that record a submitted task in the journal, in the submit method after its answer arrives.</summary>
        public static void WriteRecordSubmitted(CodeWriter writer, TaskLinkModel link, OperationModel fetch)
        {
            writer.Line("var submittedId__ = " + Text(link.TaskId, "result__") + ";");
            writer.Line("if (submittedId__ != null) await Tasks.RecordSubmittedAsync(submittedId__, " + CSharpText.Literal(fetch.OperationId) + ", cancellationToken).ConfigureAwait(false);");
        }

        /// <summary>
        /// An expression reading the path as text (null when any member on the way is absent); with alternatives, the
        /// first that gives a value.
        /// </summary>
        public static string Text(ValuePath path, string root)
        {
            var reads = path.Alternatives().Select((alternative, i) => Text(alternative, root, i)).ToList();
            return reads.Count == 1 ? reads[0] : "(" + string.Join(" ?? ", reads) + ")";
        }

        private static string Text(ValuePath path, string root, int alternative)
        {
            var access = Access(path, root);
            var chained = path.Steps.Count > 1;
            var call = path.LeafNullable && path.Leaf.IsValueType ? "?." : ".";
            switch (path.Leaf.Kind)
            {
                case TypeRefKind.String:
                    return access;
                case TypeRefKind.Uri:
                    return access + "?.OriginalString";
                case TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Single or TypeRefKind.Double or TypeRefKind.Decimal:
                    return access + call + "ToString(" + TypeExpressions.Invariant + ")";
                case TypeRefKind.Json:
                    return access + call + "GetRawText()";
                case TypeRefKind.Model:
                    var value = alternative == 0 ? "value__" : "value" + alternative.ToString(System.Globalization.CultureInfo.InvariantCulture) + "__";
                    return "(" + access + " is { } " + value + " ? " + TypeExpressions.ApiJson + ".ToJsonString(" + value + ", " + TypeExpressions.ConverterName(path.Leaf.Name!) + ".Instance) : null)";
                default:
                    // Enums, booleans, dates, guids: their ToString is the wire text (or close enough to compare ignoring case).
                    return chained || path.LeafNullable || !path.Leaf.IsValueType ? access + call + "ToString()" : access + ".ToString()";
            }
        }

        /// <summary>The member chain, null-conditional after the first step; an index step reads the item or null.</summary>
        private static string Access(ValuePath path, string root)
        {
            var access = root;
            for (var i = 0; i < path.Steps.Count; i++)
            {
                var step = path.Steps[i];
                access = ValuePath.IndexOf(step) is int index
                    ? TypeExpressions.TaskPath + ".ItemAt(" + access + ", " + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")"
                    : access + (i == 0 ? "." : "?.") + step;
            }

            return access;
        }

        private static string Accessor(ValuePath? path) => path is null ? "null" : "snapshot => " + Text(path, "snapshot");

        private static void WriteParameterDocs(CodeWriter writer, IEnumerable<ParameterModel> parameters)
        {
            foreach (var parameter in parameters)
            {
                DocComments.Param(writer, parameter.Name, parameter.Description);
            }
        }

        private static void WriteWaitExceptions(CodeWriter writer)
        {
            // One line instead of five on every wait method: the runtime's WaitAsync documents the exceptions once.
            writer.Line("/// <inheritdoc cref=\"" + Polling + ".TaskPoller.WaitAsync{T}\" path=\"/exception\"/>");
        }

        private static string Join(IEnumerable<string> values) => string.Join("/", values);

        private static string Plural(string noun)
        {
            if (noun.EndsWith("s", System.StringComparison.Ordinal) || noun.EndsWith("x", System.StringComparison.Ordinal) || noun.EndsWith("ch", System.StringComparison.Ordinal) || noun.EndsWith("sh", System.StringComparison.Ordinal))
            {
                return noun + "es";
            }

            if (noun.Length > 1 && noun.EndsWith("y", System.StringComparison.Ordinal) && "aeiou".IndexOf(noun[noun.Length - 2]) < 0)
            {
                return noun.Substring(0, noun.Length - 1) + "ies";
            }

            return noun + "s";
        }
    }
}
