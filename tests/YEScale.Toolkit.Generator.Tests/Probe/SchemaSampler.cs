using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>
    /// Writes a random JSON value that is valid against an NJsonSchema schema, the same for the same seed. It follows
    /// $ref, merges allOf, picks a oneOf/anyOf variant (setting the discriminator to the variant's tag), emits null for
    /// nullable schemas a quarter of the time, keeps numbers in the range of the format the client types them with,
    /// and writes date-time, uuid and byte strings the client parses. Recursion is bounded: past
    /// <see cref="FullDepth"/> only required members are written, and recursive ones as null or empty when allowed.
    /// </summary>
    internal sealed class SchemaSampler
    {
        /// <summary>Objects nested deeper than this get only their required members.</summary>
        public const int FullDepth = 5;

        /// <summary>Past this depth a value is cut short whatever its schema says (only a schema that requires itself gets here).</summary>
        public const int HardDepth = 30;

        /// <summary>After this many values the rest of the sample is written as if past <see cref="FullDepth"/>.</summary>
        public const int NodeBudget = 1500;

        /// <summary>The unknown member added to objects that allow extra members (the client keeps and writes it back).</summary>
        public const string ExtraMember = "x_probe_extra";

        private const JsonObjectType Kinds = JsonObjectType.Object | JsonObjectType.Array | JsonObjectType.String | JsonObjectType.Integer | JsonObjectType.Number | JsonObjectType.Boolean;
        private static readonly Regex PlainName = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
        private static readonly string Tricky = " \"\\/éß中\n\t<&+'€";

        private readonly Random _random;
        private readonly ProbeDirection _direction;
        private readonly SchemaCatalog _catalog;
        private readonly Utf8JsonWriter _writer;
        private readonly SampleAnnotations _annotations = new SampleAnnotations();
        private readonly List<JsonSchema> _stack = new List<JsonSchema>();
        private int _nodes;

        private SchemaSampler(int seed, ProbeDirection direction, SchemaCatalog catalog, Utf8JsonWriter writer)
        {
            _random = new Random(seed);
            _direction = direction;
            _catalog = catalog;
            _writer = writer;
        }

        /// <summary>A random value for <paramref name="schema"/> (any JSON when it is null).</summary>
        public static ProbeSample Sample(JsonSchema? schema, int seed, ProbeDirection direction, SchemaCatalog? catalog = null)
        {
            var buffer = new ArrayBufferWriter<byte>();
            SampleAnnotations annotations;
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                var sampler = new SchemaSampler(seed, direction, catalog ?? SchemaCatalog.Empty, writer);
                sampler.Value(schema, "$", 0, preferNull: false, forced: null);
                annotations = sampler._annotations;
            }

            return new ProbeSample(buffer.WrittenSpan.ToArray(), annotations);
        }

        /// <summary>A discriminator member whose value is fixed by the union or base that chose the variant.</summary>
        private sealed record Forced(string Member, string Tag);

        private bool Past(int depth) => depth >= FullDepth || _nodes > NodeBudget;

        private bool Chance(double probability) => _random.NextDouble() < probability;

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        private void Value(JsonSchema? schema, string path, int depth, bool preferNull, Forced? forced)
        {
            _nodes++;
            if (schema is null)
            {
                Any(depth);
                return;
            }

            var actual = SchemaCatalog.Deref(schema);
            if (IsNullable(schema) && (preferNull || depth > HardDepth || Chance(0.25)))
            {
                _writer.WriteNullValue();
                return;
            }

            if (depth > HardDepth)
            {
                _annotations.Truncated = true;
                Minimal(actual);
                return;
            }

            if (actual.ExtensionData != null && actual.ExtensionData.TryGetValue("const", out var constant))
            {
                Literal(constant, actual);
                return;
            }

            var values = actual.Enumeration.Where(v => v != null).ToList();
            if (values.Count > 0)
            {
                Literal(Pick(values), actual);
                return;
            }

            var variants = Variants(actual);
            if (variants.Count > 0 && actual.Properties.Count == 0 && actual.AllOf.Count == 0)
            {
                Union(actual, variants, path, depth, preferNull, forced);
                return;
            }

            if (actual.AllOf.Count > 0 && actual.Properties.Count == 0 && actual.RequiredProperties.Count == 0 && variants.Count == 0 && actual.AdditionalPropertiesSchema is null)
            {
                // `allOf: [$ref X]` is a reference with siblings, and `allOf: [$ref X, {nullable: true}]` a nullable
                // one: a value of X, whatever X is (a string-or-object union too), not an object merged from parts.
                var substantive = actual.AllOf.Where(part => !IsAnnotationOnly(SchemaCatalog.Deref(part))).ToList();
                if (substantive.Count == 1)
                {
                    Value(substantive[0], path, depth, preferNull, forced);
                    return;
                }
            }

            switch (PickType(actual))
            {
                case JsonObjectType.Object:
                    Object(actual, path, depth, forced);
                    break;
                case JsonObjectType.Array:
                    Array(actual, path, depth);
                    break;
                case JsonObjectType.String:
                    String(actual, path);
                    break;
                case JsonObjectType.Integer:
                    Integer(actual, actual.Format);
                    break;
                case JsonObjectType.Number:
                    Number(actual);
                    break;
                case JsonObjectType.Boolean:
                    _writer.WriteBooleanValue(Chance(0.5));
                    break;
                case JsonObjectType.Null:
                    _writer.WriteNullValue();
                    break;
                default:
                    Any(depth);
                    break;
            }
        }

        // ---- Nullability, variants, types ---------------------------------------------------------------

        /// <summary>
        /// True when null is valid: OpenAPI 3.0 <c>nullable: true</c> (or Swagger's x-nullable), a 3.1 type list with
        /// "null", an enum listing null, or a oneOf/anyOf with a <c>{type: null}</c> variant, anywhere along the $ref chain.
        /// </summary>
        internal static bool IsNullable(JsonSchema schema)
        {
            var current = schema;
            for (var depth = 0; current != null && depth < 64; depth++)
            {
                if (current.IsNullableRaw == true || (current.Type & JsonObjectType.Null) != 0 || current.Enumeration.Contains(null)
                    || current.OneOf.Concat(current.AnyOf).Any(v => SchemaCatalog.Deref(v).Type == JsonObjectType.Null)
                    || current.AllOf.Select(SchemaCatalog.Deref).Any(part => IsAnnotationOnly(part) && part.IsNullableRaw == true))
                {
                    return true;
                }

                current = current.Reference!;
            }

            return false;
        }

        /// <summary>A schema that only annotates (<c>{nullable: true}</c>, a description): it constrains nothing by itself.</summary>
        private static bool IsAnnotationOnly(JsonSchema schema)
            => (schema.Type & Kinds) == JsonObjectType.None && schema.Reference is null && schema.Properties.Count == 0 && schema.RequiredProperties.Count == 0
               && schema.AllOf.Count == 0 && schema.OneOf.Count == 0 && schema.AnyOf.Count == 0 && schema.Enumeration.Count == 0
               && schema.Item is null && schema.Items.Count == 0 && schema.AdditionalPropertiesSchema is null && schema.DiscriminatorObject is null
               && schema.Format is null && (schema.ExtensionData is null || !schema.ExtensionData.ContainsKey("const"));

        /// <summary>The oneOf (else anyOf) variants that are not <c>{type: null}</c>.</summary>
        private static List<JsonSchema> Variants(JsonSchema actual)
        {
            var variants = actual.OneOf.Count > 0 ? actual.OneOf : actual.AnyOf;
            return variants.Where(v => SchemaCatalog.Deref(v).Type != JsonObjectType.Null).ToList();
        }

        private JsonObjectType PickType(JsonSchema actual)
        {
            var declared = actual.Type & Kinds;
            if (declared == JsonObjectType.None)
            {
                if (actual.Type == JsonObjectType.Null)
                {
                    return JsonObjectType.Null;
                }

                if (actual.Properties.Count > 0 || actual.AllOf.Count > 0 || actual.AdditionalPropertiesSchema != null || actual.RequiredProperties.Count > 0 || actual.DiscriminatorObject != null)
                {
                    return JsonObjectType.Object;
                }

                if (actual.Item != null || actual.Items.Count > 0)
                {
                    return JsonObjectType.Array;
                }

                if (!string.IsNullOrEmpty(actual.Format) || actual.MinLength != null || actual.MaxLength != null || actual.Pattern != null)
                {
                    return JsonObjectType.String;
                }

                return JsonObjectType.None;
            }

            var flags = new List<JsonObjectType>();
            foreach (var flag in new[] { JsonObjectType.Object, JsonObjectType.Array, JsonObjectType.String, JsonObjectType.Integer, JsonObjectType.Number, JsonObjectType.Boolean })
            {
                if ((declared & flag) != 0)
                {
                    flags.Add(flag);
                }
            }

            return Pick(flags);
        }

        private static bool IsStructured(JsonSchema actual)
            => (actual.Type & (JsonObjectType.Object | JsonObjectType.Array)) != 0 || actual.Properties.Count > 0 || actual.AllOf.Count > 0
               || actual.Item != null || actual.Items.Count > 0 || actual.OneOf.Count > 0 || actual.AnyOf.Count > 0 || actual.AdditionalPropertiesSchema != null;

        /// <summary>True when a member's value leads back to an object being written (directly, through items or variants).</summary>
        private bool IsRecursive(JsonSchema schema)
        {
            var actual = SchemaCatalog.Deref(schema);
            var reached = new List<JsonSchema> { actual };
            if (actual.Item != null)
            {
                reached.Add(SchemaCatalog.Deref(actual.Item));
            }

            reached.AddRange(actual.AllOf.Concat(actual.OneOf).Concat(actual.AnyOf).Select(SchemaCatalog.Deref));
            if (actual.AdditionalPropertiesSchema != null)
            {
                reached.Add(SchemaCatalog.Deref(actual.AdditionalPropertiesSchema));
            }

            return reached.Any(_stack.Contains);
        }

        // ---- Unions ----------------------------------------------------------------------------------

        private void Union(JsonSchema actual, List<JsonSchema> variants, string path, int depth, bool preferNull, Forced? forced)
        {
            IReadOnlyList<JsonSchema> candidates = variants;
            if (Past(depth))
            {
                // Deep down, a scalar variant (or one that does not lead back into an object being written) ends the value.
                var scalar = variants.Where(v => !IsStructured(SchemaCatalog.Deref(v))).ToList();
                var shallow = variants.Where(v => !IsRecursive(v)).ToList();
                candidates = scalar.Count > 0 ? scalar : shallow.Count > 0 ? shallow : variants;
            }

            var variant = Pick(candidates);
            if (actual.DiscriminatorObject is { } discriminator && !string.IsNullOrEmpty(discriminator.PropertyName)
                && _catalog.TagFor(discriminator, variant) is { } tag)
            {
                forced = new Forced(discriminator.PropertyName, tag);
            }

            Value(variant, path, depth, preferNull, forced);
        }

        // ---- Objects ---------------------------------------------------------------------------------

        /// <summary>An object's members gathered from the schema, its allOf parts and a chosen oneOf/anyOf part.</summary>
        private sealed class Shape
        {
            public List<KeyValuePair<string, JsonSchema>> Properties { get; } = new List<KeyValuePair<string, JsonSchema>>();

            public HashSet<string> Required { get; } = new HashSet<string>(StringComparer.Ordinal);

            public JsonSchema? AdditionalSchema { get; set; }

            public bool ForbidExtra { get; set; }

            /// <summary>The nearest schema with a discriminator (the base, for a derived type).</summary>
            public JsonSchema? DiscriminatorOwner { get; set; }

            /// <summary>A tag set by a oneOf inside an object schema.</summary>
            public Forced? VariantTag { get; set; }

            public void Set(string name, JsonSchema schema)
            {
                var index = Properties.FindIndex(p => p.Key == name);
                if (index >= 0)
                {
                    Properties[index] = new KeyValuePair<string, JsonSchema>(name, schema);
                }
                else
                {
                    Properties.Add(new KeyValuePair<string, JsonSchema>(name, schema));
                }
            }
        }

        private void Collect(JsonSchema schema, Shape shape, HashSet<JsonSchema> visited)
        {
            var actual = SchemaCatalog.Deref(schema);
            if (!visited.Add(actual))
            {
                return;
            }

            foreach (var part in actual.AllOf)
            {
                Collect(part, shape, visited);
            }

            foreach (var pair in actual.Properties)
            {
                shape.Set(pair.Key, pair.Value);
                if (pair.Value.IsRequired)
                {
                    shape.Required.Add(pair.Key);
                }
            }

            foreach (var name in actual.RequiredProperties)
            {
                shape.Required.Add(name);
            }

            if (actual.AdditionalPropertiesSchema != null)
            {
                shape.AdditionalSchema ??= actual.AdditionalPropertiesSchema;
            }

            if (!actual.AllowAdditionalProperties)
            {
                shape.ForbidExtra = true;
            }

            if (actual.DiscriminatorObject != null && !string.IsNullOrEmpty(actual.DiscriminatorObject.PropertyName))
            {
                shape.DiscriminatorOwner ??= actual;
            }

            // An object schema that also says oneOf/anyOf: the value fits one of those parts as well.
            var variants = Variants(actual)
                .Where(v => IsStructured(SchemaCatalog.Deref(v)) || SchemaCatalog.Deref(v).RequiredProperties.Count > 0)
                .ToList();
            if (variants.Count > 0)
            {
                var variant = Pick(variants);
                if (actual.DiscriminatorObject is { PropertyName: { } member } discriminator && _catalog.TagFor(discriminator, variant) is { } tag)
                {
                    shape.VariantTag ??= new Forced(member, tag);
                }

                Collect(variant, shape, visited);
            }
        }

        private void Object(JsonSchema actual, string path, int depth, Forced? forced)
        {
            // A discriminated base stands for its derived types too: answer with one of them most of the time.
            if (forced is null && actual.DiscriminatorObject is { } baseDiscriminator && !string.IsNullOrEmpty(baseDiscriminator.PropertyName) && !Past(depth))
            {
                var derived = _catalog.DerivedOf(actual);
                if (derived.Count > 0 && Chance(2.0 / 3.0))
                {
                    var chosen = Pick(derived);
                    if (_catalog.TagFor(baseDiscriminator, chosen) is { } derivedTag)
                    {
                        Object(chosen, path, depth, new Forced(baseDiscriminator.PropertyName, derivedTag));
                        return;
                    }
                }
            }

            var shape = new Shape();
            Collect(actual, shape, new HashSet<JsonSchema>());
            forced ??= shape.VariantTag;
            if (forced is null && shape.DiscriminatorOwner is { DiscriminatorObject: { PropertyName: { } ownMember } ownDiscriminator } owner && owner != actual && _catalog.TagFor(ownDiscriminator, actual) is { } ownTag)
            {
                forced = new Forced(ownMember, ownTag);
            }

            var past = Past(depth);
            _stack.Add(actual);
            _writer.WriteStartObject();
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in shape.Properties)
            {
                var name = pair.Key;
                var member = Member(path, name);
                var required = shape.Required.Contains(name);
                if (forced != null && forced.Member == name)
                {
                    continue; // written below
                }

                if (IsFlagged(pair.Value, "readOnly") && _direction == ProbeDirection.Request)
                {
                    continue;
                }

                if (IsFlagged(pair.Value, "writeOnly") && _direction == ProbeDirection.Response)
                {
                    if (required)
                    {
                        _annotations.PolicyMembers.Add(member);
                    }

                    continue;
                }

                if (!required && (past || !Chance(0.5)))
                {
                    continue;
                }

                if (IsFlagged(pair.Value, "readOnly"))
                {
                    _annotations.PolicyMembers.Add(member);
                }

                _writer.WritePropertyName(name);
                written.Add(name);
                Value(pair.Value, member, depth + 1, preferNull: past && IsRecursive(pair.Value), forced: null);
            }

            if (forced != null)
            {
                _writer.WriteString(forced.Member, forced.Tag);
                written.Add(forced.Member);
            }

            foreach (var name in shape.Required.Where(n => !written.Contains(n) && shape.Properties.All(p => p.Key != n)).OrderBy(n => n, StringComparer.Ordinal))
            {
                // Required but described nowhere: any value will do.
                _writer.WritePropertyName(name);
                written.Add(name);
                Any(depth + 1);
            }

            if (shape.AdditionalSchema != null)
            {
                var count = past ? 0 : _random.Next(3);
                for (var i = 0; i < count; i++)
                {
                    var key = "probe_key_" + i.ToString(CultureInfo.InvariantCulture);
                    if (written.Add(key))
                    {
                        _writer.WritePropertyName(key);
                        Value(shape.AdditionalSchema, Member(path, key), depth + 1, preferNull: false, forced: null);
                    }
                }
            }
            else if (!shape.ForbidExtra && !past && Chance(0.2) && written.Add(ExtraMember))
            {
                _writer.WritePropertyName(ExtraMember);
                Extra();
            }

            _writer.WriteEndObject();
            _stack.RemoveAt(_stack.Count - 1);
        }

        /// <summary><c>readOnly</c>/<c>writeOnly</c> on the member, or on the schema its $ref names.</summary>
        private static bool IsFlagged(JsonSchema schema, string keyword)
        {
            bool On(JsonSchema s)
            {
                if (s is JsonSchemaProperty property && (keyword == "readOnly" ? property.IsReadOnly : property.IsWriteOnly))
                {
                    return true;
                }

                return s.ExtensionData != null && s.ExtensionData.TryGetValue(keyword, out var value) && value is true;
            }

            return On(schema) || On(SchemaCatalog.Deref(schema));
        }

        private void Extra()
        {
            switch (_random.Next(6))
            {
                case 0:
                    _writer.WriteNumberValue(1);
                    break;
                case 1:
                    _writer.WriteStringValue("probe");
                    break;
                case 2:
                    _writer.WriteBooleanValue(true);
                    break;
                case 3:
                    _writer.WriteNullValue();
                    break;
                case 4:
                    _writer.WriteStartObject();
                    _writer.WriteNumber("a", 1.5);
                    _writer.WriteEndObject();
                    break;
                default:
                    _writer.WriteStartArray();
                    _writer.WriteNumberValue(1);
                    _writer.WriteStringValue("b");
                    _writer.WriteEndArray();
                    break;
            }
        }

        internal static string Member(string path, string name)
            => PlainName.IsMatch(name) ? path + "." + name : path + "['" + name.Replace("\\", "\\\\").Replace("'", "\\'") + "']";

        // ---- Arrays ----------------------------------------------------------------------------------

        private void Array(JsonSchema actual, string path, int depth)
        {
            var item = actual.Item ?? actual.Items.FirstOrDefault();
            var min = Math.Max(0, actual.MinItems);
            var max = actual.MaxItems > 0 ? actual.MaxItems : int.MaxValue;
            var count = Past(depth) ? min : min + _random.Next(Math.Min(max, min + 3) - min + 1);
            _writer.WriteStartArray();
            for (var i = 0; i < count; i++)
            {
                Value(item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", depth + 1, preferNull: false, forced: null);
            }

            _writer.WriteEndArray();
        }

        // ---- Strings ---------------------------------------------------------------------------------

        private void String(JsonSchema actual, string path)
        {
            switch (actual.Format)
            {
                case "date-time":
                    _annotations.Strings[path] = StringKind.DateTime;
                    _writer.WriteStringValue(DateTimeText());
                    return;
                case "uuid":
                    _annotations.Strings[path] = StringKind.Uuid;
                    var guid = GuidText();
                    _writer.WriteStringValue(Chance(0.3) ? guid.ToUpperInvariant() : guid);
                    return;
                case "byte":
                    _annotations.Strings[path] = StringKind.Bytes;
                    var bytes = new byte[_random.Next(13)];
                    _random.NextBytes(bytes);
                    _writer.WriteStringValue(Convert.ToBase64String(bytes));
                    return;
                case "date":
                    _writer.WriteStringValue(RandomInstant().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    return;
                case "time":
                    _writer.WriteStringValue(RandomInstant().ToString("HH:mm:ss", CultureInfo.InvariantCulture));
                    return;
                case "guid":
                    _writer.WriteStringValue(GuidText());
                    return;
                case "uri":
                case "url":
                case "iri":
                    _writer.WriteStringValue("https://example.com/probe/" + Word(1, 8));
                    return;
                case "uri-reference":
                case "iri-reference":
                    _writer.WriteStringValue("/probe/" + Word(1, 8));
                    return;
                case "email":
                    _writer.WriteStringValue(Word(1, 8) + "@example.com");
                    return;
                case "hostname":
                    _writer.WriteStringValue(Word(1, 8) + ".example.com");
                    return;
                case "ipv4":
                    _writer.WriteStringValue("192.0.2." + _random.Next(1, 255).ToString(CultureInfo.InvariantCulture));
                    return;
                case "ipv6":
                    _writer.WriteStringValue("2001:db8::" + _random.Next(1, 65535).ToString("x", CultureInfo.InvariantCulture));
                    return;
                case "int32":
                case "int64":
                case "integer":
                case "decimal":
                case "number":
                case "double":
                    _writer.WriteStringValue(_random.Next(0, 100000).ToString(CultureInfo.InvariantCulture));
                    return;
            }

            var min = Math.Max(0, actual.MinLength ?? 0);
            var max = Math.Max(min, actual.MaxLength ?? min + 12);
            _writer.WriteStringValue(Text(min, Math.Min(max, min + 16)));
        }

        private string Word(int min, int max)
        {
            var length = _random.Next(min, max + 1);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = (char)('a' + _random.Next(26));
            }

            return new string(chars);
        }

        /// <summary>Letters and digits, now and then a character JSON escapes or that is not ASCII (never a surrogate pair).</summary>
        private string Text(int min, int max)
        {
            var length = _random.Next(min, max + 1);
            var chars = new char[length];
            var tricky = Chance(0.3);
            for (var i = 0; i < length; i++)
            {
                chars[i] = tricky && Chance(0.2)
                    ? Tricky[_random.Next(Tricky.Length)]
                    : "abcdefghijklmnopqrstuvwxyz0123456789"[_random.Next(36)];
            }

            return new string(chars);
        }

        private DateTimeOffset RandomInstant()
        {
            var start = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;
            var end = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;
            var ticks = start + (long)(_random.NextDouble() * (end - start));
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        /// <summary>RFC 3339 with 0 to 7 fractional digits and a Z or numeric offset.</summary>
        private string DateTimeText()
        {
            var instant = RandomInstant();
            var digits = _random.Next(8);
            var text = instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            if (digits > 0)
            {
                var fraction = (instant.Ticks % TimeSpan.TicksPerSecond).ToString("0000000", CultureInfo.InvariantCulture);
                text += "." + fraction.Substring(0, digits);
            }

            if (Chance(0.5))
            {
                return text + "Z";
            }

            var minutes = _random.Next(-12 * 4, 14 * 4 + 1) * 15;
            var sign = minutes < 0 ? "-" : "+";
            var offset = TimeSpan.FromMinutes(Math.Abs(minutes));
            return text + sign + offset.Hours.ToString("00", CultureInfo.InvariantCulture) + ":" + offset.Minutes.ToString("00", CultureInfo.InvariantCulture);
        }

        private string GuidText()
        {
            var bytes = new byte[16];
            _random.NextBytes(bytes);
            return new Guid(bytes).ToString("D");
        }

        // ---- Numbers ---------------------------------------------------------------------------------

        private readonly record struct Bounds(decimal? Low, bool LowExclusive, decimal? High, bool HighExclusive);

        private static Bounds BoundsOf(JsonSchema actual)
        {
            decimal? low = actual.Minimum;
            var lowExclusive = low != null && actual.IsExclusiveMinimum;
            if (actual.ExclusiveMinimum is decimal exclusiveLow && (low is null || exclusiveLow >= low))
            {
                low = exclusiveLow;
                lowExclusive = true;
            }

            decimal? high = actual.Maximum;
            var highExclusive = high != null && actual.IsExclusiveMaximum;
            if (actual.ExclusiveMaximum is decimal exclusiveHigh && (high is null || exclusiveHigh <= high))
            {
                high = exclusiveHigh;
                highExclusive = true;
            }

            return new Bounds(low, lowExclusive, high, highExclusive);
        }

        private void Integer(JsonSchema actual, string? format)
        {
            if (format is "unix-time" or "unix-time-ms")
            {
                // A moment the client reads as a DateTimeOffset: 1970 to 2100, in the format's unit.
                var seconds = (long)(_random.NextDouble() * 4102444800d);
                _writer.WriteNumberValue(format == "unix-time" ? seconds : seconds * 1000 + _random.Next(1000));
                return;
            }

            var bounds = BoundsOf(actual);
            var int32 = format == "int32";
            decimal typeLow = int32 ? int.MinValue : long.MinValue;
            decimal typeHigh = int32 ? int.MaxValue : long.MaxValue;
            var low = bounds.Low is decimal l ? Math.Max(typeLow, bounds.LowExclusive && l == Math.Floor(l) ? l + 1 : Math.Ceiling(l)) : typeLow;
            var high = bounds.High is decimal h ? Math.Min(typeHigh, bounds.HighExclusive && h == Math.Ceiling(h) ? h - 1 : Math.Floor(h)) : typeHigh;
            if (high < low)
            {
                high = low;
            }

            decimal value;
            var roll = _random.Next(12);
            if (roll == 0)
            {
                value = low;
            }
            else if (roll == 1)
            {
                value = high;
            }
            else if (roll == 2 && !int32 && bounds.Low is null && bounds.High is null)
            {
                // Beyond double's 2^53: an int64 that went through a double would come back changed.
                value = 9007199254740993m + _random.Next(1000);
            }
            else
            {
                var smallLow = Math.Max(low, -100);
                var smallHigh = Math.Min(high, 1000);
                value = smallLow > smallHigh ? low : smallLow + (long)Math.Floor((decimal)_random.NextDouble() * (smallHigh - smallLow + 1));
            }

            if (actual.MultipleOf is decimal step && step > 0 && step == Math.Floor(step))
            {
                var multiple = Math.Ceiling(Math.Max(value, low) / step) * step;
                value = multiple <= high ? multiple : Math.Floor(high / step) * step;
            }

            _writer.WriteNumberValue(Math.Min(Math.Max(value, typeLow), typeHigh));
        }

        private void Number(JsonSchema actual)
        {
            var format = actual.Format;
            if (format == "int32" || format == "int64")
            {
                Integer(actual, format);
                return;
            }

            var bounds = BoundsOf(actual);
            if (actual.MultipleOf is decimal step && step > 0)
            {
                var lowSteps = bounds.Low is decimal l ? Math.Ceiling(l / step) + (bounds.LowExclusive && l / step == Math.Floor(l / step) ? 1 : 0) : -100;
                var highSteps = bounds.High is decimal h ? Math.Floor(h / step) - (bounds.HighExclusive && h / step == Math.Floor(h / step) ? 1 : 0) : lowSteps + 1000;
                var steps = highSteps < lowSteps ? lowSteps : lowSteps + Math.Floor((decimal)_random.NextDouble() * (highSteps - lowSteps + 1));
                _writer.WriteNumberValue(steps * step);
                return;
            }

            // float: at most 6 significant digits, which a float holds exactly as written; double: sometimes all 17.
            var single = format == "float";
            if (!single && format != "decimal" && bounds.Low is null && bounds.High is null && Chance(0.25))
            {
                _writer.WriteNumberValue((_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-3, 7)));
                return;
            }

            decimal value;
            if (bounds.Low is null && bounds.High is null)
            {
                var mantissa = _random.Next(-99999, 100000);
                value = mantissa / (decimal)Math.Pow(10, _random.Next(0, 4));
            }
            else
            {
                // Sampled within ±1e15 whatever the bounds say, so decimal arithmetic cannot overflow.
                var low = Math.Max(bounds.Low ?? Math.Min(Math.Max(bounds.High!.Value, -1e15m) - 1000, 0), -1e15m);
                var high = Math.Min(bounds.High ?? Math.Max(Math.Min(bounds.Low!.Value, 1e15m) + 1000, 0), 1e15m);
                if (high < low)
                {
                    high = low;
                }

                value = Round6(low + (high - low) * (decimal)_random.NextDouble());
                if (value < low || (bounds.LowExclusive && value == low) || value > high || (bounds.HighExclusive && value == high))
                {
                    value = (low + high) / 2;
                }
            }

            _writer.WriteNumberValue(single ? Round6(value) : value);
        }

        /// <summary>Six significant digits at most (a float's exact decimal precision).</summary>
        private static decimal Round6(decimal value)
        {
            if (value == 0)
            {
                return 0;
            }

            var magnitude = (int)Math.Floor(Math.Log10((double)Math.Abs(value)));
            var decimals = Math.Max(0, Math.Min(10, 5 - magnitude));
            var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
            return decimal.Parse(((double)rounded).ToString("G6", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        // ---- Literals and anything ------------------------------------------------------------------

        /// <summary>An enum or const value, written as the schema's type says (YAML can hand NSwag "3" for 3).</summary>
        private void Literal(object? value, JsonSchema actual)
        {
            if (value is Newtonsoft.Json.Linq.JValue scalar)
            {
                value = scalar.Value;
            }

            var type = actual.Type;
            switch (value)
            {
                case null:
                    _writer.WriteNullValue();
                    return;
                case Newtonsoft.Json.Linq.JToken token:
                    _writer.WriteRawValue(token.ToString(Newtonsoft.Json.Formatting.None));
                    return;
                case string text when (type & JsonObjectType.Integer) != 0 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                    _writer.WriteNumberValue(integer);
                    return;
                case string text when (type & JsonObjectType.Number) != 0 && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    _writer.WriteNumberValue(number);
                    return;
                case string text when (type & JsonObjectType.Boolean) != 0 && bool.TryParse(text, out var flag):
                    _writer.WriteBooleanValue(flag);
                    return;
                case string text:
                    _writer.WriteStringValue(text);
                    return;
                case bool flag when (type & JsonObjectType.String) != 0:
                    _writer.WriteStringValue(flag ? "true" : "false");
                    return;
                case bool flag:
                    _writer.WriteBooleanValue(flag);
                    return;
                case IFormattable number when (type & JsonObjectType.String) != 0:
                    _writer.WriteStringValue(number.ToString(null, CultureInfo.InvariantCulture));
                    return;
                case IFormattable number:
                    _writer.WriteRawValue(number.ToString(number is double or float ? "R" : null, CultureInfo.InvariantCulture));
                    return;
                default:
                    _writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    return;
            }
        }

        /// <summary>Any JSON (a schema that says nothing), null included.</summary>
        private void Any(int depth)
        {
            switch (_random.Next(depth >= FullDepth ? 4 : 7))
            {
                case 0:
                    _writer.WriteNumberValue(_random.Next(-1000, 1000));
                    break;
                case 1:
                    _writer.WriteStringValue(Text(0, 8));
                    break;
                case 2:
                    _writer.WriteBooleanValue(Chance(0.5));
                    break;
                case 3:
                    _writer.WriteNullValue();
                    break;
                case 4:
                    _writer.WriteNumberValue(_random.Next(-100000, 100000) / 100.0);
                    break;
                case 5:
                    _writer.WriteStartObject();
                    _writer.WriteString("probe", Text(0, 6));
                    _writer.WriteNumber("n", _random.Next(100));
                    _writer.WriteEndObject();
                    break;
                default:
                    _writer.WriteStartArray();
                    _writer.WriteNumberValue(_random.Next(100));
                    _writer.WriteStringValue(Text(0, 4));
                    _writer.WriteEndArray();
                    break;
            }
        }

        /// <summary>The smallest value of the schema's kind, for a value cut short at the hard depth limit.</summary>
        private void Minimal(JsonSchema actual)
        {
            switch (PickType(actual))
            {
                case JsonObjectType.Object:
                    _writer.WriteStartObject();
                    _writer.WriteEndObject();
                    break;
                case JsonObjectType.Array:
                    _writer.WriteStartArray();
                    _writer.WriteEndArray();
                    break;
                case JsonObjectType.String:
                    _writer.WriteStringValue(string.Empty);
                    break;
                case JsonObjectType.Integer:
                case JsonObjectType.Number:
                    _writer.WriteNumberValue(0);
                    break;
                case JsonObjectType.Boolean:
                    _writer.WriteBooleanValue(false);
                    break;
                default:
                    _writer.WriteNullValue();
                    break;
            }
        }
    }
}
