using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using NSwag;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Reads the task semantics a spec declares: the <c>x-yescale-task</c> extension on a fetch operation, and response
    /// links from a submit operation to it. Nothing here knows YEScale's field names; the spec says where things are.
    /// </summary>
    internal sealed class TaskExtensionReader
    {
        public const string ExtensionName = "x-yescale-task";

        private readonly IReadOnlyDictionary<string, TypeModel> _types;

        public TaskExtensionReader(IReadOnlyDictionary<string, TypeModel> types) => _types = types;

        /// <summary>The task model of a fetch operation, or null when it has no extension; throws <see cref="UnsupportedSpecException"/> when the extension is unusable.</summary>
        public TaskModel? ReadTask(OperationModel operation, OpenApiOperation source)
        {
            if (source.ExtensionData is null || !source.ExtensionData.TryGetValue(ExtensionName, out var raw))
            {
                return null;
            }

            var extension = ExtensionValue.AsMap(raw) ?? throw new UnsupportedSpecException("it is not an object");
            if (operation.Response.Kind != ResponseKind.Json || operation.Response.Type?.Kind != TypeRefKind.Model)
            {
                throw new UnsupportedSpecException("the operation's success response is not a JSON object model");
            }

            var snapshotType = operation.Response.Type.Name!;
            var taskIdParameter = ResolveTaskIdParameter(operation, ExtensionValue.AsString(Get(extension, "taskId")));
            var status = ResolvePath(snapshotType, Require(extension, "status"), "status");
            if (!status.Alternatives().All(p => p.Leaf.Kind is TypeRefKind.String or TypeRefKind.Enum or TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Boolean))
            {
                throw new UnsupportedSpecException("'status' must point at a string, enum, integer or boolean member");
            }

            var succeeded = ExtensionValue.AsStrings(Get(extension, "succeeded"));
            if (succeeded.Count == 0)
            {
                throw new UnsupportedSpecException("'succeeded' must list at least one status value");
            }

            var failed = ExtensionValue.AsStrings(Get(extension, "failed"));
            var error = OptionalPath(snapshotType, extension, "error");
            if (error != null && error.Alternatives().Any(p => p.Leaf.Kind is TypeRefKind.Array or TypeRefKind.Map))
            {
                throw new UnsupportedSpecException("'error' must point at an object or a scalar member");
            }

            var progress = OptionalPath(snapshotType, extension, "progress");
            var result = OptionalPath(snapshotType, extension, "result");
            if (result != null && !result.Alternatives().All(p => p.Leaf.Kind is TypeRefKind.String or TypeRefKind.Uri))
            {
                throw new UnsupportedSpecException("'result' must point at a string (URL) member");
            }

            if (progress != null && progress.Alternatives().Any(p => p.Leaf.Kind is TypeRefKind.Model or TypeRefKind.Array or TypeRefKind.Map))
            {
                throw new UnsupportedSpecException("'progress' must point at a scalar member");
            }

            var named = ExtensionValue.AsString(Get(extension, "name")) is { } name && name.Trim().Length > 0;
            var noun = named
                ? Identifiers.ToPascalCase(ExtensionValue.AsString(Get(extension, "name")), operation.MethodName)
                : NounOf(operation.MethodName);
            return new TaskModel(noun, taskIdParameter, snapshotType, status, succeeded.ToEquatableArray(), failed.ToEquatableArray(), error, progress, result) { NamedInSpec = named };
        }

        /// <summary>The submit link of an operation whose success response links to a task operation, or null.</summary>
        public TaskLinkModel? ReadLink(OperationModel operation, OpenApiOperation source, IReadOnlyList<OperationModel> operations)
        {
            if (operation.Response.Kind != ResponseKind.Json || operation.Response.Type?.Kind != TypeRefKind.Model)
            {
                return null;
            }

            // The links of the same response the client reads the submit answer from.
            var success = ModelBuilder.SuccessResponse(source);
            if (success?.Links is null)
            {
                return null;
            }

            foreach (var link in success.Links.Values)
            {
                var target = operations.FirstOrDefault(o => o.Task != null && string.Equals(o.OperationId, link.OperationId, StringComparison.Ordinal));
                if (target?.Task is null || link.Parameters is null)
                {
                    continue;
                }

                var taskIdWireName = target.Parameters.First(p => p.Name == target.Task.TaskIdParameter).WireName;
                if (!link.Parameters.TryGetValue(taskIdWireName, out var expression))
                {
                    continue;
                }

                // Only "$response.body#/pointer" can be evaluated from the answer's model.
                const string prefix = "$response.body#";
                var text = ExtensionValue.AsString(expression);
                if (text is null || !text.StartsWith(prefix, StringComparison.Ordinal))
                {
                    throw new UnsupportedSpecException("its link to '" + link.OperationId + "' takes the task id from '" + text + "'; only $response.body#/... is supported");
                }

                var path = ResolvePath(operation.Response.Type.Name!, text.Substring(prefix.Length), "link");
                if (path.Leaf.Kind is not TypeRefKind.String)
                {
                    throw new UnsupportedSpecException("its link to '" + link.OperationId + "' points at a task id that is not a string");
                }

                return new TaskLinkModel(target.MethodName, path);
            }

            return null;
        }

        /// <summary>GetSeedanceGeneration to SeedanceGeneration: the leading read verb says nothing in WaitFor... names.</summary>
        internal static string NounOf(string methodName)
        {
            foreach (var verb in new[] { "Get", "Fetch", "Query", "Retrieve", "Read" })
            {
                if (methodName.Length > verb.Length && methodName.StartsWith(verb, StringComparison.Ordinal) && char.IsUpper(methodName[verb.Length]))
                {
                    return methodName.Substring(verb.Length);
                }
            }

            return methodName;
        }

        private static string ResolveTaskIdParameter(OperationModel operation, string? wireName)
        {
            if (wireName != null)
            {
                var named = operation.Parameters.FirstOrDefault(p => p.WireName == wireName);
                return named?.Name ?? throw new UnsupportedSpecException("'taskId' names '" + wireName + "', which is not a parameter of the operation");
            }

            var pathParameters = operation.Parameters.Where(p => p.Location == ParameterLocation.Path).ToList();
            if (pathParameters.Count != 1)
            {
                throw new UnsupportedSpecException("'taskId' is required when the operation does not have exactly one path parameter");
            }

            return pathParameters[0].Name;
        }

        private ValuePath? OptionalPath(string rootType, IDictionary<string, object?> extension, string key)
        {
            var value = Get(extension, key);
            return value is null ? null : ResolvePath(rootType, value, key);
        }

        /// <summary>A pointer, or a list of pointers tried in order (the first that gives a value wins).</summary>
        private ValuePath ResolvePath(string rootType, object? pointerValue, string key)
        {
            var pointers = pointerValue is string ? new List<string?> { ExtensionValue.AsString(pointerValue) } : ExtensionValue.AsStrings(pointerValue).Select(p => (string?)p).ToList();
            if (pointers.Count == 0)
            {
                throw new UnsupportedSpecException("'" + key + "' must be a JSON pointer such as /status, or a list of them");
            }

            ValuePath? path = null;
            for (var i = pointers.Count - 1; i >= 0; i--)
            {
                path = ResolvePointer(rootType, pointers[i], key) with { Otherwise = path };
            }

            return path!;
        }

        private ValuePath ResolvePointer(string rootType, string? pointer, string key)
        {
            if (pointer is null || !pointer.StartsWith("/", StringComparison.Ordinal) || pointer.Length < 2)
            {
                throw new UnsupportedSpecException("'" + key + "' must be a JSON pointer such as /status");
            }

            var steps = new List<PathStep>();
            var current = new TypeRef(TypeRefKind.Model, rootType);
            var nullable = false;
            foreach (var token in pointer.Substring(1).Split('/'))
            {
                var name = token.Replace("~1", "/").Replace("~0", "~");

                // A numeric token steps into an array (results often come as a list: /data/0/audio_url). Only lists of
                // objects or strings, so every step on the way can be null-checked the same way.
                if (current.Kind == TypeRefKind.Array && IsArrayIndex(name))
                {
                    if (current.Item!.Kind is not (TypeRefKind.Model or TypeRefKind.String or TypeRefKind.Uri))
                    {
                        throw new UnsupportedSpecException("'" + key + "' (" + pointer + ") indexes a list whose items are not objects or strings");
                    }

                    steps.Add(PathStep.Item(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)));
                    current = current.Item;
                    nullable = true;
                    continue;
                }

                if (current.Kind != TypeRefKind.Model || !_types.TryGetValue(current.Name!, out var model))
                {
                    throw new UnsupportedSpecException("'" + key + "' (" + pointer + ") goes through a member that is not an object");
                }

                var property = model.Properties.FirstOrDefault(p => p.JsonName == name)
                    ?? throw new UnsupportedSpecException("'" + key + "' (" + pointer + ") names '" + name + "', which " + model.Name + " does not have");
                steps.Add(PathStep.Member(property.Name));
                current = property.Type;
                nullable = property.Nullable;
            }

            return new ValuePath(pointer, steps.ToEquatableArray(), current, nullable);
        }

        /// <summary>A JSON pointer array index: digits only, no leading zero, small enough for an int.</summary>
        private static bool IsArrayIndex(string token)
        {
            if (token.Length == 0 || token.Length > 9 || (token.Length > 1 && token[0] == '0'))
            {
                return false;
            }

            foreach (var c in token)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static object? Get(IDictionary<string, object?> map, string key) => map.TryGetValue(key, out var value) ? value : null;

        private static object Require(IDictionary<string, object?> map, string key)
            => Get(map, key) ?? throw new UnsupportedSpecException("'" + key + "' is required");
    }

    /// <summary>Extension values arrive as Newtonsoft tokens or as plain dictionaries and lists; this reads either.</summary>
    internal static class ExtensionValue
    {
        public static IDictionary<string, object?>? AsMap(object? value)
        {
            switch (value)
            {
                case Newtonsoft.Json.Linq.JObject json:
                    return json.Properties().ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal);
                case IDictionary<string, object?> map:
                    return map;
                case IDictionary map:
                    var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in map)
                    {
                        copy[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = entry.Value;
                    }

                    return copy;
                default:
                    return null;
            }
        }

        public static string? AsString(object? value) => value switch
        {
            null => null,
            string text => text,
            Newtonsoft.Json.Linq.JValue json => json.Value is null ? null : Convert.ToString(json.Value, System.Globalization.CultureInfo.InvariantCulture),
            Newtonsoft.Json.Linq.JToken => null,
            IEnumerable => null,
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        };

        public static List<string> AsStrings(object? value)
        {
            var result = new List<string>();
            if (value is null)
            {
                return result;
            }

            if (value is string single)
            {
                result.Add(single);
                return result;
            }

            if (value is IEnumerable items)
            {
                foreach (var item in items)
                {
                    var text = AsString(item);
                    if (!string.IsNullOrEmpty(text))
                    {
                        result.Add(text!);
                    }
                }
            }

            return result;
        }
    }
}
