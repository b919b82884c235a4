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
        /// <summary>The options passed to generated converters; they read none of it, but the converter API needs one.</summary>
        public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions();

        /// <summary>Reads a whole JSON document with a generated converter.</summary>
        public static T Read<T>(ArraySegment<byte> json, JsonConverter<T> converter)
        {
            var reader = new Utf8JsonReader(json.AsSpan(), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
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

        /// <summary>Writes a value with a generated converter.</summary>
        public static void Write<T>(Utf8JsonWriter writer, T value, JsonConverter<T> converter)
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                converter.Write(writer, value, Options);
            }
        }

        /// <summary>A value as JSON text, written with a generated converter.</summary>
        public static string ToJsonString<T>(T value, JsonConverter<T> converter)
        {
            using var buffer = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, value, converter);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        /// <summary>A value as a JSON element (for structured query and header parameters).</summary>
        public static JsonElement ToElement<T>(T value, JsonConverter<T> converter)
        {
            using var document = JsonDocument.Parse(ToJsonString(value, converter));
            return document.RootElement.Clone();
        }

        /// <summary>Reads a JSON array; null items become <c>default</c>.</summary>
        public static List<T> ReadList<T>(ref Utf8JsonReader reader, JsonValueReader<T> readItem)
        {
            Expect(ref reader, JsonTokenType.StartArray, "an array");
            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                list.Add(reader.TokenType == JsonTokenType.Null ? default! : readItem(ref reader));
            }

            return list;
        }

        /// <summary>Reads a JSON object as a dictionary; null values become <c>default</c>.</summary>
        public static Dictionary<string, T> ReadMap<T>(ref Utf8JsonReader reader, JsonValueReader<T> readValue)
        {
            Expect(ref reader, JsonTokenType.StartObject, "an object");
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!;
                reader.Read();
                map[key] = reader.TokenType == JsonTokenType.Null ? default! : readValue(ref reader);
            }

            return map;
        }

        /// <summary>Writes a list; null items are written as JSON null.</summary>
        public static void WriteList<T>(Utf8JsonWriter writer, IEnumerable<T> list, Action<Utf8JsonWriter, T> writeItem)
        {
            writer.WriteStartArray();
            foreach (var item in list)
            {
                if (item is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writeItem(writer, item);
                }
            }

            writer.WriteEndArray();
        }

        /// <summary>Writes a dictionary as a JSON object.</summary>
        public static void WriteMap<T>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, T>> map, Action<Utf8JsonWriter, T> writeValue)
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
                    writeValue(writer, pair.Value);
                }
            }

            writer.WriteEndObject();
        }

        /// <summary>Reads any JSON value as a <see cref="JsonElement"/> that outlives the reader.</summary>
        public static JsonElement ReadElement(ref Utf8JsonReader reader)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.Clone();
        }

        /// <summary>Reads a value of an already parsed element (used by unions and discriminated bases, which look before they read).</summary>
        public static T ReadFrom<T>(JsonElement element, JsonValueReader<T> read)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(element.GetRawText());
            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            return read(ref reader);
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
