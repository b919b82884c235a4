using System;
using System.Collections.Generic;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Makes every <c>$ref</c> of a document resolvable before NSwag reads it, which otherwise throws for the whole
    /// document (or reads the disk, or the network). References to other listed files are inlined: schemas become
    /// components of this document under a free name, anything else is copied in place. What still does not resolve is
    /// left out with everything that depends on it (the operation, the component, and transitively their users), each
    /// with warning YSG008 at the line of the <c>$ref</c> that caused it.
    /// </summary>
    /// <remarks>
    /// Only positions NSwag resolves are references: an object's <c>$ref</c> outside <c>example</c>, <c>default</c>,
    /// <c>enum</c>, <c>x-</c> extensions and (in schemas) keywords NJsonSchema does not read, plus discriminator
    /// mappings. The others are data and stay as they are.
    /// </remarks>
    internal sealed class ReferencePrePass
    {
        private static readonly HashSet<string> HttpMethods = new HashSet<string>(StringComparer.Ordinal) { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

        /// <summary>Keys of OpenAPI objects whose value maps names to objects, so the names are not read as keywords.</summary>
        private static readonly HashSet<string> NameMaps = new HashSet<string>(StringComparer.Ordinal)
        {
            "paths", "responses", "content", "headers", "links", "callbacks", "encoding", "variables", "securitySchemes",
            "requestBodies", "pathItems", "webhooks", "securityDefinitions", "parameters", "examples",
        };

        private readonly JObject _root;
        private readonly DocumentSet _documents;
        private readonly DiagnosticSink _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private readonly bool _swagger2;
        private readonly List<Site> _sites = new List<Site>();
        private readonly Dictionary<string, Unit> _units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _imported = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _preassigned = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Queue<(SourceDocument Document, JToken Node, Unit Unit, string Name)> _pendingImports = new Queue<(SourceDocument, JToken, Unit, string)>();
        private HashSet<string>? _schemaNames;
        private bool _changed;

        private ReferencePrePass(JObject root, DocumentSet documents, DiagnosticSink diagnostics, CancellationToken cancellationToken)
        {
            _root = root;
            _documents = documents;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
            _swagger2 = root.ContainsKey("swagger");
        }

        private enum Context
        {
            Data,
            Generic,
            Schema,
        }

        /// <summary>Runs the pre-pass on the spec's tree in place; true when the tree changed.</summary>
        public static bool Run(JObject root, SourceDocument main, IEnumerable<AdditionalDocument> documents, DiagnosticSink diagnostics, CancellationToken cancellationToken)
        {
            var set = new DocumentSet(main, documents);
            var texts = TextReferences.Inline(root, set, diagnostics);
            var pass = new ReferencePrePass(root, set, diagnostics, cancellationToken);
            pass._changed = texts;
            pass.CollectMainSites();
            pass.InlineExternalReferences();
            pass.ReportUnreadableDocuments();
            pass.LeaveOutUnresolved();
            return pass._changed;
        }

        // ---- Finding references -------------------------------------------------------------------------------

        private void CollectMainSites()
        {
            foreach (var property in _root.Properties())
            {
                var value = property.Value;
                switch (property.Name)
                {
                    case "paths" when value is JObject paths:
                        foreach (var path in paths.Properties())
                        {
                            if (path.Name.StartsWith("x-", StringComparison.Ordinal))
                            {
                                Visit(path.Value, Context.Data, null);
                            }
                            else
                            {
                                VisitPathItem(path.Value, UnitFor("paths", path.Name));
                            }
                        }

                        break;
                    case "components" when value is JObject components:
                        foreach (var kind in components.Properties())
                        {
                            if (kind.Value is JObject members && !kind.Name.StartsWith("x-", StringComparison.Ordinal))
                            {
                                var context = kind.Name == "schemas" ? Context.Schema : Context.Generic;
                                foreach (var member in members.Properties())
                                {
                                    Visit(member.Value, context, UnitFor("components", kind.Name, member.Name));
                                }
                            }
                            else
                            {
                                Visit(kind.Value, Context.Data, null);
                            }
                        }

                        break;
                    case "definitions" when value is JObject && _swagger2:
                    case "parameters" when value is JObject && _swagger2:
                    case "responses" when value is JObject && _swagger2:
                        foreach (var member in ((JObject)value).Properties())
                        {
                            Visit(member.Value, property.Name == "definitions" ? Context.Schema : Context.Generic, UnitFor(property.Name, member.Name));
                        }

                        break;
                    default:
                        // info, servers, tags, webhooks, extensions: NSwag resolves nothing there.
                        Visit(value, Context.Data, null);
                        break;
                }
            }
        }

        private void VisitPathItem(JToken item, Unit pathUnit)
        {
            if (item is not JObject obj)
            {
                return;
            }

            Collect(obj, Context.Generic, pathUnit);
            foreach (var property in obj.Properties())
            {
                if (property.Name == "$ref")
                {
                    continue;
                }

                if (HttpMethods.Contains(property.Name))
                {
                    Visit(property.Value, Context.Generic, UnitFor("paths", pathUnit.Segments[1], property.Name));
                }
                else
                {
                    VisitMember(property.Name, property.Value, Context.Generic, pathUnit);
                }
            }
        }

        /// <summary>Walks a node of the spec in document order; the $refs NSwag resolves are collected.</summary>
        private void Visit(JToken token, Context context, Unit? unit)
        {
            if (token is JObject obj)
            {
                Collect(obj, context, unit);
                foreach (var property in obj.Properties())
                {
                    if (property.Name != "$ref")
                    {
                        VisitMember(property.Name, property.Value, context, unit);
                    }
                }
            }
            else if (token is JArray array)
            {
                foreach (var item in array)
                {
                    Visit(item, context, unit);
                }
            }
        }

        private void VisitMember(string key, JToken value, Context context, Unit? unit)
        {
            var child = unit is null ? Context.Data : ChildContext(context, key);
            if (child == Context.Schema && context == Context.Schema && key == "discriminator" && value is JObject discriminator)
            {
                CollectMappings(discriminator, unit!);
                Visit(value, Context.Data, unit);
                return;
            }

            if (child != Context.Data && value is JObject map && IsNameMap(context, key))
            {
                foreach (var member in map.Properties())
                {
                    Visit(member.Value, child, unit);
                }

                return;
            }

            Visit(value, child, unit);
        }

        private Context ChildContext(Context context, string key)
        {
            switch (context)
            {
                case Context.Schema:
                    switch (key)
                    {
                        case "properties":
                        case "patternProperties":
                        case "definitions":
                        case "additionalProperties":
                        case "additionalItems":
                        case "items":
                        case "not":
                        case "allOf":
                        case "anyOf":
                        case "oneOf":
                        case "discriminator":
                            return Context.Schema;
                        default:
                            return Context.Data; // example, default, enum, extensions, keywords NJsonSchema ignores
                    }

                case Context.Generic:
                    if (key.StartsWith("x-", StringComparison.Ordinal) || key == "example" || key == "default" || key == "enum" || key == "value"
                        || (key == "examples" && _swagger2))
                    {
                        return Context.Data;
                    }

                    return key == "schema" || key == "schemas" || key == "definitions" ? Context.Schema : Context.Generic;

                default:
                    return Context.Data;
            }
        }

        private static bool IsNameMap(Context context, string key)
            => context == Context.Schema
                ? key == "properties" || key == "patternProperties" || key == "definitions"
                : NameMaps.Contains(key) || key == "schemas" || key == "definitions";

        private void Collect(JObject obj, Context context, Unit? unit)
        {
            if (context != Context.Data && unit != null && obj.TryGetValue("$ref", StringComparison.Ordinal, out var value) && value.Type == JTokenType.String)
            {
                _sites.Add(new Site(obj, obj, null, (string)value!, _documents.Main, unit, context == Context.Schema));
            }
        }

        /// <summary>Discriminator mappings name schemas too ("#/components/schemas/Cat", "pets.yaml#/Cat" or just "Cat").</summary>
        private void CollectMappings(JObject discriminator, Unit unit)
        {
            if (discriminator["mapping"] is not JObject mapping)
            {
                return;
            }

            foreach (var entry in mapping.Properties())
            {
                if (entry.Value.Type == JTokenType.String)
                {
                    _sites.Add(new Site(mapping, mapping, entry.Name, (string)entry.Value!, _documents.Main, unit, schema: true));
                }
            }
        }

        private Unit UnitFor(params string[] segments)
        {
            var key = PathText.JoinPointer(segments);
            if (!_units.TryGetValue(key, out var unit))
            {
                unit = new Unit(key, segments);
                _units.Add(key, unit);
            }

            return unit;
        }

        // ---- Other files --------------------------------------------------------------------------------------

        private void InlineExternalReferences()
        {
            PreassignComponentNames();
            var count = _sites.Count;
            for (var i = 0; i < count; i++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var site = _sites[i];
                if (site.Mapping != null && IsBareSchemaName(site.Written))
                {
                    // NSwag would read a bare name as a file; OpenAPI means the component of that name.
                    site.Set(SchemaPointer(site.Written));
                    _changed = true;
                    continue;
                }

                if (!site.Written.StartsWith("#", StringComparison.Ordinal))
                {
                    var replacement = Resolve(site, _documents.Main, new HashSet<string>(StringComparer.Ordinal));
                    if (replacement != null && site.Holder.Parent != null)
                    {
                        site.Holder.Replace(replacement);
                    }

                    _changed = true;
                }
            }

            // Imported schemas are copied here, one after another, not from within each other: a long chain of
            // schemas across files must not become a deep recursion.
            var schemas = _pendingImports.Count > 0 ? SchemaContainer(create: true)! : null;
            while (_pendingImports.Count > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var (document, node, unit, name) = _pendingImports.Dequeue();
                schemas![name] = CopyIn(document, node, Context.Schema, unit, new HashSet<string>(StringComparer.Ordinal));
            }
        }

        /// <summary>
        /// A component that is only a reference to another file ("Pet: {$ref: pet.yaml}") gives the imported schema its
        /// name, so the generated type is Pet and not a numbered copy with Pet as an alias.
        /// </summary>
        private void PreassignComponentNames()
        {
            if (SchemaContainer(create: false) is not JObject schemas)
            {
                return;
            }

            foreach (var component in schemas.Properties())
            {
                if (component.Value is JObject holder && holder["$ref"] is JValue { Type: JTokenType.String } reference)
                {
                    var written = (string)reference.Value!;
                    var hash = written.IndexOf('#');
                    var file = hash < 0 ? written : written.Substring(0, hash);
                    if (file.Length > 0 && !PathText.IsRemote(file))
                    {
                        var key = ImportKey(PathText.Resolve(_documents.Main.Path, PathText.Unescape(file)), PathText.Unescape(hash < 0 ? string.Empty : written.Substring(hash + 1)));
                        if (!_preassigned.ContainsKey(key))
                        {
                            _preassigned.Add(key, component.Name);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Points a reference written in <paramref name="from"/> at this document: rewrites it to a local pointer
        /// (importing schemas from other files) or returns the copy that replaces it (anything else from another file).
        /// Records the problem on the site when it cannot be resolved.
        /// </summary>
        private JToken? Resolve(Site site, SourceDocument from, HashSet<string> inlining, string? reference = null)
        {
            var written = reference ?? site.Written;
            var hash = written.IndexOf('#');
            var file = hash < 0 ? written : written.Substring(0, hash);
            var fragment = PathText.Unescape(hash < 0 ? string.Empty : written.Substring(hash + 1));

            SourceDocument target;
            if (file.Length == 0)
            {
                target = from;
            }
            else if (PathText.IsRemote(file))
            {
                site.Problem = "the generator does not fetch remote documents; save it beside the spec and add it to the project as <AdditionalFiles Include=\"...\" />";
                return null;
            }
            else
            {
                var path = PathText.Resolve(from.Path, PathText.Unescape(file));
                var loaded = _documents.Load(path);
                if (loaded is null)
                {
                    site.Problem = "'" + path + "' is not part of the compilation; add it to the project as <AdditionalFiles Include=\"" + path + "\" /> (or as an <OpenApiSpec> item if it should get a client of its own)";
                    return null;
                }

                if (loaded.Root is null)
                {
                    site.Problem = "'" + loaded.FileName + "' could not be read (see YSG009)";
                    return null;
                }

                target = loaded;
            }

            var segments = PathText.PointerSegments(fragment);
            if (segments is null)
            {
                site.Problem = "only JSON pointer fragments ('#/...') are supported";
                return null;
            }

            if (target.IsMain)
            {
                // Another file pointing back into the spec: a local pointer, checked with the spec's own ones.
                site.Set("#" + PathText.JoinPointer(segments));
                return null;
            }

            var node = PathText.Evaluate(target.Root, segments);
            if (node is null)
            {
                site.Problem = "'" + target.FileName + "' has no '" + PathText.JoinPointer(segments) + "'";
                return null;
            }

            if (site.Schema)
            {
                site.Set(SchemaPointer(ImportSchema(target, segments, node)));
                return null;
            }

            var key = ImportKey(target.Path, PathText.JoinPointer(segments));
            if (!inlining.Add(key))
            {
                site.Problem = "it refers back to itself";
                return null;
            }

            var copy = CopyIn(target, node, Context.Generic, site.Unit, inlining);
            inlining.Remove(key);
            return copy;
        }

        /// <summary>Brings a schema of another file in as a component (copied once, later); returns its name here.</summary>
        private string ImportSchema(SourceDocument document, List<string> segments, JToken node)
        {
            var key = ImportKey(document.Path, PathText.JoinPointer(segments));
            if (_imported.TryGetValue(key, out var name))
            {
                return name;
            }

            var schemas = SchemaContainer(create: true)!;
            if (!_preassigned.TryGetValue(key, out name))
            {
                name = FreeSchemaName(segments.Count > 0 ? segments[segments.Count - 1] : WithoutExtension(document.FileName));
            }

            // Named now and copied later, so a schema that refers to itself (or back through others) finds its name.
            // The placeholder takes the place of a component that only pointed at this schema.
            _imported.Add(key, name);
            var unit = UnitFor(_swagger2 ? new[] { "definitions", name } : new[] { "components", "schemas", name });
            unit.Origin = document.FileName;
            schemas[name] = new JObject();
            _pendingImports.Enqueue((document, node, unit, name));
            _changed = true;
            return name;
        }

        /// <summary>A deep copy of a node of another file, its references resolved as the spec's own ones are.</summary>
        private JToken CopyIn(SourceDocument document, JToken node, Context context, Unit unit, HashSet<string> inlining)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (context == Context.Data || (node is not JObject && node is not JArray))
            {
                return node.DeepClone();
            }

            if (node is JArray array)
            {
                var items = new JArray();
                foreach (var item in array)
                {
                    items.Add(CopyIn(document, item, context, unit, inlining));
                }

                return items;
            }

            var source = (JObject)node;
            var copy = new JObject();
            foreach (var property in source.Properties())
            {
                var key = property.Name;
                var value = property.Value;
                if (key == "$ref" && value.Type == JTokenType.String)
                {
                    copy[key] = value.DeepClone();
                    var site = new Site(copy, source, null, (string)value!, document, unit, context == Context.Schema);
                    _sites.Add(site);
                    var replacement = Resolve(site, document, inlining);
                    if (replacement != null)
                    {
                        return replacement; // a non-schema object from another file stands in for its reference
                    }

                    continue;
                }

                var child = ChildContext(context, key);
                if (context == Context.Schema && key == "discriminator" && value is JObject discriminator)
                {
                    var copied = (JObject)discriminator.DeepClone();
                    if (copied["mapping"] is JObject mapping && discriminator["mapping"] is JObject written)
                    {
                        foreach (var entry in mapping.Properties())
                        {
                            if (entry.Value.Type != JTokenType.String)
                            {
                                continue;
                            }

                            var reference = (string)entry.Value!;
                            var site = new Site(mapping, written, entry.Name, reference, document, unit, schema: true);
                            _sites.Add(site);
                            Resolve(site, document, inlining, IsBareSchemaName(reference) ? "#" + PathText.JoinPointer(SchemaSegments(reference, document)) : null);
                        }
                    }

                    copy[key] = copied;
                    continue;
                }

                if (child != Context.Data && value is JObject map && IsNameMap(context, key))
                {
                    var members = new JObject();
                    foreach (var member in map.Properties())
                    {
                        members[member.Name] = CopyIn(document, member.Value, child, unit, inlining);
                    }

                    copy[key] = members;
                    continue;
                }

                copy[key] = CopyIn(document, value, child, unit, inlining);
            }

            return copy;
        }

        /// <summary>Where schemas live: components/schemas, or definitions in Swagger 2.0.</summary>
        private JObject? SchemaContainer(bool create)
        {
            var parent = _root;
            if (!_swagger2)
            {
                if (_root["components"] is JObject components)
                {
                    parent = components;
                }
                else if (create)
                {
                    _root["components"] = parent = new JObject();
                }
                else
                {
                    return null;
                }
            }

            var key = _swagger2 ? "definitions" : "schemas";
            if (parent[key] is JObject schemas)
            {
                return schemas;
            }

            if (!create)
            {
                return null;
            }

            parent[key] = schemas = new JObject();
            return schemas;
        }

        private string FreeSchemaName(string wanted)
        {
            if (_schemaNames is null)
            {
                // Names differing only in case would still clash once they are C# type names.
                _schemaNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (SchemaContainer(create: false) is JObject schemas)
                {
                    foreach (var property in schemas.Properties())
                    {
                        _schemaNames.Add(property.Name);
                    }
                }
            }

            var chars = wanted.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (!(char.IsLetterOrDigit(chars[i]) || chars[i] == '_' || chars[i] == '-' || chars[i] == '.'))
                {
                    chars[i] = '_';
                }
            }

            var name = chars.Length == 0 ? "Schema" : new string(chars);
            var candidate = name;
            for (var n = 2; !_schemaNames.Add(candidate); n++)
            {
                candidate = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        private string SchemaPointer(string name) => "#" + PathText.JoinPointer(_swagger2 ? new[] { "definitions", name } : new[] { "components", "schemas", name });

        private List<string> SchemaSegments(string name, SourceDocument document)
            => document.Root?["swagger"] != null ? new List<string> { "definitions", name } : new List<string> { "components", "schemas", name };

        private static bool IsBareSchemaName(string value)
            => value.Length > 0 && value.IndexOf('/') < 0 && value.IndexOf('#') < 0 && !ReferencedDocuments.IsDocumentPath(value);

        private static string ImportKey(string path, string pointer) => PathText.Normalize(path) + "#" + pointer;

        private static string WithoutExtension(string fileName)
        {
            var dot = fileName.LastIndexOf('.');
            return dot > 0 ? fileName.Substring(0, dot) : fileName;
        }

        private void ReportUnreadableDocuments()
        {
            foreach (var (document, error) in _documents.Unreadable)
            {
                var text = new SpecText(document.Path, document.Text);
                var location = error switch
                {
                    JsonReaderException json when json.LineNumber > 0 => text.AtLineColumn(json.LineNumber, json.LinePosition),
                    YamlException yaml => text.AtLineColumn((int)yaml.Start.Line, (int)yaml.Start.Column),
                    _ => text.AtLineColumn(1, 1),
                };
                _diagnostics.Report(DiagnosticCatalog.UnreadableReferencedDocument, location, document.Path, SpecParser.OneLine(error.Message));
            }
        }

        // ---- Leaving out what does not resolve ----------------------------------------------------------------

        private void LeaveOutUnresolved()
        {
            // What each unit uses, and the first unresolved reference inside it.
            var users = new Dictionary<Unit, List<Unit>>();
            var broken = new Dictionary<Unit, (Site Cause, Unit? Via)>();
            var order = new List<Unit>();
            foreach (var site in _sites)
            {
                if (!IsAttached(site.Holder))
                {
                    continue; // replaced by what it pointed at
                }

                var target = site.Problem is null ? Target(site) : null;
                if (site.Problem != null)
                {
                    if (!broken.ContainsKey(site.Unit))
                    {
                        broken.Add(site.Unit, (site, null));
                        order.Add(site.Unit);
                    }

                    continue;
                }

                if (target != null && target != site.Unit)
                {
                    if (!users.TryGetValue(target, out var list))
                    {
                        users.Add(target, list = new List<Unit>());
                    }

                    list.Add(site.Unit);
                }
            }

            if (order.Count == 0)
            {
                return;
            }

            // A path item's own references (its parameters, or all of it from another file) take its operations with it.
            foreach (var unit in new List<Unit>(order))
            {
                if (unit.IsPathItem && PathText.Evaluate(_root, unit.Segments) is JObject pathItem)
                {
                    foreach (var property in pathItem.Properties())
                    {
                        var operation = HttpMethods.Contains(property.Name) ? UnitFor("paths", unit.Segments[1], property.Name) : null;
                        if (operation != null && !broken.ContainsKey(operation))
                        {
                            broken.Add(operation, broken[unit]);
                            order.Add(operation);
                        }
                    }
                }
            }

            // Then everything that uses something left out, transitively.
            for (var i = 0; i < order.Count; i++)
            {
                if (!users.TryGetValue(order[i], out var dependents))
                {
                    continue;
                }

                foreach (var dependent in dependents)
                {
                    if (!broken.ContainsKey(dependent))
                    {
                        broken.Add(dependent, (broken[order[i]].Cause, order[i]));
                        order.Add(dependent);
                    }
                }
            }

            foreach (var unit in order)
            {
                var (cause, via) = broken[unit];
                var node = PathText.Evaluate(_root, unit.Segments);
                if (node is null || (unit.IsPathItem && HasOperations(node)))
                {
                    continue; // already gone with its path item, or reported through its operations
                }

                _diagnostics.Report(
                    DiagnosticCatalog.UnresolvedReference,
                    Location(cause),
                    Describe(unit, node),
                    via is null ? string.Empty : " because it uses " + Lower(Describe(via, null)) + ", which was left out",
                    cause.Written,
                    cause.Problem ?? string.Empty);
            }

            foreach (var unit in order)
            {
                if (PathText.Evaluate(_root, unit.Segments) is JToken node && node.Parent is JProperty property)
                {
                    property.Remove();
                    _changed = true;
                }
            }
        }

        /// <summary>The unit a resolved local reference points into, or null when it points elsewhere; records a problem when it points nowhere.</summary>
        private Unit? Target(Site site)
        {
            var value = site.Current;
            if (value is null || !value.StartsWith("#", StringComparison.Ordinal))
            {
                site.Problem = "the reference could not be followed";
                return null;
            }

            var segments = PathText.PointerSegments(PathText.Unescape(value.Substring(1)));
            if (segments is null)
            {
                site.Problem = "only JSON pointer fragments ('#/...') are supported";
                return null;
            }

            if (PathText.Evaluate(_root, segments) is null)
            {
                site.Problem = (site.Source.IsMain ? "this document" : "'" + _documents.Main.FileName + "'") + " has no '" + PathText.JoinPointer(segments) + "'";
                return null;
            }

            if (segments.Count >= 3 && segments[0] == "components")
            {
                return Known(segments[0], segments[1], segments[2]);
            }

            if (segments.Count >= 2 && segments[0] == "paths")
            {
                return segments.Count >= 3 && HttpMethods.Contains(segments[2]) ? Known(segments[0], segments[1], segments[2]) : Known(segments[0], segments[1]);
            }

            if (segments.Count >= 2 && _swagger2 && (segments[0] == "definitions" || segments[0] == "parameters" || segments[0] == "responses"))
            {
                return Known(segments[0], segments[1]);
            }

            return null;
        }

        private Unit? Known(params string[] segments) => _units.TryGetValue(PathText.JoinPointer(segments), out var unit) ? unit : null;

        private bool IsAttached(JToken token)
        {
            while (token.Parent != null)
            {
                token = token.Parent;
            }

            return ReferenceEquals(token, _root);
        }

        private static bool HasOperations(JToken pathItem)
        {
            if (pathItem is JObject obj)
            {
                foreach (var property in obj.Properties())
                {
                    if (HttpMethods.Contains(property.Name))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static SpecLocation Location(Site cause) => cause.Source.Locate(cause.Origin, cause.Mapping ?? "$ref");

        /// <summary>"Operation 'GET /pets' (listPets)", "Schema 'Pet'", "Schema 'Error' (from common.yaml)".</summary>
        private static string Describe(Unit unit, JToken? node)
        {
            var s = unit.Segments;
            string text;
            if (unit.IsOperation)
            {
                text = "Operation '" + s[2].ToUpperInvariant() + " " + s[1] + "'";
                if (node?["operationId"] is JValue { Type: JTokenType.String } id)
                {
                    text += " (" + id.Value + ")";
                }
            }
            else if (unit.IsPathItem)
            {
                text = "Path '" + s[1] + "'";
            }
            else
            {
                var kind = s.Length == 3 ? s[1] : s[0];
                var noun = kind switch
                {
                    "schemas" or "definitions" => "Schema",
                    "parameters" => "Parameter",
                    "responses" => "Response",
                    "requestBodies" => "Request body",
                    "headers" => "Header",
                    "examples" => "Example",
                    "securitySchemes" => "Security scheme",
                    "links" => "Link",
                    "callbacks" => "Callback",
                    "pathItems" => "Path item",
                    _ => "Component '" + kind + "'",
                };
                text = noun + " '" + s[s.Length - 1] + "'";
            }

            return unit.Origin is null ? text : text + " (from " + unit.Origin + ")";
        }

        private static string Lower(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text.Substring(1) : text;

        /// <summary>An operation, a path item or a component: what is left out as a whole.</summary>
        private sealed class Unit
        {
            public Unit(string key, string[] segments)
            {
                Key = key;
                Segments = segments;
            }

            public string Key { get; }

            public string[] Segments { get; }

            /// <summary>The file a component was imported from, for messages.</summary>
            public string? Origin { get; set; }

            public bool IsOperation => Segments.Length == 3 && Segments[0] == "paths";

            public bool IsPathItem => Segments.Length == 2 && Segments[0] == "paths";
        }

        /// <summary>One reference: a $ref object, or an entry of a discriminator mapping.</summary>
        private sealed class Site
        {
            public Site(JObject holder, JObject origin, string? mapping, string written, SourceDocument source, Unit unit, bool schema)
            {
                Holder = holder;
                Origin = origin;
                Mapping = mapping;
                Written = written;
                Source = source;
                Unit = unit;
                Schema = schema;
            }

            /// <summary>The object holding the $ref, or the mapping holding the entry.</summary>
            public JObject Holder { get; }

            /// <summary>
            /// Where the reference is written: <see cref="Holder"/> itself for the spec's own, the object copied from for a
            /// reference copied in from another file (whose tree stays as read).
            /// </summary>
            public JObject Origin { get; }

            /// <summary>The mapping entry's key; null for a $ref.</summary>
            public string? Mapping { get; }

            /// <summary>The reference as written in its source document.</summary>
            public string Written { get; }

            public SourceDocument Source { get; }

            public Unit Unit { get; }

            public bool Schema { get; }

            public string? Problem { get; set; }

            public string? Current => Holder[Mapping ?? "$ref"] is JValue { Type: JTokenType.String } value ? (string)value.Value! : null;

            public void Set(string value) => Holder[Mapping ?? "$ref"] = value;
        }
    }
}
