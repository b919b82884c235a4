using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace YEScale.Toolkit.Json
{
    /// <summary>The JSON converter of a generated extensible enumeration: its wire text, kept whether the document lists it or not.</summary>
    /// <typeparam name="T">The enumeration.</typeparam>
    public abstract class ApiStringEnumConverter<T> : JsonConverter<T>
        where T : struct
    {
        private readonly Func<string, T> _create;

        /// <summary>Creates the converter from the enumeration's constructor.</summary>
        protected ApiStringEnumConverter(Func<string, T> create) => _create = create ?? throw new ArgumentNullException(nameof(create));

        /// <inheritdoc />
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _create(reader.GetString() ?? string.Empty);

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    /// <summary>The JSON converter of a generated integer enumeration: a number, named or not.</summary>
    /// <typeparam name="T">The enumeration.</typeparam>
    public abstract class ApiIntegerEnumConverter<T> : JsonConverter<T>
        where T : struct
    {
        private readonly Func<long, T> _fromNumber;
        private readonly Func<T, long> _toNumber;

        /// <summary>Creates the converter from the two casts between the enumeration and its number.</summary>
        protected ApiIntegerEnumConverter(Func<long, T> fromNumber, Func<T, long> toNumber)
        {
            _fromNumber = fromNumber ?? throw new ArgumentNullException(nameof(fromNumber));
            _toNumber = toNumber ?? throw new ArgumentNullException(nameof(toNumber));
        }

        /// <inheritdoc />
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _fromNumber(reader.GetInt64());

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteNumberValue(_toNumber(value));
    }
}
