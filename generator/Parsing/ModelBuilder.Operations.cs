using System;
using System.Collections.Generic;
using System.Linq;
using NJsonSchema;
using NSwag;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>Paths and operations to client methods: parameters, bodies, responses.</summary>
    internal sealed partial class ModelBuilder
    {
        private List<OperationModel> BuildOperations()
        {
            var operations = new List<OperationModel>();
            var methodNames = new HashSet<string>(StringComparer.Ordinal) { _clientName, "Pipeline" };
            foreach (var pathPair in _document.Paths)
            {
                foreach (var method in HttpMethods)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (!pathPair.Value.TryGetValue(method, out var operation) && !pathPair.Value.TryGetValue(method.ToUpperInvariant(), out operation))
                    {
                        continue;
                    }

                    var displayName = operation.OperationId ?? method.ToUpperInvariant() + " " + pathPair.Key;
                    try
                    {
                        operations.Add(BuildOperation(pathPair.Key, method, operation, methodNames));
                        _sources.Add((pathPair.Key, method, operation));
                    }
                    catch (UnsupportedSpecException unsupported)
                    {
                        _diagnostics.Report(DiagnosticCatalog.OperationSkipped, _text.Find(new[] { "paths", pathPair.Key, method }), displayName, unsupported.Message);
                    }
                }
            }

            return operations;
        }

        private OperationModel BuildOperation(string path, string method, OpenApiOperation operation, HashSet<string> methodNames)
        {
            var baseName = operation.OperationId != null
                ? Identifiers.ToPascalCase(operation.OperationId, "Operation")
                : NameFromPath(method, path);
            if (baseName.EndsWith("Async", StringComparison.Ordinal) && baseName.Length > 5)
            {
                baseName = baseName.Substring(0, baseName.Length - 5);
            }

            var methodName = Identifiers.MakeUnique(baseName, methodNames);
            // Names the generated methods add after the spec's parameters.
            var parameterNames = new HashSet<string>(StringComparer.Ordinal) { "cancellationToken", "options", "progress", "taskIds" };
            var parameters = new List<ParameterModel>();
            BodyModel? body = null;
            var formFields = new List<OpenApiParameter>();
            foreach (var declared in operation.ActualParameters)
            {
                var parameter = declared.ActualParameter;
                if (parameter.Kind == OpenApiParameterKind.FormData)
                {
                    // Swagger 2.0 form fields: gathered into one form body below.
                    formFields.Add(parameter);
                    continue;
                }

                if (string.IsNullOrEmpty(parameter.Name))
                {
                    throw new UnsupportedSpecException("a parameter has no name");
                }

                var location = parameter.Kind switch
                {
                    OpenApiParameterKind.Path => ParameterLocation.Path,
                    OpenApiParameterKind.Query => ParameterLocation.Query,
                    OpenApiParameterKind.Header => ParameterLocation.Header,
                    OpenApiParameterKind.Cookie => ParameterLocation.Cookie,
                    OpenApiParameterKind.Body => (ParameterLocation?)null,
                    _ => throw new UnsupportedSpecException("parameter '" + parameter.Name + "' is sent as " + parameter.Kind + ", which is not supported yet"),
                };
                var schema = parameter.Schema ?? parameter;
                if (location is null)
                {
                    if (operation.RequestBody != null)
                    {
                        // NSwag also lists an OpenAPI 3 requestBody as a body parameter; the requestBody is read below.
                        continue;
                    }

                    body = new BodyModel(
                        Identifiers.MakeUnique("body", parameterNames),
                        Resolve(schema, methodName + "Request"),
                        parameter.IsRequired,
                        "application/json",
                        Clean(parameter.Description));
                    continue;
                }

                var type = Resolve(schema, methodName + Identifiers.ToPascalCase(parameter.Name, "Parameter"));
                if (location == ParameterLocation.Path && !type.IsScalar)
                {
                    throw new UnsupportedSpecException("path parameter '" + parameter.Name + "' is not a single value");
                }

                if (type.Kind == TypeRefKind.File)
                {
                    throw new UnsupportedSpecException("parameter '" + parameter.Name + "' is a file outside a form");
                }

                var required = parameter.IsRequired || location == ParameterLocation.Path;
                parameters.Add(new ParameterModel(
                    Identifiers.MakeUnique(Identifiers.ToCamelCase(parameter.Name, "parameter"), parameterNames),
                    parameter.Name,
                    location.Value,
                    type,
                    required,
                    ExplodeOf(parameter),
                    parameter.IsDeprecated,
                    Clean(parameter.Description))
                {
                    DeepObject = parameter.Style == OpenApiParameterStyle.DeepObject,
                });
            }

            var requestBody = operation.RequestBody?.ActualRequestBody;
            if (requestBody?.Content != null && requestBody.Content.Count > 0)
            {
                body = BuildBody(requestBody, methodName, parameterNames);
            }
            else if (formFields.Count > 0)
            {
                var multipart = formFields.Any(field => (field.Type & JsonObjectType.File) != 0)
                                || operation.ActualConsumes?.Any(media => media.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)) == true;
                var type = Resolve(FormSchema(formFields), methodName + "Form");
                body = new BodyModel(
                    Identifiers.MakeUnique("form", parameterNames),
                    type,
                    formFields.Any(field => field.IsRequired),
                    multipart ? "multipart/form-data" : "application/x-www-form-urlencoded",
                    null,
                    multipart ? BodyKind.Multipart : BodyKind.Form);
            }

            var response = BuildResponse(operation, methodName);
            if (response.EventType != null && response.Kind != ResponseKind.EventStream)
            {
                // The streaming variant of the method gets its own name; keep it clear of other operations.
                methodNames.Add(methodName + "Streaming");
            }

            return new OperationModel(
                methodName,
                operation.OperationId ?? methodName,
                method.ToUpperInvariant(),
                path,
                SplitPath(path, parameters),
                new Documentation(Clean(operation.Summary), Clean(operation.Description), null),
                operation.IsDeprecated,
                OrderParameters(parameters).ToEquatableArray(),
                body,
                response);
        }

        /// <summary>The request body, in the first media type the client can send (JSON, forms, text, then raw bytes).</summary>
        private BodyModel BuildBody(OpenApiRequestBody requestBody, string methodName, HashSet<string> parameterNames)
        {
            var name = Identifiers.MakeUnique("body", parameterNames);
            var description = Clean(requestBody.Description);
            var content = requestBody.Content;
            var json = content.FirstOrDefault(pair => IsJson(pair.Key));
            if (json.Key != null)
            {
                return new BodyModel(name, Resolve(json.Value.Schema, methodName + "Request"), requestBody.IsRequired, json.Key, description);
            }

            foreach (var (media, kind) in new[] { ("application/x-www-form-urlencoded", BodyKind.Form), ("multipart/form-data", BodyKind.Multipart) })
            {
                var form = content.FirstOrDefault(pair => pair.Key.StartsWith(media, StringComparison.OrdinalIgnoreCase));
                if (form.Key is null)
                {
                    continue;
                }

                var type = Resolve(form.Value.Schema, methodName + "Request");
                if (type.Kind != TypeRefKind.Model)
                {
                    throw new UnsupportedSpecException("its " + media + " body is not an object with properties");
                }

                return new BodyModel(name, type, requestBody.IsRequired, media, description, kind);
            }

            var text = content.FirstOrDefault(pair => pair.Key.StartsWith("text/", StringComparison.OrdinalIgnoreCase));
            if (text.Key != null)
            {
                return new BodyModel(name, TypeRef.String, requestBody.IsRequired, text.Key, description, BodyKind.Text);
            }

            var binary = content.First();
            return new BodyModel(name, new TypeRef(TypeRefKind.File), requestBody.IsRequired, binary.Key.Contains("*") ? "application/octet-stream" : binary.Key, description, BodyKind.Binary);
        }

        /// <summary>Swagger 2.0 form fields as the object schema OpenAPI 3 would have written for them.</summary>
        private static JsonSchema FormSchema(List<OpenApiParameter> fields)
        {
            var schema = new JsonSchema { Type = JsonObjectType.Object };
            foreach (var field in fields)
            {
                var property = new JsonSchemaProperty
                {
                    Type = field.Type,
                    Format = field.Format,
                    Description = field.Description,
                    Item = field.Item,
                    IsDeprecated = field.IsDeprecated,
                };
                foreach (var value in field.Enumeration)
                {
                    property.Enumeration.Add(value);
                }

                schema.Properties[field.Name] = property;
                property.IsRequired = field.IsRequired;
            }

            return schema;
        }

        /// <summary>OpenAPI's default: form-style (query) arrays repeat the name for each item unless <c>explode: false</c>.</summary>
        private bool ExplodeOf(OpenApiParameter parameter)
        {
            if (parameter.Explode is bool explicitValue)
            {
                return explicitValue;
            }

            if (_schemaType == SchemaType.Swagger2)
            {
                // Swagger 2.0 says it with collectionFormat, whose default is csv.
                return parameter.CollectionFormat == OpenApiParameterCollectionFormat.Multi;
            }

            return parameter.Style is OpenApiParameterStyle.Form or OpenApiParameterStyle.Undefined;
        }

        /// <summary>Required parameters first (path order, then declaration order), optional ones after.</summary>
        private static IEnumerable<ParameterModel> OrderParameters(List<ParameterModel> parameters)
            => parameters.Where(p => p.Required).Concat(parameters.Where(p => !p.Required));

        private static EquatableArray<PathSegment> SplitPath(string path, List<ParameterModel> parameters)
        {
            var segments = new List<PathSegment>();
            var position = 0;
            while (position < path.Length)
            {
                var open = path.IndexOf('{', position);
                if (open < 0)
                {
                    segments.Add(new PathSegment(path.Substring(position), false));
                    break;
                }

                var close = path.IndexOf('}', open);
                if (close < 0)
                {
                    throw new UnsupportedSpecException("its path has an unclosed '{'");
                }

                if (open > position)
                {
                    segments.Add(new PathSegment(path.Substring(position, open - position), false));
                }

                var wireName = path.Substring(open + 1, close - open - 1);
                var parameter = parameters.FirstOrDefault(p => p.Location == ParameterLocation.Path && p.WireName == wireName);
                if (parameter is null)
                {
                    throw new UnsupportedSpecException("its path names '{" + wireName + "}' but declares no path parameter of that name");
                }

                segments.Add(new PathSegment(parameter.Name, true));
                position = close + 1;
            }

            return segments.ToEquatableArray();
        }

        /// <summary>The success response the client reads: the first 2xx (by code) that has a body.</summary>
        internal static OpenApiResponse? SuccessResponse(OpenApiOperation operation)
            => operation.ActualResponses
                .Where(pair => pair.Key.StartsWith("2", StringComparison.Ordinal))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => pair.Value.ActualResponse)
                .FirstOrDefault(response => response.Content.Count > 0 || response.Schema != null);

        private ResponseModel BuildResponse(OpenApiOperation operation, string methodName)
        {
            var success = SuccessResponse(operation);
            if (success is null)
            {
                return ResponseModel.None;
            }

            var description = Clean(success.Description);
            if (success.Content.Count == 0)
            {
                return new ResponseModel(ResponseKind.Json, Resolve(success.Schema, methodName + "Response"), description);
            }

            var events = success.Content.FirstOrDefault(pair => pair.Key.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase));
            var eventType = events.Key is null ? null : events.Value.Schema is null ? TypeRef.Json : Resolve(events.Value.Schema, methodName + "Event");
            var json = success.Content.FirstOrDefault(pair => IsJson(pair.Key) && pair.Key != "*/*");
            if (json.Key != null)
            {
                return new ResponseModel(ResponseKind.Json, Resolve(json.Value.Schema, methodName + "Response"), description, eventType);
            }

            if (eventType != null)
            {
                return new ResponseModel(ResponseKind.EventStream, eventType, description, eventType);
            }

            json = success.Content.FirstOrDefault(pair => IsJson(pair.Key));
            if (json.Key != null)
            {
                return new ResponseModel(ResponseKind.Json, Resolve(json.Value.Schema, methodName + "Response"), description);
            }

            return success.Content.Keys.Any(key => key.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
                ? new ResponseModel(ResponseKind.Text, TypeRef.String, description)
                : new ResponseModel(ResponseKind.Binary, new TypeRef(TypeRefKind.Bytes), description);
        }

        private static bool IsJson(string mediaType)
        {
            var type = mediaType.Split(';')[0].Trim();
            return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                   || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
                   || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
                   || type == "*/*";
        }

        private static string NameFromPath(string method, string path)
        {
            var name = Identifiers.ToPascalCase(method, "Call");
            foreach (var segment in path.Split('/'))
            {
                if (segment.Length == 0)
                {
                    continue;
                }

                name += segment.StartsWith("{", StringComparison.Ordinal)
                    ? "By" + Identifiers.ToPascalCase(segment, "Id")
                    : Identifiers.ToPascalCase(segment, string.Empty);
            }

            return name;
        }

        /// <summary>
        /// For operations that answer JSON and can also stream: whether their body follows OpenAI's convention, so the
        /// streaming method can set <c>stream</c> (and <c>stream_options.include_usage</c>) while it writes the body.
        /// </summary>
        private void DecideStreamRequests(List<OperationModel> operations)
        {
            var byName = _types.ToDictionary(type => type.Name, StringComparer.Ordinal);
            for (var i = 0; i < operations.Count; i++)
            {
                var operation = operations[i];
                if (operation.Response.EventType is null || operation.Response.Kind == ResponseKind.EventStream
                    || operation.Body is not { Required: true, Kind: BodyKind.Json } body || body.Type.Kind != TypeRefKind.Model
                    || !byName.TryGetValue(body.Type.Name!, out var model))
                {
                    continue;
                }

                var flag = model.Properties.FirstOrDefault(p => p.JsonName == "stream" && p.Type.Kind == TypeRefKind.Boolean && !p.ReadOnly);
                if (flag is null)
                {
                    continue;
                }

                var options = model.Properties.FirstOrDefault(p => p.JsonName == "stream_options" && p.Type.Kind == TypeRefKind.Model && !p.ReadOnly);
                var holder = options != null && byName.TryGetValue(options.Type.Name!, out var found) && found.Kind == TypeModelKind.Object ? found : null;
                var include = holder?.Properties.FirstOrDefault(p => p.JsonName == "include_usage" && p.Type.Kind == TypeRefKind.Boolean && !p.ReadOnly);
                // The options object is created with include_usage alone: only when nothing else in it must be set.
                var usable = include != null && holder!.Properties.All(p => !p.MustSet || p == include);
                operations[i] = operation with { StreamRequest = new StreamRequestModel(flag, usable ? options : null, usable ? include : null) };
            }
        }
    }
}
