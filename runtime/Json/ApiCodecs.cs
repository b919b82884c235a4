using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace YEScale.Toolkit.Json
{
    /// <summary>
    /// Converters for the values a generated model holds that are not models themselves (scalars, lists, maps), so that
    /// generated code names a converter instead of writing reading and writing code for each member. None uses reflection.
    /// </summary>
    public static class ApiCodecs
    {
        /// <summary>A JSON string.</summary>
        public static JsonConverter<string> String { get; } = new Scalar<string>((ref Utf8JsonReader r) => r.GetString()!, (w, v) => w.WriteStringValue(v));

        /// <summary>A JSON true or false.</summary>
        public static JsonConverter<bool> Boolean { get; } = new Scalar<bool>((ref Utf8JsonReader r) => r.GetBoolean(), (w, v) => w.WriteBooleanValue(v));

        /// <summary>A JSON number that fits 32 bits.</summary>
        public static JsonConverter<int> Int32 { get; } = new Scalar<int>((ref Utf8JsonReader r) => r.GetInt32(), (w, v) => w.WriteNumberValue(v));

        /// <summary>A JSON number that fits 64 bits.</summary>
        public static JsonConverter<long> Int64 { get; } = new Scalar<long>((ref Utf8JsonReader r) => r.GetInt64(), (w, v) => w.WriteNumberValue(v));

        /// <summary>A JSON number as a float.</summary>
        public static JsonConverter<float> Single { get; } = new Scalar<float>((ref Utf8JsonReader r) => r.GetSingle(), (w, v) => w.WriteNumberValue(v));

        /// <summary>A JSON number as a double.</summary>
        public static JsonConverter<double> Double { get; } = new Scalar<double>((ref Utf8JsonReader r) => r.GetDouble(), (w, v) => w.WriteNumberValue(v));

        /// <summary>A JSON number as a decimal.</summary>
        public static JsonConverter<decimal> Decimal { get; } = new Scalar<decimal>((ref Utf8JsonReader r) => r.GetDecimal(), (w, v) => w.WriteNumberValue(v));

        /// <summary>A date and time in ISO 8601 text.</summary>
        public static JsonConverter<DateTimeOffset> DateTimeOffset { get; } = new Scalar<DateTimeOffset>((ref Utf8JsonReader r) => r.GetDateTimeOffset(), (w, v) => w.WriteStringValue(v));

        /// <summary>A moment sent as a number of Unix seconds (<c>format: unix-time</c>); written back as whole seconds.</summary>
        public static JsonConverter<DateTimeOffset> UnixSeconds { get; } = new Scalar<DateTimeOffset>((ref Utf8JsonReader r) => ApiJson.ReadUnixTime(ref r, 1000), (w, v) => w.WriteNumberValue(v.ToUnixTimeSeconds()));

        /// <summary>A moment sent as a number of Unix milliseconds (<c>format: unix-time-ms</c>); written back as whole milliseconds.</summary>
        public static JsonConverter<DateTimeOffset> UnixMilliseconds { get; } = new Scalar<DateTimeOffset>((ref Utf8JsonReader r) => ApiJson.ReadUnixTime(ref r, 1), (w, v) => w.WriteNumberValue(v.ToUnixTimeMilliseconds()));

        /// <summary>A GUID in text.</summary>
        public static JsonConverter<Guid> Guid { get; } = new Scalar<Guid>((ref Utf8JsonReader r) => r.GetGuid(), (w, v) => w.WriteStringValue(v));

        /// <summary>A URI in text, relative or absolute; written back as it was read.</summary>
        public static JsonConverter<Uri> Uri { get; } = new Scalar<Uri>(ApiJson.ReadUri, (w, v) => w.WriteStringValue(v.OriginalString));

        /// <summary>Bytes as base64 text.</summary>
        public static JsonConverter<byte[]> Bytes { get; } = new Scalar<byte[]>((ref Utf8JsonReader r) => r.GetBytesFromBase64(), (w, v) => w.WriteBase64StringValue(v));

        /// <summary>Any JSON, kept as an element that outlives the reader; an element that holds nothing is written as null.</summary>
        public static JsonConverter<JsonElement> Json { get; } = new Scalar<JsonElement>((ref Utf8JsonReader r) => ApiJson.ReadElement(ref r), ApiJson.WriteElement);

        /// <summary>A file: it travels in multipart bodies only, so reading or writing one as JSON fails with a <see cref="JsonException"/>.</summary>
        public static JsonConverter<FileUpload> File { get; } = new Scalar<FileUpload>(
            (ref Utf8JsonReader r) => throw new JsonException("A file cannot be read from JSON."),
            (w, v) => throw new JsonException("A file cannot be written as JSON."));

        /// <summary>A JSON array of <paramref name="item"/> values; null items read as <c>default</c> and are written as null.</summary>
        public static JsonConverter<IList<T>> ListOf<T>(JsonConverter<T> item) => ListCache<T>.For(item);

        /// <summary>A JSON object of <paramref name="value"/> values, as a dictionary.</summary>
        public static JsonConverter<IDictionary<string, T>> MapOf<T>(JsonConverter<T> value) => MapCache<T>.For(value);

        /// <summary>A value that may be JSON null, where the value type alone cannot be.</summary>
        public static JsonConverter<T?> Nullable<T>(JsonConverter<T> value)
            where T : struct
            => NullableCache<T>.For(value);

        /// <summary>A scalar: one read and one write function, no state.</summary>
        private sealed class Scalar<T> : JsonConverter<T>
        {
            private readonly JsonValueReader<T> _read;
            private readonly Action<Utf8JsonWriter, T> _write;

            public Scalar(JsonValueReader<T> read, Action<Utf8JsonWriter, T> write)
            {
                _read = read;
                _write = write;
            }

            public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _read(ref reader);

            public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _write(writer, value);
        }

        private sealed class ListConverter<T> : JsonConverter<IList<T>>
        {
            public ListConverter(JsonConverter<T> item) => Item = item;

            public JsonConverter<T> Item { get; }

            public override IList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ApiJson.ReadList(ref reader, Item);

            public override void Write(Utf8JsonWriter writer, IList<T> value, JsonSerializerOptions options) => ApiJson.WriteList(writer, value, Item, options);
        }

        private sealed class MapConverter<T> : JsonConverter<IDictionary<string, T>>
        {
            public MapConverter(JsonConverter<T> value) => Value = value;

            public JsonConverter<T> Value { get; }

            public override IDictionary<string, T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ApiJson.ReadMap(ref reader, Value);

            public override void Write(Utf8JsonWriter writer, IDictionary<string, T> value, JsonSerializerOptions options) => ApiJson.WriteMap(writer, value, Value, options);
        }

        private sealed class NullableConverter<T> : JsonConverter<T?>
            where T : struct
        {
            public NullableConverter(JsonConverter<T> value) => Value = value;

            public JsonConverter<T> Value { get; }

            public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
                => reader.TokenType == JsonTokenType.Null ? null : Value.Read(ref reader, typeof(T), options);

            public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
            {
                if (value is { } present)
                {
                    Value.Write(writer, present, options);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }
        }

        // Generated code asks for the same composed converter on every read of a member; one cached instance per item
        // converter keeps that free of allocations (the item converters are the generated singletons and the scalars above).
        private static class ListCache<T>
        {
            private static ListConverter<T>? _last;

            public static ListConverter<T> For(JsonConverter<T> item) => Cached.For(ref _last, item, static last => last.Item, static item => new ListConverter<T>(item));
        }

        private static class MapCache<T>
        {
            private static MapConverter<T>? _last;

            public static MapConverter<T> For(JsonConverter<T> value) => Cached.For(ref _last, value, static last => last.Value, static value => new MapConverter<T>(value));
        }

        private static class NullableCache<T>
            where T : struct
        {
            private static NullableConverter<T>? _last;

            public static NullableConverter<T> For(JsonConverter<T> value) => Cached.For(ref _last, value, static last => last.Value, static value => new NullableConverter<T>(value));
        }

        private static class Cached
        {
            /// <summary>The converter in <paramref name="last"/> when it wraps <paramref name="inner"/>, else a new one, kept for next time.</summary>
            public static TConverter For<TInner, TConverter>(ref TConverter? last, TInner inner, Func<TConverter, TInner> innerOf, Func<TInner, TConverter> create)
                where TInner : class
                where TConverter : class
            {
                if (inner is null)
                {
                    throw new ArgumentNullException(nameof(inner));
                }

                var current = last;
                if (current is null || !ReferenceEquals(innerOf(current), inner))
                {
                    last = current = create(inner);
                }

                return current;
            }
        }
    }
}
