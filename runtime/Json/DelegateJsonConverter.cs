using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace YEScale.Toolkit.Json
{
    /// <summary>
    /// A converter made of a read and a write function; generated clients use it for bodies and responses that are
    /// lists, dictionaries or scalars rather than a generated model.
    /// </summary>
    public sealed class DelegateJsonConverter<T> : JsonConverter<T>
    {
        private readonly JsonValueReader<T> _read;
        private readonly Action<Utf8JsonWriter, T, JsonSerializerOptions> _write;

        /// <summary>Creates the converter; <paramref name="write"/> is given the options, which it passes to the models it writes.</summary>
        public DelegateJsonConverter(JsonValueReader<T> read, Action<Utf8JsonWriter, T, JsonSerializerOptions> write)
        {
            _read = read ?? throw new ArgumentNullException(nameof(read));
            _write = write ?? throw new ArgumentNullException(nameof(write));
        }

        /// <inheritdoc />
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _read(ref reader);

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _write(writer, value, options);
    }
}
