using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Json
{
    /// <summary>
    /// Saves and loads generated models, unions and enums as JSON, with their generated converters: no reflection over
    /// members, so it works in trimmed and Native AOT apps where <c>JsonSerializer.Serialize(value)</c> cannot.
    /// </summary>
    /// <example>
    /// <code>
    /// var json = ModelJson.Serialize(task);                       // every member the task holds, unknown ones too
    /// var again = ModelJson.Deserialize&lt;SeedanceGeneration&gt;(json);
    /// JsonSerializer.Serialize(task, ModelJson.TypeInfo&lt;SeedanceGeneration&gt;());   // the AOT-safe JsonSerializer overload
    /// </code>
    /// </example>
    public static class ModelJson
    {
        /// <summary>The value as JSON text, every member it holds (read-only and unknown ones included), so it loads back unchanged.</summary>
        public static string Serialize<T>(T value) => ApiJson.ToJsonString(value, ConverterOf<T>.Converter);

        /// <summary>The value as UTF-8 JSON.</summary>
        public static byte[] SerializeToUtf8Bytes<T>(T value)
        {
            using var buffer = new MemoryStream();
            Serialize(buffer, value);
            return buffer.ToArray();
        }

        /// <summary>Writes the value as UTF-8 JSON to <paramref name="utf8Json"/>, which it leaves open.</summary>
        public static void Serialize<T>(Stream utf8Json, T value)
        {
            if (utf8Json is null)
            {
                throw new ArgumentNullException(nameof(utf8Json));
            }

            using var writer = new Utf8JsonWriter(utf8Json);
            ApiJson.Write(writer, value, ConverterOf<T>.Converter);
        }

        /// <summary>Reads one JSON value; malformed JSON, or JSON that does not fit the type, is a <see cref="JsonException"/> that says where.</summary>
        public static T Deserialize<T>(string json)
            => Deserialize<T>(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))).AsSpan());

        /// <inheritdoc cref="Deserialize{T}(string)"/>
        public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) => ApiJson.Read(utf8Json, ConverterOf<T>.Converter);

        /// <summary>Reads one JSON value from a stream (read to its end).</summary>
        public static async Task<T> DeserializeAsync<T>(Stream utf8Json, CancellationToken cancellationToken = default)
        {
            if (utf8Json is null)
            {
                throw new ArgumentNullException(nameof(utf8Json));
            }

            using var buffer = new MemoryStream();
            await utf8Json.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
            return ApiJson.Read(new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), ConverterOf<T>.Converter);
        }

        /// <summary>
        /// The type's generated converter as a <see cref="JsonTypeInfo{T}"/>, for <c>JsonSerializer</c>'s AOT-safe
        /// overloads and for <c>HttpClient</c>'s <c>GetFromJsonAsync</c> / <c>PostAsJsonAsync</c>. One per type.
        /// </summary>
        public static JsonTypeInfo<T> TypeInfo<T>() => ConverterOf<T>.TypeInfo;

        /// <summary>The type's generated converter.</summary>
        /// <exception cref="InvalidOperationException">The type is not a generated model, union or enum (it has no <c>[JsonConverter]</c>).</exception>
        public static JsonConverter<T> Converter<T>() => ConverterOf<T>.Converter;

        /// <summary>
        /// The model as text for logs and the debugger: its type name and its JSON, cut after <paramref name="maxLength"/>
        /// characters (a long embedding or base64 image would drown the rest).
        /// </summary>
        internal static string Describe(object value, int maxLength)
        {
            var type = value.GetType();
            string json;
            try
            {
                json = Converters.GetOrAdd(type, ConverterFor) is IModelText text ? text.ToJson(value) : "{}";
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
            {
                // ToString must not throw: a model half-built by the caller still describes itself.
                json = "(not writable as JSON: " + exception.Message + ")";
            }

            return json.Length <= maxLength
                ? type.Name + " " + json
                : type.Name + " " + json.Substring(0, maxLength) + "... (" + (json.Length - maxLength).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more characters)";
        }

        private static readonly ConcurrentDictionary<Type, JsonConverter> Converters = new ConcurrentDictionary<Type, JsonConverter>();

        // The [JsonConverter] every generated type carries names its converter; its ConverterType keeps the converter's
        // public constructor through trimming, so this lookup is AOT-safe. Converters are stateless: a second instance
        // beside the generated Instance costs only its member table.
        private static JsonConverter ConverterFor(Type type)
            => type.GetCustomAttribute<JsonConverterAttribute>(inherit: false) is { ConverterType: { } converterType }
                ? (JsonConverter)Activator.CreateInstance(converterType)!
                : throw new InvalidOperationException(type.FullName + " is not a generated model, union or enum: it has no [JsonConverter] naming its generated converter.");

        private static class ConverterOf<T>
        {
            private static JsonConverter<T>? _converter;

            // Looked up on first use, not in a static constructor, so a type that is not generated is refused with an
            // InvalidOperationException of its own rather than a TypeInitializationException.
            public static JsonConverter<T> Converter => _converter ??= Converters.GetOrAdd(typeof(T), ConverterFor) as JsonConverter<T>
                ?? throw new InvalidOperationException("The converter of " + typeof(T).FullName + " does not convert it.");

            private static JsonTypeInfo<T>? _typeInfo;

            public static JsonTypeInfo<T> TypeInfo => _typeInfo ??= CreateTypeInfo();

            // Options of their own, which know this one type: JsonSerializer asks them for nothing else.
            private static JsonTypeInfo<T> CreateTypeInfo()
                => (JsonTypeInfo<T>)new JsonSerializerOptions { TypeInfoResolver = new SingleTypeResolver() }.GetTypeInfo(typeof(T));

            private sealed class SingleTypeResolver : IJsonTypeInfoResolver
            {
                public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
                    => type == typeof(T) ? JsonMetadataServices.CreateValueInfo<T>(options, Converter) : null;
            }
        }
    }

    /// <summary>A converter that can write a model it is handed as <see cref="object"/> (for <see cref="ApiModel.ToString"/>).</summary>
    internal interface IModelText
    {
        string ToJson(object value);
    }
}
