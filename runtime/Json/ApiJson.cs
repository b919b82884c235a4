using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace YEScale.Toolkit.Json
{
    /// <summary>Reads one JSON value at the reader's current token.</summary>
    public delegate T JsonValueReader<out T>(ref Utf8JsonReader reader);

    /// <summary>
    /// JSON helpers for generated converters. Generated models bring their own converters, so nothing here
    /// uses reflection: the code is trimming- and Native-AOT-safe.
    /// </summary>
    public static class ApiJson
    {
        /// <summary>Reads a member the document does not describe (the reader is on its name) into <see cref="ApiModel.AdditionalProperties"/>.</summary>
        public static void ReadUnknownMember(ref Utf8JsonReader reader, ApiModel value)
        {
            var name = reader.GetString()!;
            reader.Read();
            value.AdditionalProperties[name] = ReadElement(ref reader);
        }

        /// <summary>Writes back the members the document does not describe.</summary>
        public static void WriteUnknownMembers(Utf8JsonWriter writer, ApiModel value)
        {
            if (!value.HasAdditionalProperties)
            {
                return;
            }

            foreach (var pair in value.AdditionalProperties)
            {
                writer.WritePropertyName(pair.Key);
                pair.Value.WriteTo(writer);
            }
        }

        /// <summary>The options passed to generated converters; they read none of it, but the converter API needs one.</summary>
        public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions();

        /// <summary>
        /// The options that mark a request body: generated converters leave read-only members out of it, as OpenAPI asks.
        /// Written with any other options (<see cref="Options"/>, or yours through JsonSerializer), a model keeps every
        /// member it holds, so a saved answer loads back unchanged.
        /// </summary>
        public static JsonSerializerOptions RequestOptions { get; } = new JsonSerializerOptions();

        /// <summary>True when <paramref name="options"/> are <see cref="RequestOptions"/>: a request body is being written.</summary>
        public static bool IsRequest(JsonSerializerOptions? options) => ReferenceEquals(options, RequestOptions);

        /// <summary>
        /// Reads a whole JSON document with a generated converter. Every way the JSON can fail to fit (a wrong token, a
        /// number out of range, a malformed date) ends as a <see cref="JsonException"/> that says where, so callers
        /// catch one type.
        /// </summary>
        public static T Read<T>(ArraySegment<byte> json, JsonConverter<T> converter) => Read(json.AsSpan(), converter);

        /// <summary>Reads one JSON value (a whole body or one event's data) with a generated converter; see <see cref="Read{T}(ArraySegment{byte}, JsonConverter{T})"/>.</summary>
        public static T Read<T>(ReadOnlySpan<byte> json, JsonConverter<T> converter)
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            try
            {
                if (!reader.Read())
                {
                    throw new JsonException("The response body is empty.");
                }

                var value = reader.TokenType == JsonTokenType.Null ? default! : converter.Read(ref reader, typeof(T), Options)!;
                if (reader.Read())
                {
                    throw new JsonException("The response body has more than one JSON value.");
                }

                return value;
            }
            catch (Exception exception) when (IsValueMismatch(exception))
            {
                // Utf8JsonReader's own complaint about a value of the wrong type (a string where a number belongs).
                throw new JsonException(
                    $"The JSON does not fit the type the document gives ({typeof(T).Name}): {exception.Message} The value ends at byte {reader.BytesConsumed}.",
                    null,
                    null,
                    reader.BytesConsumed,
                    exception);
            }
        }

        /// <summary>What Utf8JsonReader and the generated converters throw for valid JSON of the wrong type or range.</summary>
        private static bool IsValueMismatch(Exception exception)
            => exception is InvalidOperationException or FormatException or OverflowException or ArgumentException;

        /// <summary>Writes a value with a generated converter.</summary>
        public static void Write<T>(Utf8JsonWriter writer, T value, JsonConverter<T> converter) => Write(writer, value, converter, Options);

        /// <summary>Writes a value with a generated converter and the given options (<see cref="RequestOptions"/> for a request body).</summary>
        public static void Write<T>(Utf8JsonWriter writer, T value, JsonConverter<T> converter, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                converter.Write(writer, value, options);
            }
        }

        /// <summary>A value as JSON text, written with a generated converter (every member it holds).</summary>
        public static string ToJsonString<T>(T value, JsonConverter<T> converter) => ToJsonString(value, converter, Options);

        /// <summary>A value as JSON text for a request (a form field, a query or header value): read-only members left out.</summary>
        public static string ToRequestJson<T>(T value, JsonConverter<T> converter) => ToJsonString(value, converter, RequestOptions);

        private static string ToJsonString<T>(T value, JsonConverter<T> converter, JsonSerializerOptions options)
        {
            using var buffer = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, value, converter, options);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        /// <summary>A value as a JSON element (every member it holds).</summary>
        public static JsonElement ToElement<T>(T value, JsonConverter<T> converter)
        {
            using var document = JsonDocument.Parse(ToJsonString(value, converter));
            return document.RootElement.Clone();
        }

        /// <summary>A value as a JSON element for a request (structured query and header parameters): read-only members left out.</summary>
        public static JsonElement ToRequestElement<T>(T value, JsonConverter<T> converter)
        {
            using var document = JsonDocument.Parse(ToRequestJson(value, converter));
            return document.RootElement.Clone();
        }

        /// <summary>Reads a JSON array with <paramref name="item"/>; null items become <c>default</c>.</summary>
        public static List<T> ReadList<T>(ref Utf8JsonReader reader, JsonConverter<T> item)
        {
            Expect(ref reader, JsonTokenType.StartArray, "an array");
            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // JSON null in a list of any-JSON is kept as a null element (default(JsonElement) could not be written back).
                list.Add(reader.TokenType == JsonTokenType.Null && typeof(T) != typeof(JsonElement) ? default! : item.Read(ref reader, typeof(T), Options)!);
            }

            return list;
        }

        /// <summary>Reads a JSON object as a dictionary with <paramref name="value"/>; null values become <c>default</c>.</summary>
        public static Dictionary<string, T> ReadMap<T>(ref Utf8JsonReader reader, JsonConverter<T> value)
        {
            Expect(ref reader, JsonTokenType.StartObject, "an object");
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!;
                reader.Read();
                map[key] = reader.TokenType == JsonTokenType.Null && typeof(T) != typeof(JsonElement) ? default! : value.Read(ref reader, typeof(T), Options)!;
            }

            return map;
        }

        /// <summary>Writes a list with the options the enclosing converter was given; null items are written as JSON null.</summary>
        public static void WriteList<T>(Utf8JsonWriter writer, IEnumerable<T> list, JsonConverter<T> item, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var value in list)
            {
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    item.Write(writer, value, options);
                }
            }

            writer.WriteEndArray();
        }

        /// <summary>Writes a dictionary as a JSON object with the options the enclosing converter was given.</summary>
        public static void WriteMap<T>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, T>> map, JsonConverter<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var pair in map)
            {
                writer.WritePropertyName(pair.Key);
                if (pair.Value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.Write(writer, pair.Value, options);
                }
            }

            writer.WriteEndObject();
        }

        /// <summary>Writes any-JSON; an element that holds nothing (<c>default</c>) is written as null, never an exception.</summary>
        public static void WriteElement(Utf8JsonWriter writer, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        /// <summary>Reads any JSON value as a <see cref="JsonElement"/> that outlives the reader.</summary>
        public static JsonElement ReadElement(ref Utf8JsonReader reader)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.Clone();
        }

        /// <summary>Reads a value of an already parsed element (used by unions and discriminated bases, which look before they read).</summary>
        public static T ReadFrom<T>(JsonElement element, JsonConverter<T> converter)
        {
            var reader = ReaderAt(element);
            return converter.Read(ref reader, typeof(T), Options)!;
        }

        /// <summary>A reader over an already parsed element, on its first token.</summary>
        internal static Utf8JsonReader ReaderAt(JsonElement element)
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(element.GetRawText()));
            reader.Read();
            return reader;
        }

        /// <summary>
        /// Reads a value of an already parsed element, or says it does not fit: unions try a variant this way when the
        /// JSON's kind alone cannot tell which one it is.
        /// </summary>
        public static bool TryReadFrom<T>(JsonElement element, JsonConverter<T> converter, out T value)
        {
            try
            {
                value = ReadFrom(element, converter);
                return true;
            }
            catch (Exception exception) when (exception is JsonException || IsValueMismatch(exception))
            {
                value = default!;
                return false;
            }
        }

        /// <summary>
        /// The index of the object variant that fits <paramref name="element"/> best, or -1 when none fits: a variant
        /// fits when all its required members are present and each of its one-value members (a type tag such as
        /// <c>"type": "function"</c>) that is present holds that value. Among those, a matching tag counts most, then
        /// how many of the object's members the variant knows.
        /// </summary>
        /// <param name="element">The object read.</param>
        /// <param name="shapes">Per variant, three arrays: its required member names; all its member names; its one-value members as name and JSON text pairs.</param>
        public static int BestVariant(JsonElement element, string[][] shapes)
        {
            var best = -1;
            var bestScore = -1;
            for (var i = 0; i + 2 < shapes.Length; i += 3)
            {
                var score = Score(element, shapes, i / 3);
                if (score > bestScore)
                {
                    best = i / 3;
                    bestScore = score;
                }
            }

            return best;
        }

        /// <summary>
        /// True when <paramref name="element"/> is an array whose every item fits shape <paramref name="index"/> of
        /// <paramref name="shapes"/> (laid out as for <see cref="BestVariant"/>): how a union tells a list of one model from a list of another.
        /// </summary>
        public static bool EveryItemFits(JsonElement element, string[][] shapes, int index)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Null && Score(item, shapes, index) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static int Score(JsonElement element, string[][] shapes, int index)
        {
            var score = MatchScore(element, shapes[3 * index], shapes[(3 * index) + 1]);
            var constants = shapes[(3 * index) + 2];
            for (var c = 0; score >= 0 && c + 1 < constants.Length; c += 2)
            {
                // A tag that is null (where the schema allows it) says nothing either way.
                if (element.TryGetProperty(constants[c], out var held) && held.ValueKind != JsonValueKind.Null)
                {
                    score = HoldsJson(held, constants[c + 1]) ? score + 1000 : -1;
                }
            }

            return score;
        }

        /// <summary>True when <paramref name="value"/> is the JSON value written as <paramref name="json"/> (a quoted string, a number, true or false).</summary>
        private static bool HoldsJson(JsonElement value, string json)
        {
            if (json.Length > 0 && json[0] == '"')
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                // A tag is almost always plain text: compared between the quotes; only an escaped one is decoded first.
                if (json.IndexOf('\\') < 0)
                {
                    return value.ValueEquals(json.AsSpan(1, json.Length - 2));
                }

                using var expected = JsonDocument.Parse(json);
                return value.ValueEquals(expected.RootElement.GetString());
            }

            return value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetInt64(out var number) && number.ToString(System.Globalization.CultureInfo.InvariantCulture) == json,
                JsonValueKind.True => json == "true",
                JsonValueKind.False => json == "false",
                _ => false,
            };
        }

        /// <summary>The string value of member <paramref name="name"/> of an object element, or null.</summary>
        public static string? GetString(JsonElement element, string name)
            => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        /// <summary>
        /// How well an object fits a model: -1 when a required member is missing, else how many of the object's members
        /// the model knows. Unions use it to pick a variant when the spec gives no discriminator.
        /// </summary>
        public static int MatchScore(JsonElement element, string[] required, string[] members)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return -1;
            }

            foreach (var name in required)
            {
                if (!element.TryGetProperty(name, out _))
                {
                    return -1;
                }
            }

            var score = 0;
            foreach (var property in element.EnumerateObject())
            {
                if (Array.IndexOf(members, property.Name) >= 0)
                {
                    score++;
                }
            }

            return score;
        }

        /// <summary>Reads a string that holds a URI.</summary>
        public static Uri ReadUri(ref Utf8JsonReader reader) => new Uri(reader.GetString()!, UriKind.RelativeOrAbsolute);

        /// <summary>
        /// Reads a Unix time: a number (whole or not) of units of <paramref name="millisecondsPerUnit"/> milliseconds
        /// since 1970-01-01 UTC. A string is the wrong type here, as for any other number.
        /// </summary>
        public static DateTimeOffset ReadUnixTime(ref Utf8JsonReader reader, long millisecondsPerUnit)
        {
            var units = reader.GetDouble();

            // A double holds every whole millisecond up to the year 287396 exactly, so one path serves whole and fractional units.
            var milliseconds = Math.Round(units * millisecondsPerUnit);
            if (!(milliseconds >= MinUnixMilliseconds && milliseconds <= MaxUnixMilliseconds))
            {
                throw new JsonException($"The Unix time {units.ToString(System.Globalization.CultureInfo.InvariantCulture)} at byte {reader.TokenStartIndex} is outside the years 1 to 9999.");
            }

            return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        }

        private const double MinUnixMilliseconds = -62135596800000d;
        private const double MaxUnixMilliseconds = 253402300799999d;

        /// <summary>Throws a <see cref="JsonException"/> unless the reader is at <paramref name="expected"/>.</summary>
        public static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string what)
        {
            if (reader.TokenType != expected)
            {
                throw new JsonException($"Expected {what} but found {reader.TokenType} at byte {reader.TokenStartIndex}.");
            }
        }
    }
}
