using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NJsonSchema;
using NSwag;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>Builds the generator's model from NSwag's object model of one document.</summary>
    internal sealed class ModelBuilder
    {
        private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

        private readonly SpecInput _input;
        private readonly OpenApiDocument _document;
        private readonly SpecText _text;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private readonly SchemaType _schemaType;
        private readonly string _clientName;

        private readonly HashSet<string> _typeNames = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<JsonSchema, TypeRef> _namedTypes = new Dictionary<JsonSchema, TypeRef>();
        private readonly Dictionary<JsonSchema, TypeRef> _aliases = new Dictionary<JsonSchema, TypeRef>();
        private readonly HashSet<JsonSchema> _resolvingAliases = new HashSet<JsonSchema>();
        private readonly List<(JsonSchema Schema, string Name)> _pendingObjects = new List<(JsonSchema, string)>();
        private readonly List<TypeModel> _types = new List<TypeModel>();
        private readonly List<(string Path, string Method, OpenApiOperation Source)> _sources = new List<(string, string, OpenApiOperation)>();

        public ModelBuilder(SpecInput input, OpenApiDocument document, SpecText text, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            _input = input;
            _document = document;
            _text = text;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
            _schemaType = document.SchemaType;
            var title = document.Info?.Title;
            _clientName = SanitizeTypeName(input.ClientName) ?? Identifiers.ToPascalCase(title, "OpenApi") + "Client";
            _typeNames.Add(_clientName);
        }

        public SpecModel Build()
        {
            RegisterComponentSchemas();
            var operations = BuildOperations();

            // Objects are built last and in registration order, so inline types nested anywhere get a stable name and place.
            for (var i = 0; i < _pendingObjects.Count; i++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var (schema, name) = _pendingObjects[i];
                _types.Add(BuildObject(schema, name));
            }

            ReadTaskSemantics(operations);

            return new SpecModel(
                _input.Path,
                ResolveNamespace(),
                _clientName,
                _document.Info?.Title,
                Clean(_document.Info?.Description),
                ResolveServer(),
                ResolveAuth(),
                _types.ToEquatableArray(),
                operations.ToEquatableArray(),
                _diagnostics.ToEquatableArray());
        }

        private string ResolveNamespace()
        {
            var explicitNamespace = SanitizeNamespace(_input.Namespace);
            if (explicitNamespace != null)
            {
                return explicitNamespace;
            }

            var fromTitle = Identifiers.ToPascalCase(_document.Info?.Title, "OpenApi");
            var root = SanitizeNamespace(_input.RootNamespace);
            return root is null ? fromTitle : root + "." + fromTitle;
        }

        private static string? SanitizeNamespace(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var parts = value!.Split('.').Where(part => part.Trim().Length > 0).Select(part => Identifiers.ToPascalCase(part, "Api").TrimStart('@'));
            var joined = string.Join(".", parts);
            return joined.Length == 0 ? null : joined;
        }

        private static string? SanitizeTypeName(string? value)
            => string.IsNullOrWhiteSpace(value) ? null : Identifiers.ToPascalCase(value, "Client").TrimStart('@');

        private string? ResolveServer()
        {
            var server = _document.Servers?.FirstOrDefault();
            var url = server?.Url;
            if (string.IsNullOrWhiteSpace(url))
            {
                return null;
            }

            if (server!.Variables != null)
            {
                foreach (var variable in server.Variables)
                {
                    url = url!.Replace("{" + variable.Key + "}", variable.Value?.Default ?? string.Empty);
                }
            }

            // Only an absolute http(s) address can be a default; a relative one needs the user's base address.
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")
                ? uri.AbsoluteUri
                : null;
        }

        private AuthModel ResolveAuth()
        {
            var schemes = _document.SecurityDefinitions;
            if (schemes is null || schemes.Count == 0)
            {
                return AuthModel.None;
            }

            // Prefer the scheme the document applies globally, then the first one it defines.
            var required = _document.Security?.SelectMany(requirement => requirement.Keys).FirstOrDefault();
            var scheme = required != null && schemes.TryGetValue(required, out var found) ? found : schemes.Values.First();
            switch (scheme.Type)
            {
                case OpenApiSecuritySchemeType.Http when string.Equals(scheme.Scheme, "bearer", StringComparison.OrdinalIgnoreCase):
                case OpenApiSecuritySchemeType.OAuth2:
                case OpenApiSecuritySchemeType.OpenIdConnect:
                    return new AuthModel(AuthKind.Bearer, null);
                case OpenApiSecuritySchemeType.ApiKey when scheme.In == OpenApiSecurityApiKeyLocation.Header && !string.IsNullOrEmpty(scheme.Name):
                    return new AuthModel(AuthKind.ApiKeyHeader, scheme.Name);
                case OpenApiSecuritySchemeType.ApiKey when scheme.In == OpenApiSecurityApiKeyLocation.Query && !string.IsNullOrEmpty(scheme.Name):
                    return new AuthModel(AuthKind.ApiKeyQuery, scheme.Name);
                default:
                    return AuthModel.None;
            }
        }

        /// <summary>Adds wait semantics from <c>x-yescale-task</c> and submit links; needs every model built first.</summary>
        private void ReadTaskSemantics(List<OperationModel> operations)
        {
            var reader = new TaskExtensionReader(_types.ToDictionary(t => t.Name, StringComparer.Ordinal));
            for (var i = 0; i < operations.Count; i++)
            {
                try
                {
                    var task = reader.ReadTask(operations[i], _sources[i].Source);
                    if (task != null)
                    {
                        operations[i] = operations[i] with { Task = task };
                    }
                }
                catch (UnsupportedSpecException problem)
                {
                    _diagnostics.Add(new DiagnosticInfo(
                        DiagnosticCatalog.InvalidTaskExtension.Id,
                        _text.Find(new[] { "paths", _sources[i].Path, _sources[i].Method, TaskExtensionReader.ExtensionName }),
                        new[] { operations[i].OperationId, problem.Message }.ToEquatableArray()));
                }
            }

            for (var i = 0; i < operations.Count; i++)
            {
                try
                {
                    var link = reader.ReadLink(operations[i], _sources[i].Source, operations);
                    if (link != null)
                    {
                        operations[i] = operations[i] with { SubmitsTask = link };
                    }
                }
                catch (UnsupportedSpecException problem)
                {
                    _diagnostics.Add(new DiagnosticInfo(
                        DiagnosticCatalog.InvalidTaskExtension.Id,
                        _text.Find(new[] { "paths", _sources[i].Path, _sources[i].Method, "links" }),
                        new[] { operations[i].OperationId, problem.Message }.ToEquatableArray()));
                }
            }
        }

        // ---- Schemas ----------------------------------------------------------------------------------------

        private void RegisterComponentSchemas()
        {
            foreach (var pair in _document.Definitions)
            {
                var schema = pair.Value;
                if (IsObjectType(schema) || IsStringEnum(schema))
                {
                    RegisterNamedType(schema, Identifiers.ToPascalCase(pair.Key, "Schema"));
                }
            }
        }

        private TypeRef RegisterNamedType(JsonSchema schema, string candidateName)
        {
            if (_namedTypes.TryGetValue(schema, out var existing))
            {
                return existing;
            }

            var name = ReserveTypeName(candidateName);
            if (IsStringEnum(schema))
            {
                var typeRef = new TypeRef(TypeRefKind.Enum, name);
                _namedTypes.Add(schema, typeRef);
                _types.Add(BuildEnum(schema, name));
                return typeRef;
            }

            var modelRef = new TypeRef(TypeRefKind.Model, name);
            _namedTypes.Add(schema, modelRef);
            _pendingObjects.Add((schema, name));
            return modelRef;
        }

        /// <summary>Reserves a type name, and its converter's name beside it.</summary>
        private string ReserveTypeName(string candidate)
        {
            var name = candidate;
            for (var suffix = 2; _typeNames.Contains(name) || _typeNames.Contains(name + "JsonConverter"); suffix++)
            {
                name = candidate + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            _typeNames.Add(name);
            _typeNames.Add(name + "JsonConverter");
            return name;
        }

        private static JsonSchema Dereference(JsonSchema schema)
        {
            var current = schema;
            for (var depth = 0; current.Reference != null && depth < 64; depth++)
            {
                current = current.Reference;
            }

            return current;
        }

        private static JsonObjectType NonNullType(JsonSchema schema) => schema.Type & ~JsonObjectType.Null;

        private static bool IsStringEnum(JsonSchema schema)
        {
            var type = NonNullType(schema);
            return schema.Enumeration.Count > 0
                   && (type == JsonObjectType.String || (type == JsonObjectType.None && schema.Enumeration.All(value => value is string or null)))
                   && schema.Enumeration.Any(value => value is string);
        }

        private static bool IsObjectType(JsonSchema schema)
        {
            if (schema.Reference != null && schema.Properties.Count == 0 && schema.AllOf.Count == 0)
            {
                return false;
            }

            var type = NonNullType(schema);
            if (type != JsonObjectType.Object && type != JsonObjectType.None)
            {
                return false;
            }

            if (schema.OneOf.Count > 0 || schema.AnyOf.Count > 0)
            {
                return false;
            }

            if (schema.AllOf.Count == 1 && schema.Properties.Count == 0)
            {
                // `allOf: [$ref]` is how a reference with siblings is written: it is that type, not a new one.
                return false;
            }

            return schema.Properties.Count > 0 || schema.AllOf.Count > 0;
        }

        /// <summary>The C# type of a schema used in <paramref name="contextName"/> (names any inline type it declares).</summary>
        private TypeRef Resolve(JsonSchema? schema, string contextName)
        {
            if (schema is null)
            {
                return TypeRef.Json;
            }

            if (_namedTypes.TryGetValue(schema, out var named))
            {
                return named;
            }

            if (schema.Reference != null)
            {
                var target = Dereference(schema);
                if (_namedTypes.TryGetValue(target, out var referenced))
                {
                    return referenced;
                }

                return ResolveAlias(target, contextName);
            }

            if (schema.AllOf.Count == 1 && schema.Properties.Count == 0 && schema.OneOf.Count == 0 && schema.AnyOf.Count == 0)
            {
                return Resolve(schema.AllOf.First(), contextName);
            }

            var variants = schema.OneOf.Count > 0 ? schema.OneOf : schema.AnyOf;
            if (variants.Count > 0)
            {
                // `anyOf: [X, {type: null}]` is a nullable X; real unions are kept as raw JSON for now.
                var nonNull = variants.Where(variant => Dereference(variant).Type != JsonObjectType.Null).ToList();
                return nonNull.Count == 1 ? Resolve(nonNull[0], contextName) : TypeRef.Json;
            }

            if (IsStringEnum(schema))
            {
                return RegisterNamedType(schema, contextName);
            }

            if (IsObjectType(schema))
            {
                return RegisterNamedType(schema, contextName);
            }

            var type = NonNullType(schema);
            switch (type)
            {
                case JsonObjectType.Array:
                    var item = schema.Item ?? schema.Items.FirstOrDefault();
                    return new TypeRef(TypeRefKind.Array, null, Resolve(item, contextName + "Item"));
                case JsonObjectType.Object:
                case JsonObjectType.None when schema.AdditionalPropertiesSchema != null:
                    return schema.AdditionalPropertiesSchema != null
                        ? new TypeRef(TypeRefKind.Map, null, Resolve(schema.AdditionalPropertiesSchema, contextName + "Value"))
                        : TypeRef.Json;
                case JsonObjectType.String:
                    return ResolveString(schema.Format);
                case JsonObjectType.Integer:
                    return schema.Format == "int32" ? new TypeRef(TypeRefKind.Int32) : new TypeRef(TypeRefKind.Int64);
                case JsonObjectType.Number:
                    return schema.Format switch
                    {
                        "float" => new TypeRef(TypeRefKind.Single),
                        "decimal" => new TypeRef(TypeRefKind.Decimal),
                        "int32" => new TypeRef(TypeRefKind.Int32),
                        "int64" => new TypeRef(TypeRefKind.Int64),
                        _ => new TypeRef(TypeRefKind.Double),
                    };
                case JsonObjectType.Boolean:
                    return new TypeRef(TypeRefKind.Boolean);
                default:
                    return TypeRef.Json;
            }
        }

        private TypeRef ResolveAlias(JsonSchema target, string contextName)
        {
            if (_aliases.TryGetValue(target, out var alias))
            {
                return alias;
            }

            // A schema that refers to itself without being an object has no finite C# type.
            if (!_resolvingAliases.Add(target))
            {
                return TypeRef.Json;
            }

            var resolved = Resolve(target, contextName);
            _resolvingAliases.Remove(target);
            _aliases[target] = resolved;
            return resolved;
        }

        private static TypeRef ResolveString(string? format) => format switch
        {
            "date-time" => new TypeRef(TypeRefKind.DateTimeOffset),
            "uuid" => new TypeRef(TypeRefKind.Guid),
            "byte" => new TypeRef(TypeRefKind.Bytes),
            _ => TypeRef.String,
        };

        private TypeModel BuildObject(JsonSchema schema, string typeName)
        {
            var properties = new List<PropertyModel>();
            var memberNames = new HashSet<string>(StringComparer.Ordinal) { typeName };
            var byJsonName = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (jsonName, property, required) in CollectProperties(schema, new HashSet<JsonSchema>()))
            {
                var candidate = Identifiers.ToPascalCase(jsonName, "Property");
                if (candidate == typeName)
                {
                    candidate += "Value";
                }

                var nullable = !required || property.IsNullable(_schemaType) || Dereference(property).IsNullable(_schemaType);
                var type = Resolve(property, typeName + Identifiers.ToPascalCase(jsonName, "Property"));
                if (byJsonName.TryGetValue(jsonName, out var index))
                {
                    // A property redeclared by a composed schema: the later declaration wins, under the first name.
                    var previous = properties[index];
                    properties[index] = previous with { Type = type, Required = previous.Required || required, Nullable = nullable && previous.Nullable, Docs = DocsOf(property) };
                    continue;
                }

                byJsonName.Add(jsonName, properties.Count);
                properties.Add(new PropertyModel(
                    Identifiers.MakeUnique(candidate, memberNames),
                    jsonName,
                    type,
                    required,
                    nullable,
                    property.IsDeprecated || Dereference(property).IsDeprecated,
                    DocsOf(property)));
            }

            return new TypeModel(typeName, TypeModelKind.Object, DocsOf(schema), schema.IsDeprecated, properties.ToEquatableArray(), EquatableArray<EnumMemberModel>.Empty);
        }

        private IEnumerable<(string JsonName, JsonSchemaProperty Property, bool Required)> CollectProperties(JsonSchema schema, HashSet<JsonSchema> visited)
        {
            schema = Dereference(schema);
            if (!visited.Add(schema))
            {
                yield break;
            }

            foreach (var part in schema.AllOf)
            {
                foreach (var inherited in CollectProperties(part, visited))
                {
                    yield return (inherited.JsonName, inherited.Property, inherited.Required || schema.RequiredProperties.Contains(inherited.JsonName));
                }
            }

            foreach (var pair in schema.Properties)
            {
                yield return (pair.Key, pair.Value, pair.Value.IsRequired || schema.RequiredProperties.Contains(pair.Key));
            }
        }

        private TypeModel BuildEnum(JsonSchema schema, string typeName)
        {
            var memberNames = new HashSet<string>(StringComparer.Ordinal) { typeName, "Value", "ToString", "Equals", "GetHashCode" };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var members = new List<EnumMemberModel>();
            foreach (var value in schema.Enumeration.OfType<string>())
            {
                if (seen.Add(value))
                {
                    members.Add(new EnumMemberModel(Identifiers.MakeUnique(Identifiers.ToPascalCase(value, "Empty"), memberNames), value));
                }
            }

            return new TypeModel(typeName, TypeModelKind.StringEnum, DocsOf(schema), schema.IsDeprecated, EquatableArray<PropertyModel>.Empty, members.ToEquatableArray());
        }

        private static Documentation DocsOf(JsonSchema schema)
        {
            var target = Dereference(schema);
            var summary = Clean(schema.Description) ?? Clean(schema.Title) ?? Clean(target.Description) ?? Clean(target.Title);
            var example = schema.Example ?? target.Example;
            return new Documentation(summary, null, ExampleText(example));
        }

        private static string? ExampleText(object? example)
        {
            if (example is null)
            {
                return null;
            }

            var text = example is Newtonsoft.Json.Linq.JToken token ? token.ToString(Newtonsoft.Json.Formatting.None) : Convert.ToString(example, System.Globalization.CultureInfo.InvariantCulture);
            return string.IsNullOrEmpty(text) || text!.Length > 300 ? null : text;
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();

        // ---- Operations -------------------------------------------------------------------------------------

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
                        _diagnostics.Add(new DiagnosticInfo(
                            DiagnosticCatalog.OperationSkipped.Id,
                            _text.Find(new[] { "paths", pathPair.Key, method }),
                            new[] { displayName, unsupported.Message }.ToEquatableArray()));
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
            foreach (var declared in operation.ActualParameters)
            {
                var parameter = declared.ActualParameter;
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
                var isArray = type.Kind == TypeRefKind.Array && type.Item!.IsScalar;
                if (!type.IsScalar && !(isArray && location != ParameterLocation.Path))
                {
                    throw new UnsupportedSpecException("parameter '" + parameter.Name + "' has an object type, which is not supported yet");
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
                    Clean(parameter.Description)));
            }

            var requestBody = operation.RequestBody?.ActualRequestBody;
            if (requestBody?.Content != null && requestBody.Content.Count > 0)
            {
                var json = requestBody.Content.FirstOrDefault(pair => IsJson(pair.Key));
                if (json.Key is null)
                {
                    throw new UnsupportedSpecException("its request body is " + string.Join(", ", requestBody.Content.Keys) + ", which is not supported yet");
                }

                body = new BodyModel(
                    Identifiers.MakeUnique("body", parameterNames),
                    Resolve(json.Value.Schema, methodName + "Request"),
                    requestBody.IsRequired,
                    json.Key,
                    Clean(requestBody.Description));
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
                BuildResponse(operation, methodName));
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

        private ResponseModel BuildResponse(OpenApiOperation operation, string methodName)
        {
            var success = operation.ActualResponses
                .Where(pair => pair.Key.StartsWith("2", StringComparison.Ordinal))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => pair.Value.ActualResponse)
                .FirstOrDefault(response => response.Content.Count > 0 || response.Schema != null);
            if (success is null)
            {
                return ResponseModel.None;
            }

            var description = Clean(success.Description);
            if (success.Content.Count == 0)
            {
                return new ResponseModel(ResponseKind.Json, Resolve(success.Schema, methodName + "Response"), description);
            }

            var json = success.Content.FirstOrDefault(pair => IsJson(pair.Key));
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
    }

    /// <summary>Thrown inside the builder to leave one operation out; always caught and reported as YSG003.</summary>
    internal sealed class UnsupportedSpecException : Exception
    {
        public UnsupportedSpecException(string message)
            : base(message)
        {
        }
    }
}
