using System.Collections.Generic;
using System.Linq;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>
    /// Writes the task members of a client class: for each fetch operation with <c>x-yescale-task</c>, its lifecycle
    /// (accessors compiled from the spec's JSON pointers), its registration as a task kind, a handle for an id and a
    /// wait; for each submit linked to one, the journal record and the handle it returns. Watching, downloading and
    /// waiting for many live in the runtime's <c>ApiTask</c> and <c>TaskClient</c>, written once rather than per task.
    /// </summary>
    internal static class TaskEmitter
    {
        private const string Polling = "global::YEScale.Toolkit.Polling";
        private const string Task = "global::System.Threading.Tasks.Task";
        private const string CancellationToken = "global::System.Threading.CancellationToken";

        public static bool HasTasks(SpecModel spec) => spec.Operations.Any(o => o.Task != null);

        public static string LifecycleField(TaskModel task) => task.Noun + "Lifecycle";

        /// <summary>The handle type a submit returns: its answer and the task's.</summary>
        public static string SubmittedType(string answerType, TaskModel task) => Polling + ".SubmittedTask<" + answerType + ", " + task.SnapshotType + ">";

        /// <summary>The registered kind of a fetch operation's tasks, looked up by name, so a submit in another sub-client finds it too.</summary>
        private static string Kind(OperationModel fetch)
            => "Tasks.Kind<" + fetch.Task!.SnapshotType + ">(" + CSharpText.Literal(fetch.OperationId) + ")";

        public static void WriteLifecycle(CodeWriter writer, OperationModel operation, TaskModel task)
        {
            var type = Polling + ".TaskLifecycle<" + task.SnapshotType + ">";
            DocComments.Summary(writer, null, "How " + operation.Member + "Async answers say where a task is, from the spec's x-yescale-task extension.");
            writer.Line("protected static readonly " + type + " " + LifecycleField(task) + " = new " + type + "(");
            writer.Line("    " + CSharpText.Literal(operation.OperationId) + ",");
            writer.Line("    snapshot => " + Text(task.Status, "snapshot") + ",");
            writer.Line("    new[] { " + string.Join(", ", task.Succeeded.Select(CSharpText.Literal)) + " },");
            writer.Line("    new string[] { " + string.Join(", ", task.Failed.Select(CSharpText.Literal)) + " },");
            writer.Line("    error: " + Accessor(task.Error) + ",");
            writer.Line("    progress: " + Accessor(task.Progress) + ",");
            writer.Line("    result: " + Accessor(task.Result) + ");");
        }

        /// <summary>
        /// Constructor statements registering the task kinds of one class's fetch operations (those a handle can fetch
        /// by id alone): their waits, tokens and the journal's resume go through them.
        /// </summary>
        public static void WriteRegistrations(CodeWriter writer, SpecModel spec, string? group, string tasks)
        {
            foreach (var operation in spec.Operations.Where(o => o.Group == group && o.TaskSurface?.Handle != null))
            {
                var task = operation.Task!;
                var requestOptions = ClientEmitter.RequestOptionsName(operation);
                var fetch = "(id__, options__, cancellationToken__) => " + operation.Member + "Async(id__, " + requestOptions + ": options__, cancellationToken: cancellationToken__)";
                var download = task.Result is null
                    ? "null"
                    : "(url__, id__, destination__, cancellationToken__) => Pipeline.DownloadAsync(url__, destination__, " + ClientEmitter.OperationField(operation) + ", id__, null, cancellationToken__)";
                writer.Line(tasks + ".Register(new " + Polling + ".TaskKind<" + task.SnapshotType + ">(" + LifecycleField(task) + ", " + tasks + ".Poller, " + fetch + ", " + download + "));");
            }
        }

        /// <summary>A fetch operation's task members: a handle for an id and the wait, or (when the fetch needs more than the id) the wait alone.</summary>
        public static void WriteTaskMembers(CodeWriter writer, OperationModel operation, TaskModel task)
        {
            var surface = operation.TaskSurface!;
            var snapshot = task.SnapshotType;
            var described = "(" + Join(task.Succeeded) + ", or " + (task.Failed.Count == 0 ? "never failing" : Join(task.Failed)) + ")";
            if (surface.Handle is { } handle)
            {
                writer.Line();
                DocComments.Summary(writer, null, "A handle for an existing task, to update, wait for, watch or download; nothing is sent until it is used.");
                DocComments.Param(writer, task.TaskIdParameter, "The task id, as the submit's answer or the handle's Id gave it.");
                writer.Line("public virtual " + Polling + ".ApiTask<" + snapshot + "> " + handle + "(string " + task.TaskIdParameter + ") => " + Kind(operation) + ".Existing(" + task.TaskIdParameter + ");");
                writer.Line();
                DocComments.Summary(writer, null, "Waits until the task has finished " + described + ", polling " + operation.Member + "Async with a growing interval and honouring Retry-After.");
                DocComments.Param(writer, task.TaskIdParameter, "The task id.");
                DocComments.Param(writer, "cancellationToken", "Stops the wait (not the task) promptly.");
                DocComments.Element(writer, "returns", "The answer whose status means success.");
                WriteWaitExceptions(writer);
                writer.Line("public virtual " + Task + "<" + snapshot + "> " + surface.Wait + "Async(string " + task.TaskIdParameter + ", " + CancellationToken + " cancellationToken = default) => " + handle + "(" + task.TaskIdParameter + ").WaitAsync(cancellationToken);");
                writer.Line();
                DocComments.Summary(writer, null, "Waits until the task has finished, polling as the options say.");
                DocComments.Param(writer, task.TaskIdParameter, "The task id.");
                DocComments.Param(writer, "options", "How to poll; null for the client's ApiClientOptions.TaskWait or the defaults.");
                DocComments.Param(writer, "cancellationToken", "Stops the wait (not the task) promptly.");
                DocComments.Element(writer, "returns", "The answer whose status means success.");
                WriteWaitExceptions(writer);
                writer.Line("public virtual " + Task + "<" + snapshot + "> " + surface.Wait + "Async(string " + task.TaskIdParameter + ", " + Polling + ".TaskWaitOptions? options, " + CancellationToken + " cancellationToken = default) => " + handle + "(" + task.TaskIdParameter + ").WaitAsync(options, cancellationToken);");
                return;
            }

            var required = operation.Parameters.Where(p => p.Required).ToList();
            var declared = string.Join(string.Empty, required.Select(p => TypeExpressions.TypeName(p.Type) + " " + p.Name + ", "));
            var forwarded = string.Join(string.Empty, required.Select(p => p.Name + ", "));
            var fetch = "cancellationToken__ => " + operation.Member + "Async(" + forwarded + ClientEmitter.RequestOptionsName(operation) + ": " + Polling + ".TaskPoller.PollRequest, cancellationToken: cancellationToken__)";
            var taskIdText = TypeExpressions.Format(required.First(p => p.Name == task.TaskIdParameter).Type, task.TaskIdParameter);
            writer.Line();
            DocComments.Summary(writer, null, "Waits until the task has finished " + described + ", polling " + operation.Member + "Async with a growing interval and honouring Retry-After.");
            foreach (var parameter in required)
            {
                DocComments.Param(writer, parameter.Name, parameter.Description);
            }

            DocComments.Param(writer, "options", "How to poll; null for the client's ApiClientOptions.TaskWait or the defaults.");
            DocComments.Param(writer, "progress", "Told of every change of status or progress.");
            DocComments.Param(writer, "cancellationToken", "Stops the wait (not the task) promptly.");
            DocComments.Element(writer, "returns", "The answer whose status means success.");
            WriteWaitExceptions(writer);
            using (writer.Block("public virtual " + Task + "<" + snapshot + "> " + surface.Wait + "Async(" + declared + Polling + ".TaskWaitOptions? options = null, global::System.IProgress<" + Polling + ".TaskSnapshot<" + snapshot + ">>? progress = null, " + CancellationToken + " cancellationToken = default)"))
            {
                writer.Line("return Tasks.Poller.WaitAsync<" + snapshot + ">(" + taskIdText + ", " + fetch + ", " + LifecycleField(task) + ", options, progress, cancellationToken);");
            }
        }

        /// <summary>
        /// The end of a submit method: the task id from the answer, recorded in the journal before the call returns;
        /// then the task's handle, or (when the task cannot be fetched by id alone) the answer.
        /// </summary>
        public static void WriteSubmitted(CodeWriter writer, OperationModel operation, TaskLinkModel link, OperationModel fetch)
        {
            var record = "await Tasks.Poller.RecordSubmittedAsync(taskId__, " + CSharpText.Literal(fetch.OperationId) + ", cancellationToken).ConfigureAwait(false);";
            if (fetch.TaskSurface?.Handle is null)
            {
                writer.Line("var taskId__ = " + Text(link.TaskId, "result__") + ";");
                writer.Line("if (taskId__ != null) " + record);
                writer.Line("return result__;");
                return;
            }

            // No id means no handle: the exception carries the answer, which may say more (the task may still exist).
            var answer = TypeExpressions.ApiJson + ".ToJsonString(result__, " + TypeExpressions.ConverterName(operation.Response.Type!.Name!) + ".Instance)";
            writer.Line("var taskId__ = " + Text(link.TaskId, "result__") + " ?? throw global::YEScale.Toolkit.Http.ApiPipeline.NoTaskId(" + CSharpText.Literal(operation.OperationId) + ", " + CSharpText.Literal(link.TaskId.Pointer) + ", " + answer + ");");
            writer.Line(record);
            writer.Line("return " + Kind(fetch) + ".Submitted(taskId__, result__);");
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
                case TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Double:
                    return access + call + "ToString(" + TypeExpressions.Invariant + ")";
                case TypeRefKind.Json:
                    return access + call + "GetRawText()";
                case TypeRefKind.Scalar:
                    // The wire text; a null-conditional access carries through the whole chain.
                    return TypeExpressions.Format(path.Leaf, call == "?." ? access + "?" : access);
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
                access = step.Index is int index
                    ? TypeExpressions.TaskPath + ".ItemAt(" + access + ", " + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")"
                    : access + (i == 0 ? "." : "?.") + step.Property;
            }

            return access;
        }

        private static string Accessor(ValuePath? path) => path is null ? "null" : "snapshot => " + Text(path, "snapshot");

        private static void WriteWaitExceptions(CodeWriter writer)
        {
            // One line instead of five on every wait method: the runtime's WaitAsync documents the exceptions once.
            writer.Line("/// <inheritdoc cref=\"" + Polling + ".TaskPoller.WaitAsync{T}\" path=\"/exception\"/>");
        }

        private static string Join(IEnumerable<string> values) => string.Join("/", values);
    }
}
