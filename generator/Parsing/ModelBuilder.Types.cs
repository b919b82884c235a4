using System;
using System.Collections.Generic;
using System.Linq;
using NJsonSchema;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>From a schema to a TypeRef: named types registered once, aliases, formats, nullability.</summary>
    internal sealed partial class ModelBuilder
    {
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
    }
}
