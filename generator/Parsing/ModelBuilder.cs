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
    internal sealed partial class ModelBuilder
    {
        private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

        private readonly SpecInput _input;
        private readonly OpenApiDocument _document;
        private readonly SpecText _text;
        private readonly DiagnosticSink _diagnostics;
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

        public ModelBuilder(SpecInput input, OpenApiDocument document, SpecText text, DiagnosticSink diagnostics, CancellationToken cancellationToken)
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
            DecideStreamRequests(operations);
            ReadTaskSemantics(operations);
            ReadCallExtensions(operations);
            DecideWireContracts(operations);
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
