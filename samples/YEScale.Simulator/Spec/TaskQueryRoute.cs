using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace YEScale.Simulator.Spec
{
    /// <summary>How a progress value is written, by the schema type at the progress pointer.</summary>
    internal enum ProgressFormat
    {
        /// <summary>Text such as <c>45%</c>.</summary>
        Percent,

        /// <summary>An integer from 0 to 100.</summary>
        Integer,

        /// <summary>A number from 0 to 1.</summary>
        Fraction,

        /// <summary>A number from 0 to 100.</summary>
        Hundred,
    }

    /// <summary>What the error pointer holds: an object with code/message-like members, or a message text.</summary>
    internal enum ErrorFormat
    {
        Object,
        Text,
        Number,
    }

    /// <summary>
    /// A task query: an operation with <c>x-yescale-task</c>. Holds everything needed to answer it, worked out once from
    /// the spec: where the status, progress, result and error go, the status words of each phase, and the example.
    /// </summary>
    internal sealed class TaskQueryRoute
    {
        public const string ExtensionName = "x-yescale-task";

        private readonly List<string> _exampleTaskIds = new();

        private TaskQueryRoute(SpecOperation operation, string taskIdParameter, bool taskIdInQuery, JsonPointer status, IReadOnlyList<string> succeeded, IReadOnlyList<string> failed)
        {
            Operation = operation;
            TaskIdParameter = taskIdParameter;
            TaskIdInQuery = taskIdInQuery;
            Status = status;
            Succeeded = succeeded;
            Failed = failed;
        }

        public SpecOperation Operation { get; }

        /// <summary>The parameter holding the task id.</summary>
        public string TaskIdParameter { get; }

        /// <summary>Whether the id travels in the query string rather than in the path.</summary>
        public bool TaskIdInQuery { get; }

        public JsonPointer Status { get; }

        public IReadOnlyList<string> Succeeded { get; }

        public IReadOnlyList<string> Failed { get; }

        public JsonPointer? Error { get; private init; }

        public JsonPointer? Progress { get; private init; }

        public JsonPointer? Result { get; private init; }

        /// <summary>The word of a task that waits: the first of the status enum's pending values, else <c>queued</c>.</summary>
        public string QueuedWord { get; private init; } = "queued";

        /// <summary>The word of a task that runs: the last of the status enum's pending values, else <c>running</c>.</summary>
        public string RunningWord { get; private init; } = "running";

        /// <summary>The JSON type the status is written as: <c>string</c>, <c>integer</c>, <c>number</c> or <c>boolean</c>.</summary>
        public string StatusType { get; private init; } = "string";

        public ProgressFormat ProgressFormat { get; private init; }

        public ErrorFormat ErrorFormat { get; private init; }

        /// <summary>The members of an object-shaped error the schema describes, with their types (empty when it names none).</summary>
        public IReadOnlyList<ErrorMember> ErrorMembers { get; private init; } = Array.Empty<ErrorMember>();

        /// <summary>The result file's extension without the dot (<c>mp4</c>), from the example's URL.</summary>
        public string ResultExtension { get; private init; } = "mp4";

        /// <summary>The 200 answer's example; null when the spec gives none.</summary>
        public JsonNode? Example { get; private init; }

        /// <summary>The task ids the examples show for this route (submit examples first), each answered with <see cref="Example"/> verbatim.</summary>
        public IReadOnlyList<string> ExampleTaskIds => _exampleTaskIds;

        /// <summary>The routes that can query the same tasks (linked through shared submits) share a family number.</summary>
        public int Family { get; set; }

        /// <summary>Reads the extension of <paramref name="operation"/>; null when it has none; <paramref name="problem"/> says why one is unusable.</summary>
        public static TaskQueryRoute? TryRead(SpecOperation operation, out string? problem)
        {
            problem = null;
            if (!operation.Node.TryGetPropertyValue(ExtensionName, out var raw))
            {
                return null;
            }

            if (raw is not JsonObject extension)
            {
                problem = $"{operation.DisplayName}: {ExtensionName} is not an object";
                return null;
            }

            var document = operation.Document;
            var taskId = OpenApiDocument.Text(extension["taskId"]);
            if (taskId is null)
            {
                var pathParameters = operation.PathParameterNames();
                if (pathParameters.Count != 1)
                {
                    problem = $"{operation.DisplayName}: {ExtensionName} needs 'taskId' (the operation has {pathParameters.Count} path parameters)";
                    return null;
                }

                taskId = pathParameters[0];
            }

            // A parameter the operation does not declare is looked for in the path template, else in the query string.
            var inQuery = operation.Parameter(taskId) is { } parameter
                ? OpenApiDocument.Text(parameter["in"]) == "query"
                : !operation.Path.Contains("{" + taskId + "}", StringComparison.Ordinal);
            var status = Primary(extension["status"]);
            var succeeded = Words(extension["succeeded"]);
            if (status is null || status.Tokens.Count == 0 || succeeded.Count == 0)
            {
                problem = $"{operation.DisplayName}: {ExtensionName} needs a 'status' pointer and at least one 'succeeded' word";
                return null;
            }

            var failed = Words(extension["failed"]);
            var media = operation.Success?.Preferred;
            var schema = media?.Schema;
            var example = SpecOperation.ExampleOf(document, media?.Node);
            var error = Primary(extension["error"]);
            var progress = Primary(extension["progress"]);
            var result = Primary(extension["result"]);
            var statusSchema = document.SchemaAt(schema, status);

            // Pending words: the status enum's values before its first final one (an enum in lifecycle order), else
            // every value that is not final. A final word of another route listed after them ("error" in the relay's
            // shared enum) is never a running word.
            var values = document.EnumValues(statusSchema).ToArray();
            bool IsFinal(string word) => succeeded.Concat(failed).Contains(word, StringComparer.OrdinalIgnoreCase);
            var beforeFinal = values.TakeWhile(w => !IsFinal(w)).ToArray();
            var pending = beforeFinal.Length > 0 ? beforeFinal : values.Where(w => !IsFinal(w)).ToArray();
            var route = new TaskQueryRoute(operation, taskId, inQuery, status, succeeded, failed)
            {
                Error = error is { Tokens.Count: > 0 } ? error : null,
                Progress = progress is { Tokens.Count: > 0 } ? progress : null,
                Result = result is { Tokens.Count: > 0 } ? result : null,
                QueuedWord = pending.Length > 0 ? pending[0] : "queued",
                RunningWord = pending.Length > 0 ? pending[^1] : "running",
                StatusType = document.TypeOf(statusSchema) ?? KindOf(status.Get(example)) ?? "string",
                ProgressFormat = progress is null ? ProgressFormat.Percent : ReadProgressFormat(document, schema, progress, example),
                ErrorFormat = error is null ? ErrorFormat.Object : ReadErrorFormat(document, schema, error, example),
                ErrorMembers = error is null ? Array.Empty<ErrorMember>() : MembersOf(document, document.SchemaAt(schema, error)),
                ResultExtension = result is null ? "mp4" : ExtensionOf(OpenApiDocument.Text(result.Get(example))) ?? "mp4",
                Example = example,
            };
            if (ParameterExample(operation, taskId) is { } parameterExample)
            {
                route.AddExampleTaskId(parameterExample);
            }

            return route;
        }

        /// <summary>Records an id the examples use for this route's tasks (once).</summary>
        public void AddExampleTaskId(string id)
        {
            if (!_exampleTaskIds.Contains(id, StringComparer.Ordinal))
            {
                _exampleTaskIds.Add(id);
            }
        }

        /// <summary>Orders the submit examples' ids before any other, since they are what a client would have been given.</summary>
        public void PreferExampleTaskId(string id)
        {
            _exampleTaskIds.Remove(id);
            _exampleTaskIds.Insert(0, id);
        }

        /// <summary>The id in the query's own example, when no submit example gave one: a member named like the parameter, else <c>id</c>/<c>task_id</c>/<c>taskId</c>, nearest the top.</summary>
        public void FindExampleTaskIdInExample()
        {
            if (Example is null)
            {
                return;
            }

            var names = new[] { TaskIdParameter, "task_id", "taskId", "id" };
            var queue = new Queue<JsonNode?>();
            queue.Enqueue(Example);
            while (queue.Count > 0)
            {
                switch (queue.Dequeue())
                {
                    case JsonObject obj:
                        foreach (var name in names)
                        {
                            if (OpenApiDocument.Text(obj[name]) is { Length: > 0 } id && obj[name]!.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
                            {
                                AddExampleTaskId(id);
                                return;
                            }
                        }

                        foreach (var (_, child) in obj)
                        {
                            queue.Enqueue(child);
                        }

                        break;
                    case JsonArray array:
                        foreach (var child in array)
                        {
                            queue.Enqueue(child);
                        }

                        break;
                }
            }
        }

        /// <summary>The status word for a phase; a failure ends with <see cref="SimulatorOptions.FailureStatus"/> when the route lists it.</summary>
        public string WordFor(SimulatedTaskPhase phase, SimulatorOptions options) => phase switch
        {
            SimulatedTaskPhase.Queued => QueuedWord,
            SimulatedTaskPhase.Running => RunningWord,
            SimulatedTaskPhase.Succeeded => Succeeded[0],
            _ => Failed.FirstOrDefault(w => string.Equals(w, options.FailureStatus, StringComparison.OrdinalIgnoreCase))
                ?? (Failed.Count > 0 ? Failed[0] : options.FailureStatus),
        };

        /// <summary>A status word as the schema types it: a number or boolean where the word reads as one, else text.</summary>
        public JsonNode TypedStatus(string word)
        {
            switch (StatusType)
            {
                case "integer" when long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                    return JsonValue.Create(integer);
                case "number" when double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real):
                    return JsonValue.Create(real);
                case "boolean" when bool.TryParse(word, out var flag):
                    return JsonValue.Create(flag);
                default:
                    return JsonValue.Create(word);
            }
        }

        /// <summary>Progress <paramref name="percent"/> (0 to 100) in the route's format.</summary>
        public JsonNode TypedProgress(int percent) => ProgressFormat switch
        {
            ProgressFormat.Integer => JsonValue.Create((long)percent),
            ProgressFormat.Fraction => JsonValue.Create(percent / 100.0),
            ProgressFormat.Hundred => JsonValue.Create((double)percent),
            _ => JsonValue.Create(percent.ToString(CultureInfo.InvariantCulture) + "%"),
        };

        /// <summary>
        /// A pointer, or the first of a list of alternatives: answers are written in the shape the spec lists first (the
        /// client reads the others too).
        /// </summary>
        private static JsonPointer? Primary(JsonNode? node)
            => JsonPointer.TryParse(OpenApiDocument.Text(node is JsonArray alternatives && alternatives.Count > 0 ? alternatives[0] : node));

        private static IReadOnlyList<string> Words(JsonNode? node) => node switch
        {
            JsonArray items => items.Select(OpenApiDocument.Text).OfType<string>().Where(w => w.Length > 0).ToArray(),
            JsonValue value when OpenApiDocument.Text(value) is { Length: > 0 } single => new[] { single },
            _ => Array.Empty<string>(),
        };

        private static string? KindOf(JsonNode? value) => value?.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => OpenApiDocument.Text(value)!.Contains('.', StringComparison.Ordinal) ? "number" : "integer",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Object => "object",
            _ => null,
        };

        private static ProgressFormat ReadProgressFormat(OpenApiDocument document, JsonNode? schema, JsonPointer pointer, JsonNode? example)
        {
            var at = document.SchemaAt(schema, pointer);
            switch (document.TypeOf(at) ?? KindOf(pointer.Get(example)))
            {
                case "integer":
                    return ProgressFormat.Integer;
                case "number":
                    var maximum = at is null ? null : document.Find(at, "maximum");
                    var fraction = OpenApiDocument.Number(maximum) is { } max
                        ? max <= 1
                        : OpenApiDocument.Number(pointer.Get(example)) is > 0 and < 1;
                    return fraction ? ProgressFormat.Fraction : ProgressFormat.Hundred;
                default:
                    return ProgressFormat.Percent;
            }
        }

        private static ErrorFormat ReadErrorFormat(OpenApiDocument document, JsonNode? schema, JsonPointer pointer, JsonNode? example)
        {
            var at = document.SchemaAt(schema, pointer);
            var type = document.TypeOf(at) ?? (document.PropertyNames(at).Count > 0 ? "object" : KindOf(pointer.Get(example)));
            return type switch
            {
                "string" => ErrorFormat.Text,
                "integer" or "number" => ErrorFormat.Number,
                _ => ErrorFormat.Object,
            };
        }

        private static IReadOnlyList<ErrorMember> MembersOf(OpenApiDocument document, JsonObject? schema)
        {
            if (schema is null)
            {
                return Array.Empty<ErrorMember>();
            }

            return document.PropertyNames(schema)
                .Select(name =>
                {
                    var property = document.Property(schema, name);
                    return new ErrorMember(name, document.TypeOf(property), property?["example"]?.DeepClone());
                })
                .ToArray();
        }

        /// <summary>The extension of a URL's path (<c>mp4</c>, <c>png</c>), lower case; null when it has none.</summary>
        private static string? ExtensionOf(string? url)
        {
            if (string.IsNullOrEmpty(url))
            {
                return null;
            }

            var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url.Split('?', '#')[0];
            var name = path[(path.LastIndexOf('/') + 1)..];
            var dot = name.LastIndexOf('.');
            var extension = dot >= 0 ? name[(dot + 1)..].ToLowerInvariant() : string.Empty;
            return extension.Length is > 0 and <= 5 && extension.All(char.IsAsciiLetterOrDigit) ? extension : null;
        }

        private static string? ParameterExample(SpecOperation operation, string name)
        {
            if (operation.Parameter(name) is not { } parameter)
            {
                return null;
            }

            var example = parameter["example"] ?? (operation.Document.ResolveObject(parameter["schema"]) is { } schema ? operation.Document.Find(schema, "example") : null);
            return OpenApiDocument.Text(example) is { Length: > 0 } id ? id : null;
        }
    }

    /// <summary>A member of a task's failure detail: its name, its schema type, and the schema's example of it, if any.</summary>
    internal sealed record ErrorMember(string Name, string? Type, JsonNode? Example);
}
