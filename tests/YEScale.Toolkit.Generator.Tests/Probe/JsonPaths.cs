using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>JSON paths (<c>$.a[0].b</c>) of places in a JSON text, to say where a reader stopped.</summary>
    internal static class JsonPaths
    {
        private sealed class Frame
        {
            public Frame(string path, bool isArray)
            {
                Path = path;
                IsArray = isArray;
            }

            public string Path { get; }

            public bool IsArray { get; }

            public int Index { get; set; }

            public long Start { get; set; }

            public string? Member { get; set; }
        }

        /// <summary>
        /// The path of the token that starts at (or first after) byte <paramref name="offset"/>: a value, a member name
        /// (the member's path) or the end of an object or array (that container's path).
        /// </summary>
        public static string At(byte[] json, long offset) => At(json, offset, out _);

        /// <summary>As <see cref="At(byte[], long)"/>, with the JSON text of the value there (null at the end of a container).</summary>
        public static string At(byte[] json, long offset, out string? value)
        {
            value = null;
            var reader = new Utf8JsonReader(json);
            var stack = new List<Frame>();
            while (reader.Read())
            {
                var top = stack.Count == 0 ? null : stack[stack.Count - 1];
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        top!.Member = SchemaSampler.Member(top.Path, reader.GetString()!);
                        if (reader.TokenStartIndex >= offset)
                        {
                            reader.Read();
                            value = Text(ref reader);
                            return top.Member;
                        }

                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        if (reader.TokenStartIndex >= offset)
                        {
                            value = System.Text.Encoding.UTF8.GetString(json, (int)top!.Start, (int)(reader.TokenStartIndex + 1 - top.Start));
                            return top.Path;
                        }

                        continue;
                }

                var path = ValuePath(top);

                if (reader.TokenStartIndex >= offset)
                {
                    value = Text(ref reader);
                    return path;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Add(new Frame(path, reader.TokenType == JsonTokenType.StartArray) { Start = reader.TokenStartIndex });
                }
            }

            return "$";
        }

        /// <summary>The JSON text of the value at <paramref name="path"/>, or null when there is none.</summary>
        public static string? ValueOf(byte[] json, string path)
        {
            var reader = new Utf8JsonReader(json);
            var stack = new List<Frame>();
            while (reader.Read())
            {
                var top = stack.Count == 0 ? null : stack[stack.Count - 1];
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        top!.Member = SchemaSampler.Member(top.Path, reader.GetString()!);
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                }

                var here = ValuePath(top);
                if (here == path)
                {
                    return Text(ref reader);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    if (!path.StartsWith(here, System.StringComparison.Ordinal))
                    {
                        reader.Skip();
                        continue;
                    }

                    stack.Add(new Frame(here, reader.TokenType == JsonTokenType.StartArray));
                }
            }

            return null;
        }

        /// <summary>Where the next value would go after the JSON text <paramref name="partial"/>, which was cut short.</summary>
        public static string After(byte[] partial)
        {
            // A writer writes whole values, so the text ends at a token's end; a space after it ends a number there too
            // (a reader waits for more otherwise, and would not count it).
            var padded = new byte[partial.Length + 1];
            partial.CopyTo(padded, 0);
            padded[partial.Length] = (byte)' ';
            var reader = new Utf8JsonReader(padded, isFinalBlock: false, state: default);
            var stack = new List<Frame>();
            var afterName = false;
            while (Next(ref reader))
            {
                var top = stack.Count == 0 ? null : stack[stack.Count - 1];
                afterName = reader.TokenType == JsonTokenType.PropertyName;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        top!.Member = SchemaSampler.Member(top.Path, reader.GetString()!);
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                }

                var path = ValuePath(top);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Add(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                }
            }

            if (stack.Count == 0)
            {
                return "$";
            }

            var last = stack[stack.Count - 1];
            return afterName ? last.Member! : last.IsArray ? last.Path + "[" + last.Index.ToString(CultureInfo.InvariantCulture) + "]" : last.Path;
        }

        /// <summary>The path of the value the reader is on, inside <paramref name="top"/>: an array's next index, or the member just named.</summary>
        private static string ValuePath(Frame? top)
            => top is null ? "$" : top.IsArray ? top.Path + "[" + (top.Index++).ToString(CultureInfo.InvariantCulture) + "]" : top.Member!;

        private static bool Next(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static string Text(ref Utf8JsonReader reader)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.GetRawText();
        }
    }
}
