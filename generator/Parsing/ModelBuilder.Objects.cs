using System;
using System.Collections.Generic;
using System.Linq;
using NJsonSchema;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>Object schemas to model classes: their members, constants, defaults, and which members callers must set.</summary>
    internal sealed partial class ModelBuilder
    {
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
    }
}
