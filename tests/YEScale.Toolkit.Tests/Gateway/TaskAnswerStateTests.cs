using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using YEScale.Simulator.Spec;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Gateway
{
    /// <summary>
    /// Every task family's answer, in every state its status words name, read by the generated client: the spec's
    /// example (the page's, where YEScale has one) and the same answer with every member the schema does not require
    /// removed, as a queued or failed task sends it. Nothing throws, no property the C# types as non-nullable holds
    /// null, and the x-yescale-task reads (status, error, progress, result) are null-safe.
    /// </summary>
    public class TaskAnswerStateTests
    {
        private static readonly JsonNode Spec = OpenApiDocumentReader.Parse(File.ReadAllText(Path.Combine(SeedPage.Repository, "spec", "yescale.openapi.yaml")), "spec");
        private static readonly NullabilityInfoContext Nullability = new();

        public static TheoryData<string> TaskQueries()
        {
            var data = new TheoryData<string>();
            foreach (var (_, operation) in Operations().Where(o => o.Operation["x-yescale-task"] is not null))
            {
                data.Add((string)operation["operationId"]!);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(TaskQueries))]
        public void Every_state_of_the_answer_reads_without_nulls_where_the_types_promise_none(string operationId)
        {
            var (_, operation) = Operations().Single(o => (string?)o.Operation["operationId"] == operationId);
            var media = operation["responses"]!["200"]!["content"]!["application/json"]!;
            var schema = Resolve(media["schema"]!);
            var type = typeof(YEScale.YEScaleClient).Assembly.GetType("YEScale." + RefName(media["schema"]!), throwOnError: true)!;
            var lifecycles = typeof(YEScale.YEScaleClient).Assembly.GetTypes()
                .Where(t => t.Namespace == "YEScale" && t.Name.EndsWith("Client", StringComparison.Ordinal))
                .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
                .Where(f => f.FieldType == typeof(TaskLifecycle<>).MakeGenericType(type))
                .Select(f => f.GetValue(null)!)
                .ToList();
            Assert.NotEmpty(lifecycles);
            var task = operation["x-yescale-task"]!;
            var statusPointer = Pointers(task["status"]).First();
            var words = Words(task["succeeded"]).Concat(Words(task["failed"])).Concat(EnumOf(SchemaAt(schema, statusPointer))).Distinct().ToList();
            var example = media["example"] ?? throw new InvalidOperationException(operationId + " has no example");
            var problems = new List<string>();

            foreach (var (shape, answer) in new[] { ("example", example.DeepClone()), ("required members only", RequiredOnly(example, schema, statusPointer.TrimStart('/').Split('/'))) })
            {
                foreach (var word in words.Prepend(null))
                {
                    var json = answer.DeepClone();
                    if (word != null)
                    {
                        Set(json, statusPointer, JsonValue.Create(word));
                    }

                    var label = shape + (word is null ? string.Empty : ", status " + word);
                    try
                    {
                        var value = JsonSerializer.Deserialize(json.ToJsonString(), type)!;
                        CheckNulls(value, type.Name, problems, label);
                        foreach (var lifecycle in lifecycles)
                        {
                            foreach (var read in new[] { "GetStatus", "GetError", "GetProgress", "GetResult" })
                            {
                                lifecycle.GetType().GetMethod(read)!.Invoke(lifecycle, new[] { value });
                            }
                        }
                    }
                    catch (Exception exception)
                    {
                        problems.Add(label + ": " + (exception is TargetInvocationException { InnerException: { } inner } ? inner : exception).Message);
                    }
                }
            }

            Assert.True(problems.Count == 0, operationId + ":\n" + string.Join("\n", problems.Distinct()));
        }

        [Theory]
        [MemberData(nameof(TaskQueries))]
        public async System.Threading.Tasks.Task The_simulators_answers_in_every_phase_read_without_nulls_where_the_types_promise_none(string operationId)
        {
            var (path, operation) = Operations().Single(o => (string?)o.Operation["operationId"] == operationId);
            var type = typeof(YEScale.YEScaleClient).Assembly.GetType("YEScale." + RefName(operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!), throwOnError: true)!;
            var (submitPath, submit, link) = Operations()
                .Where(o => o.Operation["responses"]?["200"]?["links"] is JsonObject)
                .SelectMany(o => o.Operation["responses"]!["200"]!["links"]!.AsObject().Select(l => (o.Path, o.Operation, Link: l.Value!)))
                .First(o => (string?)o.Link["operationId"] == operationId);
            var (parameter, expression) = link["parameters"]!.AsObject().Single();
            var inQuery = !path.Contains("{" + parameter + "}", StringComparison.Ordinal);
            var clock = new Simulator.ManualClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
            var options = new YEScale.Simulator.SimulatorOptions { QueuedFor = TimeSpan.FromSeconds(10), RunningFor = TimeSpan.FromSeconds(10) };
            await using var simulator = new YEScale.Simulator.YEScaleSimulator(options, clock);
            using var http = await Simulator.SimulatorHttp.StartAsync(simulator);
            var request = submit["requestBody"]!["content"]!["application/json"]!["example"]!;
            var problems = new List<string>();

            async System.Threading.Tasks.Task<string> SubmitAsync(bool fail)
            {
                var body = request.DeepClone();
                if (fail)
                {
                    MarkFirstText(body, " " + options.FailWhenPromptContains);
                }

                var (status, answer) = await Simulator.SimulatorHttp.PostJsonAsync(http, submitPath, body.ToJsonString());
                Assert.True((int)status == 200, submitPath + " answered " + status + ": " + answer);
                var pointer = ((string)expression!).Substring("$response.body#".Length);
                return Get(JsonNode.Parse(answer.GetRawText())!, pointer)!.ToString();
            }

            async System.Threading.Tasks.Task ReadAsync(string taskId, string phase)
            {
                var route = inQuery ? path + "?" + parameter + "=" + Uri.EscapeDataString(taskId) : path.Replace("{" + parameter + "}", Uri.EscapeDataString(taskId), StringComparison.Ordinal);
                var (status, answer) = await Simulator.SimulatorHttp.GetJsonAsync(http, route);
                Assert.True((int)status == 200, route + " answered " + status);
                var value = JsonSerializer.Deserialize(answer.GetRawText(), type)!;
                CheckNulls(value, type.Name, problems, phase);
            }

            var succeeding = await SubmitAsync(fail: false);
            var failing = await SubmitAsync(fail: true);
            await ReadAsync(succeeding, "queued");
            clock.Advance(TimeSpan.FromSeconds(15));
            await ReadAsync(succeeding, "running");
            clock.Advance(TimeSpan.FromSeconds(10));
            await ReadAsync(succeeding, "succeeded");
            await ReadAsync(failing, "failed");

            Assert.True(problems.Count == 0, operationId + ":\n" + string.Join("\n", problems.Distinct()));
        }

        /// <summary>Appends <paramref name="marker"/> to the first text member of a request, which makes the simulator fail its task.</summary>
        private static bool MarkFirstText(JsonNode node, string marker)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj.ToList())
                    {
                        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                        {
                            obj[name] = (string)text! + marker;
                            return true;
                        }

                        if (value != null && MarkFirstText(value, marker))
                        {
                            return true;
                        }
                    }

                    return false;
                case JsonArray array:
                    return array.Any(item => item != null && MarkFirstText(item, marker));
                default:
                    return false;
            }
        }

        private static JsonNode? Get(JsonNode node, string pointer)
        {
            JsonNode? current = node;
            foreach (var token in pointer.TrimStart('/').Split('/'))
            {
                current = current is JsonArray array ? array[int.Parse(token)] : current?[token];
            }

            return current;
        }

        /// <summary>A non-nullable reference property that holds null, anywhere in the graph, is a broken promise.</summary>
        private static void CheckNulls(object value, string path, List<string> problems, string label)
        {
            if (value is IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item != null && item.GetType().Namespace == "YEScale")
                    {
                        CheckNulls(item, path + "[" + i + "]", problems, label);
                    }

                    i++;
                }

                return;
            }

            foreach (var property in value.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
            {
                if (property.GetIndexParameters().Length > 0 || property.Name == "AdditionalProperties")
                {
                    continue;
                }

                var member = property.GetValue(value);
                if (member is null)
                {
                    if (!property.PropertyType.IsValueType && Nullability.Create(property).ReadState == NullabilityState.NotNull)
                    {
                        problems.Add(label + ": " + path + "." + property.Name + " is typed non-nullable but null");
                    }

                    continue;
                }

                if (member.GetType().Namespace == "YEScale" && !member.GetType().IsValueType || member is IEnumerable and not string)
                {
                    CheckNulls(member, path + "." + property.Name, problems, label);
                }
            }
        }

        /// <summary>
        /// The answer with only the members its schema requires, at every level, and the way to the status (<paramref name="keep"/>):
        /// a task answer without its status says nothing.
        /// </summary>
        private static JsonNode RequiredOnly(JsonNode node, JsonObject schema, string[] keep)
        {
            if (node is JsonArray array)
            {
                var items = schema["items"] is { } itemSchema ? Resolve(itemSchema) : new JsonObject();
                return new JsonArray(array.Select((item, i) => item is null ? null : RequiredOnly(item, items, keep.Length > 0 && keep[0] == i.ToString() ? keep[1..] : Array.Empty<string>())).ToArray());
            }

            if (node is not JsonObject obj)
            {
                return node.DeepClone();
            }

            var (required, properties) = Members(schema);
            var kept = new JsonObject();
            foreach (var (name, value) in obj)
            {
                var onTheWay = keep.Length > 0 && keep[0] == name;
                if (required.Contains(name) || onTheWay)
                {
                    var rest = onTheWay ? keep[1..] : Array.Empty<string>();
                    kept[name] = value is null ? null : properties.TryGetValue(name, out var memberSchema) ? RequiredOnly(value, memberSchema, rest) : value.DeepClone();
                }
            }

            return kept;
        }

        private static (HashSet<string> Required, Dictionary<string, JsonObject> Properties) Members(JsonObject schema)
        {
            var required = new HashSet<string>();
            var properties = new Dictionary<string, JsonObject>();
            foreach (var part in (schema["allOf"] as JsonArray)?.Select(p => Resolve(p!)).Prepend(schema) ?? new[] { schema })
            {
                foreach (var name in (part["required"] as JsonArray)?.Select(n => (string)n!) ?? Enumerable.Empty<string>())
                {
                    required.Add(name);
                }

                foreach (var (name, member) in (part["properties"] as JsonObject) ?? new JsonObject())
                {
                    properties[name] = Resolve(member!);
                }
            }

            return (required, properties);
        }

        private static JsonObject? SchemaAt(JsonObject schema, string pointer)
        {
            JsonObject? current = schema;
            foreach (var token in pointer.TrimStart('/').Split('/'))
            {
                if (current is null)
                {
                    return null;
                }

                current = int.TryParse(token, out _) && current["items"] is { } items
                    ? Resolve(items)
                    : Members(current).Properties.GetValueOrDefault(token);
            }

            return current;
        }

        private static void Set(JsonNode root, string pointer, JsonNode value)
        {
            var tokens = pointer.TrimStart('/').Split('/');
            var current = root;
            foreach (var token in tokens[..^1])
            {
                current = current is JsonArray array ? array[int.Parse(token)]! : (current[token] ??= new JsonObject());
            }

            current[tokens[^1]] = value;
        }

        private static JsonObject Resolve(JsonNode schema)
            => schema["$ref"] is { } reference ? Resolve(Spec["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!) : (JsonObject)schema;

        private static string RefName(JsonNode schema) => ((string)schema["$ref"]!).Split('/')[^1];

        private static IEnumerable<string> EnumOf(JsonObject? schema)
            => (schema?["enum"] as JsonArray)?.Select(v => v!.ToString()) ?? Enumerable.Empty<string>();

        private static IEnumerable<string> Words(JsonNode? node) => (node as JsonArray)?.Select(w => w!.ToString()) ?? Enumerable.Empty<string>();

        private static IEnumerable<string> Pointers(JsonNode? node) => node is JsonArray list ? list.Select(p => (string)p!) : new[] { (string)node! };

        private static IEnumerable<(string Path, JsonObject Operation)> Operations()
        {
            foreach (var (path, item) in Spec["paths"]!.AsObject())
            {
                foreach (var (_, operation) in item!.AsObject())
                {
                    if (operation is JsonObject op && op["operationId"] is not null)
                    {
                        yield return (path, op);
                    }
                }
            }
        }
    }
}
