using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace YEScale.Toolkit.Json
{
    /// <summary>
    /// The JSON converter of a generated model. The generated subclass gives the members' JSON names and, per member, one
    /// line that reads its value and one that writes it; everything the members share is done here once: matching names,
    /// explicit nulls, members the document does not describe, required members, read-only members left out of requests.
    /// Nothing uses reflection, so it is trimming- and Native-AOT-safe.
    /// </summary>
    /// <typeparam name="T">The model.</typeparam>
    public abstract class ApiObjectConverter<T> : JsonConverter<T>, IModelText
        where T : ApiModel
    {
        private readonly ApiMemberTable _members;

        /// <summary>Creates the converter for a model with these members.</summary>
        /// <param name="typeName">The model's name, for error messages.</param>
        /// <param name="members">The JSON names, in the order the member indexes refer to.</param>
        /// <param name="required">The indexes of the required members, or null.</param>
        /// <param name="readOnly">The indexes of the read-only members (left out of request bodies), or null.</param>
        protected ApiObjectConverter(string typeName, string[] members, int[]? required = null, int[]? readOnly = null)
        {
            _members = new ApiMemberTable(typeName, members ?? throw new ArgumentNullException(nameof(members)), required, readOnly);
        }

        string IModelText.ToJson(object value) => ApiJson.ToJsonString((T)value, this);

        /// <summary>A new, empty model.</summary>
        protected abstract T Create();

        /// <summary>Reads the value of member <paramref name="member"/> (never JSON null) into <paramref name="value"/>.</summary>
        protected abstract void ReadMember(ref Utf8JsonReader reader, T value, int member);

        /// <summary>Writes every member through <paramref name="writer"/>, which decides what a null or read-only member needs.</summary>
        protected abstract void WriteMembers(ApiObjectWriter writer, T value);

        /// <inheritdoc />
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadObject(ref reader);

        /// <summary>Reads the object at the reader as this model, whatever a derived converter would dispatch to.</summary>
        protected T ReadObject(ref Utf8JsonReader reader)
        {
            ApiJson.Expect(ref reader, JsonTokenType.StartObject, _members.ObjectDescription);
            var value = Create();
            value.JsonNulls__.FromJson = true;
            var member = -1;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                member = _members.Find(ref reader, member);
                if (member < 0)
                {
                    // A member the document does not describe is kept, so it can be read and is written back.
                    ApiJson.ReadUnknownMember(ref reader, value);
                    continue;
                }

                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    // Remembered, so it reads as null and is written back as null.
                    value.JsonNulls__.Add(_members.Names[member]);
                    continue;
                }

                ReadMember(ref reader, value, member);
            }

            return value;
        }

        /// <summary>Reads an already parsed object as this model (a discriminated base that found no derived type to read it as).</summary>
        protected T ReadObject(JsonElement element)
        {
            var reader = ApiJson.ReaderAt(element);
            return ReadObject(ref reader);
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            WriteMembers(new ApiObjectWriter(writer, value, _members, options), value);
            ApiJson.WriteUnknownMembers(writer, value);
            writer.WriteEndObject();
        }

        /// <summary>Reads a value with a converter (a model's, an enumeration's, a union's, or one of <see cref="ApiCodecs"/>).</summary>
        protected static TValue Read<TValue>(ref Utf8JsonReader reader, JsonConverter<TValue> converter) => converter.Read(ref reader, typeof(TValue), ApiJson.Options)!;

        /// <summary>Reads a JSON array of values read with <paramref name="item"/>.</summary>
        protected static List<TItem> ReadList<TItem>(ref Utf8JsonReader reader, JsonConverter<TItem> item) => ApiJson.ReadList(ref reader, item);

        /// <summary>Reads a JSON object of values read with <paramref name="value"/>, as a dictionary.</summary>
        protected static Dictionary<string, TValue> ReadMap<TValue>(ref Utf8JsonReader reader, JsonConverter<TValue> value) => ApiJson.ReadMap(ref reader, value);
    }

    /// <summary>
    /// Writes the members of one model for its generated converter: a member with a value is written under its
    /// pre-encoded name; a member without one is written as null only when it is an explicit null (or required, in an
    /// object built in code); a read-only member is left out of a request body.
    /// </summary>
    public readonly ref struct ApiObjectWriter
    {
        private readonly Utf8JsonWriter _writer;
        private readonly ApiModel _owner;
        private readonly ApiMemberTable _members;
        private readonly JsonSerializerOptions _options;
        private readonly bool _request;

        internal ApiObjectWriter(Utf8JsonWriter writer, ApiModel owner, ApiMemberTable members, JsonSerializerOptions options)
        {
            _writer = writer;
            _owner = owner;
            _members = members;
            _options = options;
            _request = ApiJson.IsRequest(options) && members.HasReadOnly;
        }

        /// <summary>Writes a string member.</summary>
        public void String(int member, string? value)
        {
            if (value is null)
            {
                Null(member);
            }
            else if (Name(member))
            {
                _writer.WriteStringValue(value);
            }
        }

        /// <summary>Writes a boolean member.</summary>
        public void Boolean(int member, bool? value)
        {
            if (value is null)
            {
                Null(member);
            }
            else if (Name(member))
            {
                _writer.WriteBooleanValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes a 32-bit integer member.</summary>
        public void Int32(int member, int? value)
        {
            if (value is null)
            {
                Null(member);
            }
            else if (Name(member))
            {
                _writer.WriteNumberValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes a 64-bit integer member.</summary>
        public void Int64(int member, long? value)
        {
            if (value is null)
            {
                Null(member);
            }
            else if (Name(member))
            {
                _writer.WriteNumberValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes a double member.</summary>
        public void Double(int member, double? value)
        {
            if (value is null)
            {
                Null(member);
            }
            else if (Name(member))
            {
                _writer.WriteNumberValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes any other member with its converter: a model, an enumeration, a union, a list, a map, a scalar of <see cref="ApiCodecs"/>.</summary>
        public void Value<TValue>(int member, TValue? value, JsonConverter<TValue> converter)
        {
            if (value is null)
            {
                Null(member);
            }
            else if (Name(member))
            {
                converter.Write(_writer, value, _options);
            }
        }

        /// <summary>Writes a member of a value type that may hold no value, with the value type's converter.</summary>
        public void Struct<TValue>(int member, TValue? value, JsonConverter<TValue> converter)
            where TValue : struct
        {
            if (value is null)
            {
                Null(member);
            }
            else if (Name(member))
            {
                converter.Write(_writer, value.GetValueOrDefault(), _options);
            }
        }

        /// <summary>Writes a list member, item by item with <paramref name="item"/>.</summary>
        public void List<TItem>(int member, IEnumerable<TItem>? value, JsonConverter<TItem> item)
        {
            if (value is null)
            {
                Null(member);
            }
            else if (Name(member))
            {
                ApiJson.WriteList(_writer, value, item, _options);
            }
        }

        /// <summary>Writes a dictionary member as a JSON object, each value with <paramref name="value"/>.</summary>
        public void Map<TValue>(int member, IEnumerable<KeyValuePair<string, TValue>>? map, JsonConverter<TValue> value)
        {
            if (map is null)
            {
                Null(member);
            }
            else if (Name(member))
            {
                ApiJson.WriteMap(_writer, map, value, _options);
            }
        }

        /// <summary>Writes the member's name, unless it is a read-only member of a request body (then false: leave it out).</summary>
        private bool Name(int member)
        {
            if (_request && _members.IsReadOnly(member))
            {
                return false;
            }

            _writer.WritePropertyName(_members.Encoded[member]);
            return true;
        }

        private void Null(int member)
        {
            if (_request && _members.IsReadOnly(member))
            {
                return;
            }

            var name = _members.Names[member];

            // Required members are written even when null, so the server sees them (unless an answer left them out); others only when null was read or set.
            if (_members.IsRequired(member) ? _owner.JsonNulls__.WritesRequiredNull(name) : _owner.JsonNulls__.Contains(name))
            {
                _writer.WriteNull(_members.Encoded[member]);
            }
        }
    }

    /// <summary>One model's member names, pre-encoded, with a lookup from the UTF-8 name a reader is on to the member index.</summary>
    internal sealed class ApiMemberTable
    {
        private readonly byte[][] _utf8;
        private readonly bool[] _required;
        private readonly bool[]? _readOnly;

        public ApiMemberTable(string typeName, string[] names, int[]? required, int[]? readOnly)
        {
            Names = names;
            ObjectDescription = "an object for " + typeName;
            Encoded = new JsonEncodedText[names.Length];
            _utf8 = new byte[names.Length][];
            _required = new bool[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                Encoded[i] = JsonEncodedText.Encode(names[i]);
                _utf8[i] = Encoding.UTF8.GetBytes(names[i]);
            }

            foreach (var index in required ?? Array.Empty<int>())
            {
                _required[index] = true;
            }

            if (readOnly is { Length: > 0 })
            {
                _readOnly = new bool[names.Length];
                foreach (var index in readOnly)
                {
                    _readOnly[index] = true;
                }
            }
        }

        public string[] Names { get; }

        public JsonEncodedText[] Encoded { get; }

        public string ObjectDescription { get; }

        public bool HasReadOnly => _readOnly != null;

        public bool IsRequired(int member) => _required[member];

        public bool IsReadOnly(int member) => _readOnly != null && _readOnly[member];

        /// <summary>
        /// The index of the member whose name the reader is on, or -1. Servers send members in the order the document
        /// lists them, so the one after <paramref name="previous"/> is tried first; otherwise each in turn (a byte
        /// comparison, no allocation).
        /// </summary>
        public int Find(ref Utf8JsonReader reader, int previous)
        {
            var next = previous + 1;
            if (next < _utf8.Length && reader.ValueTextEquals(_utf8[next]))
            {
                return next;
            }

            for (var i = 0; i < _utf8.Length; i++)
            {
                if (i != next && reader.ValueTextEquals(_utf8[i]))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
