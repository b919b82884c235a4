using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using YEScale.Simulator.Spec;

namespace YEScale.Simulator.Tasks
{
    /// <summary>
    /// Builds task answers from the spec's examples: a copy of the example, with the real task id, status, progress,
    /// result link and error written where the route's pointers say.
    /// </summary>
    internal static class TaskAnswers
    {
        public const string FailureCode = "simulated_failure";

        public const string FailureMessage = "The simulated task failed.";

        // Error members by meaning: a machine-readable code, or a text for people.
        private static readonly string[] CodeNames = { "code", "error_code", "errorCode", "type", "status" };
        private static readonly string[] MessageNames = { "message", "msg", "reason", "detail", "details", "description", "error", "error_message", "errorMessage", "fail_reason", "failReason" };

        /// <summary>The submit's answer: its example with the new id at every link pointer, and its times now.</summary>
        public static JsonNode Submitted(TaskSubmitRoute submit, string id, DateTimeOffset now)
        {
            var answer = Container(submit.Example?.DeepClone());
            if (submit.ExampleTaskId is { } exampleId)
            {
                ReplaceStrings(answer, new[] { exampleId }, id);
            }

            foreach (var holder in submit.Links.Select(l => l.TaskIdPointer.Parent.Get(answer)).Append(answer).OfType<JsonObject>().Distinct())
            {
                TaskTimes.ApplySubmitted(holder, now);
            }

            foreach (var link in submit.Links)
            {
                // An id the example shows as a number stays a number when it is one.
                var shownAsNumber = link.TaskIdPointer.Get(submit.Example)?.GetValueKind() == JsonValueKind.Number;
                link.TaskIdPointer.Set(answer, shownAsNumber && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(id));
            }

            return answer;
        }

        /// <summary>A query's answer for <paramref name="task"/> at <paramref name="now"/>; <paramref name="statusOverride"/> replaces the status word as written.</summary>
        public static JsonNode Queried(TaskQueryRoute route, SimulatedTask task, DateTimeOffset now, SimulatorOptions options, string? statusOverride, string baseUri)
        {
            var answer = Container(route.Example?.DeepClone());
            if (task.IsExample)
            {
                // The spec's own example, exactly as written (unless a fault changes its status).
                if (statusOverride is not null)
                {
                    route.Status.Set(answer, JsonValue.Create(statusOverride));
                }

                return answer;
            }

            ReplaceStrings(answer, route.ExampleTaskIds, task.Id);
            var taskObject = route.Status.Parent.Get(answer) as JsonObject;
            Echo(taskObject, task.Request);
            foreach (var holder in new[] { answer as JsonObject, taskObject }.OfType<JsonObject>().Distinct())
            {
                TaskTimes.Apply(holder, task, now, options);
            }

            var phase = task.PhaseAt(now, options);
            route.Status.Set(answer, statusOverride is not null ? JsonValue.Create(statusOverride) : route.TypedStatus(route.WordFor(phase, options)));
            route.Progress?.Set(answer, route.TypedProgress(task.ProgressAt(now, options)));
            if (route.Result is { } result)
            {
                if (phase == SimulatedTaskPhase.Succeeded)
                {
                    result.Set(answer, JsonValue.Create(ResultUrl(baseUri, task.Id, route.ResultExtension)));
                }
                else
                {
                    result.Remove(answer);
                }
            }

            if (route.Error is { } error)
            {
                if (phase == SimulatedTaskPhase.Failed)
                {
                    error.Set(answer, ErrorValue(route));
                }
                else
                {
                    error.Remove(answer);
                }
            }

            return answer;
        }

        /// <summary>Where a finished task's file is served.</summary>
        public static string ResultUrl(string baseUri, string id, string extension) => $"{baseUri}/files/{Uri.EscapeDataString(id)}.{extension}";

        /// <summary>When the example says its task was created, if it says.</summary>
        public static DateTimeOffset? ExampleCreatedAt(TaskQueryRoute route) =>
            TaskTimes.Created(route.Status.Parent.Get(route.Example) as JsonObject) ?? TaskTimes.Created(route.Example as JsonObject);

        private static JsonNode Container(JsonNode? example) => example is JsonObject or JsonArray ? example : new JsonObject();

        /// <summary>Every string equal to one of the example's task ids becomes the real id.</summary>
        private static void ReplaceStrings(JsonNode node, IReadOnlyCollection<string> exampleIds, string id)
        {
            if (exampleIds.Count == 0)
            {
                return;
            }

            switch (node)
            {
                case JsonObject obj:
                    foreach (var name in obj.Select(p => p.Key).ToArray())
                    {
                        if (IsOneOf(obj[name], exampleIds))
                        {
                            obj[name] = id;
                        }
                        else if (obj[name] is { } child)
                        {
                            ReplaceStrings(child, exampleIds, id);
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (IsOneOf(array[i], exampleIds))
                        {
                            array[i] = id;
                        }
                        else if (array[i] is { } child)
                        {
                            ReplaceStrings(child, exampleIds, id);
                        }
                    }

                    break;
            }
        }

        private static bool IsOneOf(JsonNode? node, IReadOnlyCollection<string> values) =>
            node is JsonValue value && value.GetValueKind() == JsonValueKind.String && values.Contains(value.GetValue<string>(), StringComparer.Ordinal);

        /// <summary>
        /// What the task was asked for shows in its answer as the service would echo it: a <c>request</c> object becomes the
        /// submitted body, and a scalar member the body also has at its top level (<c>model</c>, <c>prompt</c>) takes the body's value.
        /// </summary>
        private static void Echo(JsonObject? taskObject, JsonNode? request)
        {
            if (taskObject is null || request is not JsonObject body)
            {
                return;
            }

            foreach (var name in taskObject.Select(p => p.Key).ToArray())
            {
                var current = taskObject[name];
                if (name == "request" && current is JsonObject)
                {
                    taskObject[name] = body.DeepClone();
                }
                else if (current is JsonValue value && body[name] is JsonValue sent && value.GetValueKind() == sent.GetValueKind())
                {
                    taskObject[name] = sent.DeepClone();
                }
            }
        }

        /// <summary>The failure detail in the shape the error pointer's schema has.</summary>
        private static JsonNode ErrorValue(TaskQueryRoute route)
        {
            switch (route.ErrorFormat)
            {
                case ErrorFormat.Text:
                    return JsonValue.Create(FailureMessage);
                case ErrorFormat.Number:
                    return JsonValue.Create(1L);
            }

            var error = new JsonObject();
            foreach (var member in route.ErrorMembers)
            {
                var isCode = CodeNames.Contains(member.Name, StringComparer.OrdinalIgnoreCase);
                if (!isCode && !MessageNames.Contains(member.Name, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                // The spec's own example of a failure reads like the real service; the generic words only stand in for it.
                error[member.Name] = member.Example?.DeepClone() ?? (member.Type is "integer" or "number"
                    ? JsonValue.Create(1L)
                    : JsonValue.Create(isCode ? FailureCode : FailureMessage));
            }

            if (error.Count == 0)
            {
                error["code"] = FailureCode;
                error["message"] = FailureMessage;
            }

            return error;
        }
    }
}
