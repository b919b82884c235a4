using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;
using YEScale.Toolkit.Generator.Parsing;

namespace YEScale.Toolkit.Generator.Tests.Spec
{
    /// <summary>
    /// House rules for an OpenAPI document, beyond what makes it valid: each rule returns every problem it finds as
    /// one line naming the operation (method, path, id) and what is wrong, so a failing test lists them all at once.
    /// </summary>
    internal sealed class SpecLint
    {
        public const string TaskExtension = "x-yescale-task";

        /// <summary>Path parameter names that make a GET a task query (rule 3).</summary>
        private static readonly string[] TaskIdNames = { "task_id", "id", "taskId" };

        /// <summary>The pointers in x-yescale-task that must resolve against the task's answer.</summary>
        private static readonly string[] TaskPointers = { "status", "error", "progress", "result" };

        /// <summary>NSwag's own YAML reading: right for structure, but it turns every scalar into a string.</summary>
        private readonly OpenApiDocument _document;

        /// <summary>
        /// The same text read as the toolkit reads it (plain scalars typed by the YAML 1.2 core schema), for the
        /// examples: on <see cref="_document"/> an integer example is the string "5" and fails its schema.
        /// </summary>
        private readonly OpenApiDocument _typed;

        private readonly List<Operation> _operations;

        private SpecLint(OpenApiDocument document, OpenApiDocument typed)
        {
            _document = document;
            _typed = typed;
            _operations = Operations(document).ToList();
        }

        public static Task<SpecLint> LoadFileAsync(string path) => FromYamlAsync(File.ReadAllText(path), path);

        /// <summary>Both readings come from one text, so a spec being edited cannot differ between them.</summary>
        public static async Task<SpecLint> FromYamlAsync(string yaml, string? documentPath = null)
        {
            var document = await OpenApiYamlDocument.FromYamlAsync(yaml, documentPath);
            var json = DocumentReader.Read(yaml, isJson: false).ToString(Formatting.None);
            var typed = await OpenApiDocument.FromJsonAsync(json, documentPath);
            return new SpecLint(document, typed);
        }

        /// <summary>Rule 1: a non-empty operationId, unique in the document, and a non-empty summary.</summary>
        public List<string> IdsAndSummaries()
        {
            var problems = new List<string>();
            var owners = _operations
                .Where(o => !IsBlank(o.Source.OperationId))
                .GroupBy(o => o.Source.OperationId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var operation in _operations)
            {
                var id = operation.Source.OperationId;
                if (IsBlank(id))
                {
                    problems.Add(operation + ": has no operationId");
                }
                else if (owners[id].Count > 1)
                {
                    problems.Add(operation + ": operationId is also used by " + string.Join(", ", owners[id].Where(o => o != operation).Select(o => o.Route)));
                }

                if (IsBlank(operation.Source.Summary))
                {
                    problems.Add(operation + ": has no summary");
                }
            }

            return problems;
        }

        /// <summary>
        /// Rule 2: at least one 2xx response, each with a typed body (a JSON schema that says something, any schema
        /// for text such as an event stream, <c>format: binary</c> for files) or bodiless by being a 204.
        /// </summary>
        public List<string> TypedSuccessResponses()
        {
            var problems = new List<string>();
            foreach (var operation in _operations)
            {
                var successes = SuccessResponses(operation.Source).ToList();
                if (successes.Count == 0)
                {
                    problems.Add(operation + ": has no 2xx response");
                }

                foreach (var (code, response) in successes)
                {
                    if (response.Content is null || response.Content.Count == 0)
                    {
                        if (code != "204")
                        {
                            problems.Add(operation + ": " + code + " has no content (only a 204 may be bodiless)");
                        }

                        continue;
                    }

                    foreach (var (contentType, media) in response.Content)
                    {
                        var problem = UntypedBody(contentType, media.Schema);
                        if (problem != null)
                        {
                            problems.Add(operation + ": " + code + " " + contentType + " " + problem);
                        }
                    }
                }
            }

            return problems;
        }

        /// <summary>
        /// Rule 3: link targets and GETs that look like task queries carry x-yescale-task; the extension has
        /// <c>status</c> and <c>succeeded</c>, names a real task id parameter, and its pointers resolve in the 200 answer.
        /// </summary>
        public List<string> TaskExtensions()
        {
            var problems = new List<string>();
            var linkTargets = new HashSet<Operation>();
            foreach (var operation in _operations)
            {
                foreach (var (_, _, link) in Links(operation))
                {
                    if (FindTarget(link) is { } target)
                    {
                        linkTargets.Add(target);
                    }
                }
            }

            foreach (var operation in _operations)
            {
                var extension = TaskExtensionOf(operation.Source);
                if (extension is null)
                {
                    if (linkTargets.Contains(operation))
                    {
                        problems.Add(operation + ": is the target of a response link but has no " + TaskExtension);
                    }
                    else if (LooksLikeTaskQuery(operation, out var why))
                    {
                        problems.Add(operation + ": " + why + " but has no " + TaskExtension);
                    }

                    continue;
                }

                if (extension is not IDictionary<string, object?> map)
                {
                    problems.Add(operation + ": " + TaskExtension + " is not an object");
                    continue;
                }

                foreach (var problem in TaskExtensionProblems(operation, map))
                {
                    problems.Add(operation + ": " + TaskExtension + " " + problem);
                }
            }

            return problems;
        }

        /// <summary>
        /// Rule 4: each link of a submit (a POST whose 2xx response links) names an operation that exists and passes
        /// parameters it has, each from <c>$response.body#/pointer</c> resolving in the submit answer, the task id among them.
        /// </summary>
        public List<string> SubmitLinks()
        {
            var problems = new List<string>();
            foreach (var operation in _operations.Where(o => o.Method == "post"))
            {
                foreach (var (code, response, link) in Links(operation))
                {
                    var name = "link to " + (link.OperationId ?? link.OperationRef ?? "nothing");
                    var target = FindTarget(link);
                    if (target is null)
                    {
                        problems.Add(operation + ": " + code + " " + name + ": no such operation");
                        continue;
                    }

                    if (link.Parameters is null || link.Parameters.Count == 0)
                    {
                        problems.Add(operation + ": " + code + " " + name + ": passes no parameter");
                        continue;
                    }

                    var bodySchema = JsonSchemaOf(response);
                    foreach (var (key, value) in link.Parameters)
                    {
                        var parameterName = UnqualifiedParameterName(key);
                        if (!ParametersOf(target.Source).Any(p => p.Name == parameterName))
                        {
                            problems.Add(operation + ": " + code + " " + name + ": passes '" + key + "', which " + target.Route + " does not have");
                        }

                        var problem = LinkExpressionProblem(value as string, bodySchema);
                        if (problem != null)
                        {
                            problems.Add(operation + ": " + code + " " + name + ": '" + key + "' " + problem);
                        }
                    }

                    // Without the task id the client cannot offer submit-and-wait for this pair.
                    if (TaskExtensionOf(target.Source) is IDictionary<string, object?> extension
                        && TaskIdParameter(target, extension) is { } taskId
                        && !link.Parameters.Keys.Any(k => UnqualifiedParameterName(k) == taskId))
                    {
                        problems.Add(operation + ": " + code + " " + name + ": does not pass the task id '" + taskId + "'");
                    }
                }
            }

            return problems;
        }

        /// <summary>
        /// Rule 5: every example validates against its schema: media-type examples (<c>example</c> and
        /// <c>examples</c>) of JSON request bodies and responses, parameter examples, and schema-level examples.
        /// </summary>
        public List<string> Examples()
        {
            var problems = new List<string>();
            var visited = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
            foreach (var operation in Operations(_typed))
            {
                foreach (var parameter in ParametersOf(operation.Source))
                {
                    var schema = parameter.Schema ?? parameter;
                    var where = operation + ": parameter '" + parameter.Name + "'";
                    Check(where + " example", parameter.Example, schema, problems);
                    CheckAll(where, parameter.Examples, schema, problems);
                    CheckSchemaExamples(where + " schema", parameter.Schema, visited, problems);
                }

                if (operation.Source.ActualRequestBody?.Content is { } requestContent)
                {
                    CheckMediaTypes(operation + ": request body", requestContent, visited, problems);
                }

                foreach (var (code, response) in operation.Source.ActualResponses)
                {
                    if (response.ActualResponse.Content is { } responseContent)
                    {
                        CheckMediaTypes(operation + ": " + code, responseContent, visited, problems);
                    }
                }
            }

            if (_typed.Components?.Schemas is { } components)
            {
                foreach (var (name, schema) in components)
                {
                    CheckSchemaExamples("#/components/schemas/" + name, schema, visited, problems);
                }
            }

            return problems;
        }

        /// <summary>Rule 6: every tag an operation uses is declared in the top-level <c>tags</c>, with a description.</summary>
        /// <summary>
        /// Rule 7: every operation is traced to its evidence: <c>x-yescale-doc</c> names the YEScale page that documents
        /// it (<c>api-NNN</c> or <c>doc-NNN</c>), or its description says that no YEScale page confirms it and names
        /// the best source there is.
        /// </summary>
        public List<string> Evidence()
        {
            var problems = new List<string>();
            foreach (var operation in _operations)
            {
                var page = DocPage(operation.Source);
                var saysUnverified = operation.Source.Description?.Contains(NoPageSentence, StringComparison.Ordinal) == true;
                if (page is null && !saysUnverified)
                {
                    problems.Add(operation + ": names no YEScale page (x-yescale-doc) and its description does not say \"" + NoPageSentence + " ...\"");
                }
                else if (page is not null && !System.Text.RegularExpressions.Regex.IsMatch(page, "^(api|doc)-[0-9]+$"))
                {
                    problems.Add(operation + ": x-yescale-doc '" + page + "' is not a YEScale page id (api-NNN or doc-NNN)");
                }
                else if (page is not null && saysUnverified)
                {
                    problems.Add(operation + ": names page " + page + " and also says no YEScale page confirms it");
                }
            }

            return problems;
        }

        /// <summary>The sentence an operation's description starts its evidence with when no YEScale page documents it.</summary>
        public const string NoPageSentence = "No YEScale page confirms this operation; the best source is";

        /// <summary>The operation's <c>x-yescale-doc</c>, if it has one.</summary>
        public static string? DocPage(OpenApiOperation operation)
            => operation.ExtensionData != null && operation.ExtensionData.TryGetValue("x-yescale-doc", out var value) ? value?.ToString() : null;

        public List<string> Tags()
        {
            var problems = new List<string>();
            var declared = (_document.Tags ?? new List<OpenApiTag>())
                .GroupBy(t => t.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var operation in _operations)
            {
                foreach (var tag in operation.Source.Tags ?? new List<string>())
                {
                    if (!declared.TryGetValue(tag, out var declaration))
                    {
                        problems.Add(operation + ": tag '" + tag + "' is not declared in the top-level tags");
                    }
                    else if (IsBlank(declaration.Description))
                    {
                        problems.Add(operation + ": tag '" + tag + "' is declared without a description");
                    }
                }
            }

            return problems;
        }

        private static string? UntypedBody(string contentType, JsonSchema? schema)
        {
            if (schema is null)
            {
                return "has no schema";
            }

            var actual = schema.ActualSchema;
            var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
            if (IsJson(mediaType))
            {
                // Judged after the $ref: a reference to an empty schema says no more than {} does.
                var typed = actual.Type != JsonObjectType.None || actual.Properties.Count > 0
                    || actual.AllOf.Count > 0 || actual.OneOf.Count > 0 || actual.AnyOf.Count > 0 || actual.Enumeration.Count > 0;
                return typed ? null : "has an empty schema: no type, properties, enum or allOf/oneOf/anyOf";
            }

            // Text (an event stream, plain text) is typed by any schema; anything else is a file.
            if (mediaType.StartsWith("text/", StringComparison.Ordinal))
            {
                return null;
            }

            return actual.Type.HasFlag(JsonObjectType.String) && actual.Format == "binary"
                ? null
                : "is a file but its schema is not 'type: string, format: binary'";
        }

        private IEnumerable<string> TaskExtensionProblems(Operation operation, IDictionary<string, object?> extension)
        {
            if (Get(extension, "status") is null)
            {
                yield return "has no 'status'";
            }

            if (Strings(Get(extension, "succeeded")).Count == 0)
            {
                yield return "has no 'succeeded' status values";
            }

            var taskId = AsString(Get(extension, "taskId"));
            if (taskId != null && !ParametersOf(operation.Source).Any(p => p.Name == taskId))
            {
                yield return "'taskId' names '" + taskId + "', which is not a parameter";
            }
            else if (TaskIdParameter(operation, extension) is null)
            {
                yield return "has no 'taskId' and the operation does not have exactly one path parameter";
            }

            var answer = operation.Source.ActualResponses.TryGetValue("200", out var ok) ? JsonSchemaOf(ok.ActualResponse) : null;
            if (answer is null)
            {
                yield return "cannot be checked: the operation has no 200 response with a JSON schema";
                yield break;
            }

            foreach (var key in TaskPointers)
            {
                var value = Get(extension, key);
                if (value is null)
                {
                    continue;
                }

                // A pointer, or a list of alternatives (answers of more than one shape): each must resolve.
                var pointers = AsString(value) is { } single ? new List<string> { single } : Strings(value);
                if (pointers.Count == 0)
                {
                    yield return "'" + key + "' is not a JSON pointer or a list of them";
                }

                foreach (var pointer in pointers)
                {
                    var problem = PointerProblem(answer, pointer);
                    if (problem != null)
                    {
                        yield return "'" + key + "' (" + pointer + ") " + problem;
                    }
                }
            }

            // A status enum must list every word that ends the task: an answer with an unlisted one breaks its schema. With
            // alternative status pointers (answers of more than one shape), the word must be in one of their enums.
            var words = Strings(Get(extension, "succeeded")).Concat(Strings(Get(extension, "failed"))).ToList();
            var statusValue = Get(extension, "status");
            var statusPointers = AsString(statusValue) is { } one ? new List<string> { one } : Strings(statusValue);
            var enums = new List<(string Pointer, HashSet<string?> Values)>();
            foreach (var pointer in statusPointers)
            {
                if (Resolve(answer, pointer, out var statusSchema) is null && statusSchema != null)
                {
                    enums.Add((pointer, Branches(statusSchema).SelectMany(b => b.Enumeration).Select(v => v?.ToString()).ToHashSet(StringComparer.Ordinal)));
                }
            }

            if (enums.Count > 0 && enums.All(e => e.Values.Count > 0))
            {
                foreach (var word in words.Where(w => !enums.Any(e => e.Values.Contains(w))))
                {
                    yield return "ends tasks on '" + word + "', which the status enum at " + string.Join(" or ", enums.Select(e => e.Pointer)) + " does not list";
                }
            }
        }

        /// <summary>The wire name of the task id parameter: 'taskId' when given, else the only path parameter.</summary>
        private static string? TaskIdParameter(Operation operation, IDictionary<string, object?> extension)
        {
            if (AsString(Get(extension, "taskId")) is { } named)
            {
                return named;
            }

            var pathParameters = ParametersOf(operation.Source).Where(p => p.Kind == OpenApiParameterKind.Path).ToList();
            return pathParameters.Count == 1 ? pathParameters[0].Name : null;
        }

        /// <summary>A GET ending in {task_id}, {id} or {taskId}, or taking a task_id query parameter.</summary>
        private static bool LooksLikeTaskQuery(Operation operation, out string why)
        {
            why = string.Empty;
            if (operation.Method != "get")
            {
                return false;
            }

            var last = operation.Path.TrimEnd('/').Split('/').Last();
            if (TaskIdNames.Any(n => last == "{" + n + "}"))
            {
                why = "is a GET ending in the path parameter " + last;
                return true;
            }

            if (ParametersOf(operation.Source).Any(p => p.Kind == OpenApiParameterKind.Query && p.Name == "task_id"))
            {
                why = "is a GET with a task_id query parameter";
                return true;
            }

            return false;
        }

        /// <summary>Only <c>$response.body#/pointer</c> can be evaluated from the submit answer by the generated client.</summary>
        private static string? LinkExpressionProblem(string? expression, JsonSchema? bodySchema)
        {
            const string Prefix = "$response.body#";
            if (expression is null || !expression.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return "comes from '" + expression + "', not from $response.body#/pointer";
            }

            if (bodySchema is null)
            {
                return "comes from the response body, which has no JSON schema";
            }

            var problem = PointerProblem(bodySchema, expression.Substring(Prefix.Length));
            return problem is null ? null : "(" + expression + ") " + problem;
        }

        /// <summary>
        /// Why a JSON pointer does not resolve in a schema, or null when it does: each token names a property (looked
        /// for through $ref, allOf, oneOf and anyOf), or is a number stepping into an array's items.
        /// </summary>
        private static string? PointerProblem(JsonSchema root, string pointer) => Resolve(root, pointer, out _);

        /// <summary>The schema at <paramref name="pointer"/>, or the problem that stops it resolving.</summary>
        private static string? Resolve(JsonSchema root, string pointer, out JsonSchema? schema)
        {
            schema = null;
            if (!pointer.StartsWith("/", StringComparison.Ordinal) || pointer.Length < 2)
            {
                return "is not a JSON pointer such as /status";
            }

            var current = root.ActualSchema;
            foreach (var raw in pointer.Substring(1).Split('/'))
            {
                var token = raw.Replace("~1", "/").Replace("~0", "~");
                var next = token.Length > 0 && token.All(char.IsDigit)
                    ? Branches(current).Select(s => s.Item ?? s.Items.FirstOrDefault()).FirstOrDefault(s => s != null)
                    : Branches(current).Select(s => s.Properties.TryGetValue(token, out var p) ? p : null).FirstOrDefault(s => s != null);
                if (next is null)
                {
                    return "does not resolve: '" + token + "' is not " + (token.All(char.IsDigit) ? "an array index here" : "a property here");
                }

                current = next.ActualSchema;
            }

            schema = current;
            return null;
        }

        /// <summary>A schema and, recursively, the schemas it combines, each through its $ref.</summary>
        private static IEnumerable<JsonSchema> Branches(JsonSchema schema)
        {
            var seen = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
            var pending = new Stack<JsonSchema>();
            pending.Push(schema.ActualSchema);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (!seen.Add(current))
                {
                    continue;
                }

                yield return current;
                foreach (var member in current.AllOf.Concat(current.OneOf).Concat(current.AnyOf))
                {
                    pending.Push(member.ActualSchema);
                }
            }
        }

        private static void CheckMediaTypes(string where, IDictionary<string, OpenApiMediaType> content, HashSet<JsonSchema> visited, List<string> problems)
        {
            foreach (var (contentType, media) in content)
            {
                // Other media types' schemas describe text or bytes, not the JSON an example is written as.
                if (media.Schema is null || !IsJson(contentType.Split(';')[0].Trim().ToLowerInvariant()))
                {
                    continue;
                }

                Check(where + " " + contentType + " example", media.Example, media.Schema, problems);
                CheckAll(where + " " + contentType, media.Examples, media.Schema, problems);
                CheckSchemaExamples(where + " " + contentType + " schema", media.Schema, visited, problems);
            }
        }

        private static void CheckAll(string where, IDictionary<string, OpenApiExample>? examples, JsonSchema schema, List<string> problems)
        {
            foreach (var (name, example) in examples ?? new Dictionary<string, OpenApiExample>())
            {
                Check(where + " examples['" + name + "']", example.ActualExample?.Value, schema, problems);
            }
        }

        /// <summary>Examples written on schemas and their members, each schema once however often it is reached.</summary>
        private static void CheckSchemaExamples(string where, JsonSchema? schema, HashSet<JsonSchema> visited, List<string> problems)
        {
            // A reference is checked where it is declared, under its own name.
            if (schema is null || schema.HasReference || !visited.Add(schema))
            {
                return;
            }

            Check(where + " example", schema.Example, schema, problems);
            foreach (var (name, property) in schema.Properties)
            {
                CheckSchemaExamples(where + "/properties/" + name, property, visited, problems);
            }

            CheckSchemaExamples(where + "/items", schema.Item, visited, problems);
            CheckSchemaExamples(where + "/additionalProperties", schema.AdditionalPropertiesSchema, visited, problems);
            foreach (var (kind, members) in new[] { ("allOf", schema.AllOf), ("oneOf", schema.OneOf), ("anyOf", schema.AnyOf) })
            {
                var index = 0;
                foreach (var member in members)
                {
                    CheckSchemaExamples(where + "/" + kind + "/" + index++, member, visited, problems);
                }
            }
        }

        private static void Check(string where, object? example, JsonSchema schema, List<string> problems)
        {
            if (example is null)
            {
                return;
            }

            var token = example as JToken ?? JToken.FromObject(example);
            var errors = schema.ActualSchema.Validate(token, SchemaType.OpenApi3);
            if (errors.Count > 0)
            {
                problems.Add(where + " does not match its schema: " + string.Join("; ", errors.Select(Describe)));
            }
        }

        /// <summary>The error, with the offending value when it is a scalar: IntegerExpected: #/count ("5").</summary>
        private static string Describe(ValidationError error)
            => Flatten(error.ToString()) + (error.Token is JValue value ? " (" + value.ToString(Formatting.None) + ")" : string.Empty);

        private static string Flatten(string text) => string.Join(" ", text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

        private static IEnumerable<(string Code, OpenApiResponse Response)> SuccessResponses(OpenApiOperation operation)
            => operation.ActualResponses
                .Where(r => r.Key.Length == 3 && r.Key[0] == '2')
                .Select(r => (r.Key, r.Value.ActualResponse));

        private static IEnumerable<(string Code, OpenApiResponse Response, OpenApiLink Link)> Links(Operation operation)
            => SuccessResponses(operation.Source)
                .Where(r => r.Response.Links != null)
                .SelectMany(r => r.Response.Links.Values.Select(l => (r.Code, r.Response, l.ActualLink)));

        private Operation? FindTarget(OpenApiLink link)
        {
            if (!IsBlank(link.OperationId))
            {
                return _operations.FirstOrDefault(o => o.Source.OperationId == link.OperationId);
            }

            // A local operationRef: #/paths/{escaped path}/{method}.
            const string Prefix = "#/paths/";
            if (link.OperationRef is { } reference && reference.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var slash = reference.LastIndexOf('/');
                var path = reference.Substring(Prefix.Length, slash - Prefix.Length).Replace("~1", "/").Replace("~0", "~");
                var method = reference.Substring(slash + 1);
                return _operations.FirstOrDefault(o => o.Path == path && o.Method == method);
            }

            return null;
        }

        private static JsonSchema? JsonSchemaOf(OpenApiResponse response)
            => response.Content?.FirstOrDefault(c => IsJson(c.Key.Split(';')[0].Trim().ToLowerInvariant())).Value?.Schema;

        private static object? TaskExtensionOf(OpenApiOperation operation)
            => operation.ExtensionData != null && operation.ExtensionData.TryGetValue(TaskExtension, out var value) ? AsMap(value) ?? value : null;

        /// <summary>OpenAPI lets a link qualify a parameter as path.x, query.x, header.x or cookie.x.</summary>
        private static string UnqualifiedParameterName(string key)
        {
            var dot = key.IndexOf('.');
            return dot > 0 && key.Substring(0, dot) is "path" or "query" or "header" or "cookie" ? key.Substring(dot + 1) : key;
        }

        private static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

        private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

        private static object? Get(IDictionary<string, object?> map, string key) => map.TryGetValue(key, out var value) ? value : null;

        /// <summary>Extension values arrive as plain dictionaries and lists from YAML, as Newtonsoft tokens from JSON.</summary>
        private static IDictionary<string, object?>? AsMap(object? value) => value switch
        {
            JObject json => json.Properties().ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal),
            IDictionary<string, object?> map => map,
            IDictionary map => map.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString() ?? string.Empty, e => e.Value, StringComparer.Ordinal),
            _ => null,
        };

        private static string? AsString(object? value) => value switch
        {
            string text => text,
            JValue { Type: JTokenType.String } json => (string?)json,
            _ => null,
        };

        private static List<string> Strings(object? value) => value switch
        {
            string single => IsBlank(single) ? new List<string>() : new List<string> { single },
            IEnumerable items => items.Cast<object?>().Select(AsString).Where(s => !IsBlank(s)).Select(s => s!).ToList(),
            _ => new List<string>(),
        };

        /// <summary>The path item's and the operation's parameters, without the request body NSwag lists among them.</summary>
        private static IEnumerable<OpenApiParameter> ParametersOf(OpenApiOperation operation)
            => operation.ActualParameters.Where(p => p.Kind != OpenApiParameterKind.Body);

        private static IEnumerable<Operation> Operations(OpenApiDocument document)
            => document.Paths.SelectMany(path => path.Value.Select(item => new Operation(item.Key.ToLowerInvariant(), path.Key, item.Value)));

        /// <summary>One operation, named in problems as "GET /path (operationId)".</summary>
        private sealed record Operation(string Method, string Path, OpenApiOperation Source)
        {
            public string Route => Method.ToUpperInvariant() + " " + Path;

            public override string ToString() => IsBlank(Source.OperationId) ? Route : Route + " (" + Source.OperationId + ")";
        }
    }
}
