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

        // Ignoring case: type names become hint names, which Roslyn compares ignoring case.
        private readonly HashSet<string> _typeNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<JsonSchema, TypeRef> _namedTypes = new Dictionary<JsonSchema, TypeRef>();
        private readonly Dictionary<JsonSchema, TypeRef> _aliases = new Dictionary<JsonSchema, TypeRef>();
        private readonly HashSet<JsonSchema> _resolvingAliases = new HashSet<JsonSchema>();
        private readonly Dictionary<JsonSchema, string> _componentNames = new Dictionary<JsonSchema, string>();
        private readonly Dictionary<JsonSchema, (JsonSchema Base, string BaseName, string Tag)> _baseOf = new Dictionary<JsonSchema, (JsonSchema, string, string)>();
        private readonly List<(JsonSchema Schema, string Name, TypeModelKind Kind)> _pending = new List<(JsonSchema, string, TypeModelKind)>();
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
            _typeNames.Add(_clientName + "ServiceCollectionExtensions");
        }

        public SpecModel Build()
        {
            RegisterComponentSchemas();
            var operations = BuildOperations();

            // Objects and unions are built last and in registration order, so inline types nested anywhere get a stable
            // name and place; building one may register more, which this loop then reaches too.
            var built = new Dictionary<string, TypeModel>(StringComparer.Ordinal);
            for (var i = 0; i < _pending.Count; i++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var (schema, name, kind) = _pending[i];
                var type = kind == TypeModelKind.Union ? BuildUnion(schema, name) : BuildObject(schema, name);
                built[name] = type;
                _types.Add(type);
            }

            // Variants' member lists need every object built first; so do inherited members' names, which must be the base's.
            for (var i = 0; i < _types.Count; i++)
            {
                if (_types[i].Kind == TypeModelKind.Union || _types[i].Derived.Count > 0)
                {
                    _types[i] = CompleteVariants(_types[i], built);
                }

                if (_types[i].BaseType is { } baseName && built.TryGetValue(baseName, out var baseModel))
                {
                    var baseNames = baseModel.Properties.ToDictionary(p => p.JsonName, p => p.Name, StringComparer.Ordinal);
                    _types[i] = _types[i] with
                    {
                        Properties = _types[i].Properties
                            .Select(p => p.Inherited && baseNames.TryGetValue(p.JsonName, out var name) ? p with { Name = name } : p with { Inherited = false })
                            .ToEquatableArray(),
                    };
                }
            }

            MarkMembersCallersMustSet(operations);
            ReadTaskSemantics(operations);
            ReadCallExtensions(operations);
            var (planned, groups) = Naming.ClientSurfacePlanner.Plan(
                operations,
                _sources.Select(source => source.Source.Tags?.FirstOrDefault(tag => !string.IsNullOrWhiteSpace(tag))).ToList(),
                (_document.Tags ?? new List<OpenApiTag>()).Where(tag => !string.IsNullOrWhiteSpace(tag.Name)).Select(tag => (tag.Name, Clean(tag.Description))).ToList(),
                _typeNames,
                _clientName);
            operations = planned;

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
                _diagnostics.ToEquatableArray())
            {
                Groups = groups,
            };
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
            if (url!.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                return null;
            }

            // A fragment is never sent; drop it rather than carry it into every request address.
            return uri.GetLeftPart(UriPartial.Query);
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

        /// <summary>Adds <c>x-yescale-idempotency</c> and <c>x-yescale-errors</c>: an operation's own, else the document's.</summary>
        private void ReadCallExtensions(List<OperationModel> operations)
        {
            var idempotency = ReadDocumentExtension(CallExtensionReader.IdempotencyName, CallExtensionReader.ReadIdempotency);
            var errors = ReadDocumentExtension(CallExtensionReader.ErrorsName, CallExtensionReader.ReadErrors);
            for (var i = 0; i < operations.Count; i++)
            {
                var extensions = _sources[i].Source.ExtensionData;
                var header = idempotency;
                var rule = errors;
                if (extensions != null && extensions.TryGetValue(CallExtensionReader.IdempotencyName, out var ownIdempotency))
                {
                    header = ReadOperationExtension(i, operations[i], CallExtensionReader.IdempotencyName, () => CallExtensionReader.ReadIdempotency(ownIdempotency), idempotency);
                }

                if (extensions != null && extensions.TryGetValue(CallExtensionReader.ErrorsName, out var ownErrors))
                {
                    rule = ReadOperationExtension(i, operations[i], CallExtensionReader.ErrorsName, () => CallExtensionReader.ReadErrors(ownErrors), errors);
                }

                if (header != null || rule != null)
                {
                    operations[i] = operations[i] with { IdempotencyHeader = header, AnswerErrors = rule };
                }
            }
        }

        private T? ReadDocumentExtension<T>(string name, System.Func<object?, T?> read)
            where T : class
        {
            if (_document.ExtensionData is null || !_document.ExtensionData.TryGetValue(name, out var raw))
            {
                return null;
            }

            try
            {
                return read(raw);
            }
            catch (UnsupportedSpecException problem)
            {
                _diagnostics.Add(new DiagnosticInfo(DiagnosticCatalog.InvalidCallExtension.Id, _text.Find(new[] { name }), new[] { name, "the document", problem.Message }.ToEquatableArray()));
                return null;
            }
        }

        private T? ReadOperationExtension<T>(int index, OperationModel operation, string name, System.Func<T?> read, T? fallback)
            where T : class
        {
            try
            {
                return read();
            }
            catch (UnsupportedSpecException problem)
            {
                _diagnostics.Add(new DiagnosticInfo(
                    DiagnosticCatalog.InvalidCallExtension.Id,
                    _text.Find(new[] { "paths", _sources[index].Path, _sources[index].Method, name }),
                    new[] { name, operation.OperationId, problem.Message }.ToEquatableArray()));
                return fallback;
            }
        }

        // ---- Schemas ----------------------------------------------------------------------------------------

        private void RegisterComponentSchemas()
        {
            foreach (var pair in _document.Definitions)
            {
                var schema = pair.Value;
                _componentNames[schema] = pair.Key;
                if (IsObjectType(schema) || IsStringEnum(schema) || IsIntegerEnum(schema) || IsUnion(schema))
                {
                    RegisterNamedType(schema, Identifiers.ToPascalCase(pair.Key, "Schema"));
                }
            }

            FindDerivedTypes();
        }

        /// <summary>
        /// A component with a discriminator that other components extend (allOf: [$ref base, ...]) becomes a base class;
        /// its converter reads the discriminator and hands the value to the derived type's converter.
        /// </summary>
        private void FindDerivedTypes()
        {
            foreach (var pair in _document.Definitions)
            {
                var derived = pair.Value;
                if (!_namedTypes.TryGetValue(derived, out var derivedRef) || derivedRef.Kind != TypeRefKind.Model)
                {
                    continue;
                }

                foreach (var part in derived.AllOf)
                {
                    var target = Dereference(part);
                    if (part.Reference is null || target.DiscriminatorObject is null || !_namedTypes.TryGetValue(target, out var baseRef) || baseRef.Kind != TypeRefKind.Model)
                    {
                        continue;
                    }

                    var tag = target.DiscriminatorObject.Mapping?.FirstOrDefault(m => Dereference(m.Value) == derived).Key ?? pair.Key;
                    _baseOf[derived] = (target, baseRef.Name!, tag);
                    break;
                }
            }
        }

        private TypeRef RegisterNamedType(JsonSchema schema, string candidateName)
        {
            if (_namedTypes.TryGetValue(schema, out var existing))
            {
                return existing;
            }

            var name = ReserveTypeName(Identifiers.LimitLength(candidateName));
            if (IsStringEnum(schema))
            {
                var typeRef = new TypeRef(TypeRefKind.Enum, name);
                _namedTypes.Add(schema, typeRef);
                _types.Add(BuildEnum(schema, name));
                return typeRef;
            }

            if (IsIntegerEnum(schema))
            {
                var typeRef = new TypeRef(TypeRefKind.IntEnum, name);
                _namedTypes.Add(schema, typeRef);
                _types.Add(BuildIntegerEnum(schema, name));
                return typeRef;
            }

            if (IsUnion(schema))
            {
                var unionRef = new TypeRef(TypeRefKind.Union, name);
                _namedTypes.Add(schema, unionRef);
                _pending.Add((schema, name, TypeModelKind.Union));
                return unionRef;
            }

            var modelRef = new TypeRef(TypeRefKind.Model, name);
            _namedTypes.Add(schema, modelRef);
            _pending.Add((schema, name, TypeModelKind.Object));
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

        /// <summary>
        /// The one part of an <c>allOf</c> that says what the value is, when the others only qualify it
        /// (<c>allOf: [$ref: Choice, {nullable: true}]</c>, <c>allOf: [$ref: X, {description: ...}]</c>): the schema is that
        /// part's type. Null when the schema declares members or alternatives of its own, or several parts do.
        /// </summary>
        private static JsonSchema? SoleAllOfPart(JsonSchema schema)
        {
            if (schema.AllOf.Count == 0 || schema.Properties.Count > 0 || schema.OneOf.Count > 0 || schema.AnyOf.Count > 0)
            {
                return null;
            }

            var substantive = schema.AllOf.Where(part => !IsQualifierOnly(part)).ToList();
            return substantive.Count == 1 ? substantive[0] : null;
        }

        /// <summary>A schema with nothing in it but words and flags (nullable, description, readOnly...): it constrains no shape.</summary>
        private static bool IsQualifierOnly(JsonSchema part)
            => part.Reference is null && part.Properties.Count == 0 && (part.Type & ~JsonObjectType.Null) == JsonObjectType.None
               && part.OneOf.Count == 0 && part.AnyOf.Count == 0 && part.AllOf.Count == 0 && part.Item is null && part.Items.Count == 0
               && part.AdditionalPropertiesSchema is null && part.Enumeration.Count == 0 && part.DiscriminatorObject is null;

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
            if (ConstValues(schema) is { } constants)
            {
                return constants[0].Value is string;
            }

            var type = NonNullType(schema);
            return schema.Enumeration.Count > 0
                   && (type == JsonObjectType.String || (type == JsonObjectType.None && schema.Enumeration.All(value => value is string or null)))
                   && schema.Enumeration.Any(value => value is string);
        }

        private static bool IsIntegerEnum(JsonSchema schema)
        {
            if (ConstValues(schema) is { } constants)
            {
                return constants[0].Value is int or long;
            }

            var type = NonNullType(schema);
            return schema.Enumeration.Count > 0 && type == JsonObjectType.Integer
                   && schema.Enumeration.All(value => value is null || AsInteger(value) != null);
        }

        /// <summary>An integer enum value; YAML documents reach NSwag with untagged scalars as strings, so "3" counts too.</summary>
        private static long? AsInteger(object? value)
        {
            var raw = value is Newtonsoft.Json.Linq.JValue json ? json.Value : value;
            return raw switch
            {
                int number => number,
                long number => number,
                string text when long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            };
        }

        /// <summary>oneOf/anyOf with at least two variants that are not null, and no members of its own (and not an enum of consts).</summary>
        private static bool IsUnion(JsonSchema schema)
            => schema.Properties.Count == 0 && UnionVariants(schema).Count >= 2 && ConstValues(schema) is null;

        /// <summary>
        /// The values of an enumeration written as <c>oneOf</c> of <c>const</c> (an OpenAPI 3.1 idiom, with a title per
        /// value), or null when the schema is not one.
        /// </summary>
        private static List<(object Value, string? Title, string? Description)>? ConstValues(JsonSchema schema)
        {
            var variants = UnionVariants(schema);
            if (schema.Properties.Count > 0 || variants.Count == 0)
            {
                return null;
            }

            var values = new List<(object, string?, string?)>();
            foreach (var variant in variants)
            {
                var target = Dereference(variant);
                var value = SingleValue(target);
                if (value is not (string or int or long))
                {
                    return null;
                }

                values.Add((value, Clean(target.Title), Clean(target.Description)));
            }

            return values.All(v => v.Item1 is string) || values.All(v => v.Item1 is int or long) ? values : null;
        }

        private static List<JsonSchema> UnionVariants(JsonSchema schema)
        {
            var variants = schema.OneOf.Count > 0 ? schema.OneOf : schema.AnyOf;
            return variants.Where(variant => Dereference(variant).Type != JsonObjectType.Null).ToList();
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

            if ((schema.OneOf.Count > 0 || schema.AnyOf.Count > 0) && schema.Properties.Count == 0)
            {
                return false;
            }

            if (SoleAllOfPart(schema) != null)
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

            if (SoleAllOfPart(schema) is { } sole)
            {
                return Resolve(sole, contextName);
            }

            if (IsStringEnum(schema) || IsIntegerEnum(schema))
            {
                return RegisterNamedType(schema, contextName);
            }

            if (schema.Properties.Count == 0 && (schema.OneOf.Count > 0 || schema.AnyOf.Count > 0))
            {
                // `anyOf: [X, {type: null}]` is a nullable X; two or more real variants make a union type.
                var nonNull = UnionVariants(schema);
                if (nonNull.Count == 1)
                {
                    return Resolve(nonNull[0], contextName);
                }

                if (nonNull.Count > 1)
                {
                    return RegisterNamedType(schema, contextName);
                }
            }

            if (IsStringEnum(schema) || IsIntegerEnum(schema))
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
                    return new TypeRef(TypeRefKind.Array, null, Element(item, Resolve(item, contextName + "Item")));
                case JsonObjectType.Object:
                case JsonObjectType.None when schema.AdditionalPropertiesSchema != null:
                    return schema.AdditionalPropertiesSchema != null
                        ? new TypeRef(TypeRefKind.Map, null, Element(schema.AdditionalPropertiesSchema, Resolve(schema.AdditionalPropertiesSchema, contextName + "Value")))
                        : TypeRef.Json;
                case JsonObjectType.String:
                    return ResolveString(schema.Format);
                case JsonObjectType.Integer:
                    return ScalarFormats.Find(ScalarJsonKind.Number, schema.Format, _input.UnavailableFormats)
                        ?? (schema.Format == "int32" ? new TypeRef(TypeRefKind.Int32) : new TypeRef(TypeRefKind.Int64));
                case JsonObjectType.Number:
                    return ScalarFormats.Find(ScalarJsonKind.Number, schema.Format, _input.UnavailableFormats) ?? schema.Format switch
                    {
                        "int32" => new TypeRef(TypeRefKind.Int32),
                        "int64" => new TypeRef(TypeRefKind.Int64),
                        _ => new TypeRef(TypeRefKind.Double),
                    };
                case JsonObjectType.Boolean:
                    return new TypeRef(TypeRefKind.Boolean);
                case JsonObjectType.File:
                    return new TypeRef(TypeRefKind.File);
                default:
                    return TypeRef.Json;
            }
        }

        /// <summary>A list item or map value: nullable when its schema allows null and its C# type is a value type (a
        /// reference type holds null already), so <c>[1, null]</c> reads as <c>{ 1, null }</c>, not <c>{ 1, 0 }</c>.</summary>
        private TypeRef Element(JsonSchema? schema, TypeRef type)
            => schema != null && type.IsValueType && type.Kind != TypeRefKind.Json && AllowsNull(schema) ? type with { Nullable = true } : type;

        /// <summary>
        /// True when null is a value of the schema, however the document says so: 3.0's <c>nullable</c>, a 3.1 type list
        /// with "null", <c>anyOf</c>/<c>oneOf</c> with a null variant, or an enum that lists null.
        /// </summary>
        private bool AllowsNull(JsonSchema schema)
        {
            var current = schema;
            for (var depth = 0; depth < 64; depth++)
            {
                if (current.IsNullable(_schemaType) || current.Type.HasFlag(JsonObjectType.Null) || current.Enumeration.Contains(null!)
                    || current.OneOf.Concat(current.AnyOf).Any(variant => Dereference(variant).Type == JsonObjectType.Null)
                    || (SoleAllOfPart(current) != null && current.AllOf.Any(part => IsQualifierOnly(part) && (part.IsNullable(_schemaType) || part.Type.HasFlag(JsonObjectType.Null)))))
                {
                    return true;
                }

                if (current.Reference is null)
                {
                    return false;
                }

                current = current.Reference;
            }

            return false;
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

        /// <summary>A string schema's type: a mapped format (<see cref="ScalarFormats"/>), base64 bytes, a file to upload, or a string.</summary>
        private TypeRef ResolveString(string? format) => ScalarFormats.Find(ScalarJsonKind.String, format, _input.UnavailableFormats) ?? format switch
        {
            "byte" => new TypeRef(TypeRefKind.Bytes),
            "binary" => new TypeRef(TypeRefKind.File),
            _ => TypeRef.String,
        };

        private TypeModel BuildObject(JsonSchema schema, string typeName)
        {
            var baseInfo = _baseOf.TryGetValue(schema, out var found) ? found : ((JsonSchema Base, string BaseName, string Tag)?)null;
            var inheritedNames = baseInfo is { } info ? new HashSet<string>(CollectProperties(info.Base, new HashSet<JsonSchema>()).Select(p => p.JsonName), StringComparer.Ordinal) : null;
            var properties = new List<PropertyModel>();
            // object's own members: a property with one of these names would hide it (CS0108).
            var memberNames = new HashSet<string>(StringComparer.Ordinal) { typeName, "Equals", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals", "ToString", "AdditionalProperties", "HasAdditionalProperties", "IsJsonNull", "JsonNulls__" };
            var byJsonName = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (jsonName, property, required) in CollectProperties(schema, new HashSet<JsonSchema>()))
            {
                var candidate = Identifiers.ToPascalCase(jsonName, "Property");
                if (candidate == typeName)
                {
                    candidate += "Value";
                }

                var allowsNull = AllowsNull(property);
                var nullable = !required || allowsNull;
                var type = IsInlineStringConstant(property) ? TypeRef.String : Resolve(property, typeName + Identifiers.ToPascalCase(jsonName, "Property"));
                if (byJsonName.TryGetValue(jsonName, out var index))
                {
                    // A property redeclared by a composed schema: the later declaration wins, under the first name.
                    var previous = properties[index];
                    properties[index] = previous with { Type = type, Required = previous.Required || required, Nullable = nullable && previous.Nullable, AllowsNull = allowsNull && previous.AllowsNull, Docs = DocsOf(property) };
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
                    DocsOf(property))
                {
                    ReadOnly = property.IsReadOnly,
                    AllowsNull = allowsNull,
                    Inherited = inheritedNames?.Contains(jsonName) == true,
                    Default = DefaultText(property.Default ?? Dereference(property).Default),
                    Constant = ConstantText(property),
                    InitialString = required && !allowsNull && !property.IsReadOnly && type.Kind == TypeRefKind.String && SingleValue(Dereference(property)) is string only ? only : null,
                });
            }

            var model = new TypeModel(typeName, TypeModelKind.Object, DocsOf(schema), schema.IsDeprecated, properties.ToEquatableArray(), EquatableArray<EnumMemberModel>.Empty);
            if (baseInfo is { } extends)
            {
                model = model with { BaseType = extends.BaseName };
            }

            if (schema.DiscriminatorObject is { } discriminator && _baseOf.Any(pair => pair.Value.Base == schema))
            {
                var derived = _baseOf
                    .Where(pair => pair.Value.Base == schema)
                    .Select(pair => new UnionVariantModel(_namedTypes[pair.Key].Name!, _namedTypes[pair.Key], pair.Value.Tag, EquatableArray<string>.Empty, EquatableArray<string>.Empty))
                    .ToEquatableArray();
                model = model with { Derived = derived, DerivedDiscriminator = discriminator.PropertyName };
            }

            return model;
        }

        /// <summary>The JSON text of the only value a member's own schema allows (<c>enum: [4]</c>, <c>const: "text"</c>), else null.</summary>
        private static string? ConstantText(JsonSchema property)
        {
            var schema = property.Reference != null && property.Enumeration.Count == 0 && property.ExtensionData?.ContainsKey("const") != true ? Dereference(property) : property;
            if (schema.Properties.Count == 0 && UnionVariants(schema) is { Count: 1 } only)
            {
                // `oneOf: [{type: null}, {enum: [3]}]`: null or that one value.
                schema = only[0].Reference != null ? Dereference(only[0]) : only[0];
            }

            return SingleValue(schema) switch
            {
                string text => Newtonsoft.Json.JsonConvert.ToString(text),
                bool flag => flag ? "true" : "false",
                int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                long number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        /// <summary>
        /// A member's own schema that allows one string and nothing else (<c>type: {enum: [message]}</c>, <c>const: "text"</c>,
        /// as type tags are written): the member is a string, documented with its value, rather than a type of its own per
        /// member that would hold one value. A named component keeps its type.
        /// </summary>
        private bool IsInlineStringConstant(JsonSchema property)
            => property.Reference is null && SoleAllOfPart(property) is null && !_namedTypes.ContainsKey(property)
               && IsStringEnum(property) && SingleValue(property) is string;

        /// <summary>The one value a schema allows, from its <c>const</c> or a one-value <c>enum</c>; null when it allows more (or none is given).</summary>
        private static object? SingleValue(JsonSchema schema)
        {
            object? value;
            if (schema.ExtensionData != null && schema.ExtensionData.TryGetValue("const", out var constant))
            {
                value = constant;
            }
            else if (schema.Enumeration.Count == 1)
            {
                value = schema.Enumeration.First();
            }
            else
            {
                return null;
            }

            return value is Newtonsoft.Json.Linq.JValue json ? json.Value : value;
        }

        private static string? DefaultText(object? value)
        {
            var text = value switch
            {
                null => null,
                Newtonsoft.Json.Linq.JToken token => token.ToString(Newtonsoft.Json.Formatting.None),
                bool flag => flag ? "true" : "false",
                string literal => "\"" + literal + "\"",
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            };
            return text is null || text.Length > 200 ? null : text;
        }

        private TypeModel BuildUnion(JsonSchema schema, string typeName)
        {
            var names = new HashSet<string>(StringComparer.Ordinal) { typeName, "Value", "Kind", "Match", "Switch", "Unknown", "IsUnknown" };
            var variants = new List<UnionVariantModel>();
            var discriminator = schema.DiscriminatorObject;
            var index = 0;
            foreach (var variantSchema in UnionVariants(schema))
            {
                index++;
                var type = Resolve(variantSchema, typeName + "Option" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (variants.Any(v => v.Type == type))
                {
                    continue;
                }

                var target = Dereference(variantSchema);
                string? tag = null;
                if (discriminator != null)
                {
                    tag = discriminator.Mapping?.FirstOrDefault(m => Dereference(m.Value) == target).Key
                          ?? (_componentNames.TryGetValue(target, out var component) ? component : null);
                }

                variants.Add(new UnionVariantModel(Identifiers.MakeUnique(VariantName(type), names), type, tag, EquatableArray<string>.Empty, EquatableArray<string>.Empty));
            }

            return new TypeModel(typeName, TypeModelKind.Union, DocsOf(schema), schema.IsDeprecated, EquatableArray<PropertyModel>.Empty, EquatableArray<EnumMemberModel>.Empty)
            {
                Variants = variants.ToEquatableArray(),
                Discriminator = discriminator?.PropertyName,
            };
        }

        /// <summary>
        /// Marks <see cref="PropertyModel.MustSet"/>: the required, writable, non-constant members of every model a
        /// request can carry (through a body or a parameter, its members, items, variants, base and derived types).
        /// Models only answers carry keep settable members, so a test can build an answer in a few lines.
        /// </summary>
        private void MarkMembersCallersMustSet(List<OperationModel> operations)
        {
            var byName = _types.Select((type, index) => (type, index)).ToDictionary(pair => pair.type.Name, pair => pair.index, StringComparer.Ordinal);
            var sent = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<TypeRef>();
            foreach (var operation in operations)
            {
                if (operation.Body is { } body)
                {
                    pending.Push(body.Type);
                }

                foreach (var parameter in operation.Parameters)
                {
                    pending.Push(parameter.Type);
                }
            }

            while (pending.Count > 0)
            {
                var type = pending.Pop();
                if (type.Item != null)
                {
                    pending.Push(type.Item);
                }

                if (type.Name is null || type.Kind is not (TypeRefKind.Model or TypeRefKind.Union) || !sent.Add(type.Name) || !byName.TryGetValue(type.Name, out var index))
                {
                    continue;
                }

                var model = _types[index];
                foreach (var property in model.Properties)
                {
                    pending.Push(property.Type);
                }

                foreach (var variant in model.Variants.Concat(model.Derived))
                {
                    pending.Push(variant.Type);
                }

                if (model.BaseType != null)
                {
                    pending.Push(new TypeRef(TypeRefKind.Model, model.BaseType));
                }
            }

            static bool Settable(PropertyModel p) => p.Required && !p.ReadOnly && p.InitialString == null;
            for (var i = 0; i < _types.Count; i++)
            {
                if (sent.Contains(_types[i].Name) && _types[i].Properties.Any(p => !p.Inherited && Settable(p)))
                {
                    _types[i] = _types[i] with { Properties = _types[i].Properties.Select(p => !p.Inherited && Settable(p) ? p with { MustSet = true } : p).ToEquatableArray() };
                }
            }

            // An inherited member is what its declaring base says, whether or not the derived model is sent itself.
            bool DeclaredMustSet(string? typeName, string jsonName, int depth)
            {
                if (typeName is null || depth > 64 || !byName.TryGetValue(typeName, out var index))
                {
                    return false;
                }

                var declared = _types[index].Properties.FirstOrDefault(p => p.JsonName == jsonName);
                return declared is { Inherited: false } ? declared.MustSet : DeclaredMustSet(_types[index].BaseType, jsonName, depth + 1);
            }

            for (var i = 0; i < _types.Count; i++)
            {
                var type = _types[i];
                if (type.BaseType != null && type.Properties.Any(p => p.Inherited))
                {
                    _types[i] = type with { Properties = type.Properties.Select(p => p.Inherited ? p with { MustSet = DeclaredMustSet(type.BaseType, p.JsonName, 0) } : p).ToEquatableArray() };
                }
            }

            // Constructor parameters: camelCase names, unique in the constructor; the base's constructor takes its own in its order.
            for (var i = 0; i < _types.Count; i++)
            {
                var type = _types[i];
                if (!type.Properties.Any(p => p.MustSet))
                {
                    continue;
                }

                var taken = new HashSet<string>(StringComparer.Ordinal) { "reading" };
                var properties = type.Properties.Select(p => p.MustSet ? p with { ParameterName = Identifiers.MakeUnique(Identifiers.ToCamelCase(p.Name), taken) } : p).ToEquatableArray();
                var baseMustSet = type.BaseType != null && byName.TryGetValue(type.BaseType, out var baseIndex)
                    ? _types[baseIndex].Properties.Where(p => p.MustSet).Select(p => p.JsonName).ToEquatableArray()
                    : EquatableArray<string>.Empty;
                _types[i] = type with { Properties = properties, BaseMustSet = baseMustSet };
            }
        }

        private static string VariantName(TypeRef type) => type.Kind switch
        {
            TypeRefKind.Model or TypeRefKind.Enum or TypeRefKind.IntEnum or TypeRefKind.Union => type.Name!,
            TypeRefKind.Array => VariantName(type.Item!) + "List",
            TypeRefKind.Map => VariantName(type.Item!) + "Map",
            TypeRefKind.Json => "Json",
            TypeRefKind.Bytes => "Bytes",
            TypeRefKind.Scalar => ScalarFormats.Of(type).CSharpType switch
            {
                // The BCL's names, as System.Single is to float: AsSingleList, AsDecimal.
                "float" => "Single",
                "decimal" => "Decimal",
                var name => name.Substring(name.LastIndexOf('.') + 1),
            },
            _ => type.Kind.ToString(),
        };

        /// <summary>Fills in the members of object variants, which tell variants apart when there is no discriminator.</summary>
        private static TypeModel CompleteVariants(TypeModel type, Dictionary<string, TypeModel> built)
        {
            // A list of models is told apart by its items' shape, so it gets the item model's members.
            static TypeRef Shaped(TypeRef type) => type.Kind == TypeRefKind.Array && type.Item!.Kind == TypeRefKind.Model ? type.Item : type;
            EquatableArray<UnionVariantModel> Complete(EquatableArray<UnionVariantModel> variants) => variants
                .Select(variant => Shaped(variant.Type).Kind == TypeRefKind.Model && built.TryGetValue(Shaped(variant.Type).Name!, out var model)
                    ? variant with
                    {
                        RequiredMembers = model.Properties.Where(p => p.Required).Select(p => p.JsonName).ToEquatableArray(),
                        Members = model.Properties.Select(p => p.JsonName).ToEquatableArray(),
                        Constants = model.Properties.Where(p => p.Constant != null).SelectMany(p => new[] { p.JsonName, p.Constant! }).ToEquatableArray(),
                    }
                    : variant)
                .ToEquatableArray();

            return type with { Variants = Complete(type.Variants), Derived = Complete(type.Derived) };
        }

        private TypeModel BuildIntegerEnum(JsonSchema schema, string typeName)
        {
            var memberNames = new HashSet<string>(StringComparer.Ordinal) { typeName };
            var members = new List<EnumMemberModel>();
            var seen = new HashSet<long>();
            var constants = ConstValues(schema);
            var values = constants?.Select(c => (object?)c.Value).ToList() ?? schema.Enumeration.Where(value => value != null).ToList();
            for (var i = 0; i < values.Count; i++)
            {
                var number = AsInteger(values[i]) ?? 0;
                if (!seen.Add(number))
                {
                    continue;
                }

                // A const's title, or x-enumNames (NJsonSchema reads it), gives readable names; otherwise the number itself.
                var label = constants != null ? constants[i].Title : i < schema.EnumerationNames.Count ? schema.EnumerationNames[i] : null;
                var name = Identifiers.ToPascalCase(label, "Value" + number.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace("-", "Minus"));
                if (char.IsDigit(name.TrimStart('_')[0]))
                {
                    name = "Value" + name.TrimStart('_');
                }

                members.Add(new EnumMemberModel(Identifiers.MakeUnique(name, memberNames), number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return new TypeModel(typeName, TypeModelKind.IntegerEnum, DocsOf(schema), schema.IsDeprecated, EquatableArray<PropertyModel>.Empty, members.ToEquatableArray());
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
            var memberNames = new HashSet<string>(StringComparer.Ordinal) { typeName, "Value", "IsKnown", "ToString", "Equals", "GetHashCode", "GetType" };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var members = new List<EnumMemberModel>();
            var constants = ConstValues(schema);
            var values = constants?.Select(c => ((string)c.Value, c.Title)) ?? schema.Enumeration.OfType<string>().Select(v => (v, (string?)null));
            foreach (var (value, title) in values)
            {
                if (seen.Add(value))
                {
                    members.Add(new EnumMemberModel(Identifiers.MakeUnique(Identifiers.ToPascalCase(title ?? value, "Empty"), memberNames), value));
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
