using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace YEScale.Simulator.Spec
{
    /// <summary>
    /// An RFC 6901 JSON pointer (<c>/data/0/audio_url</c>) that reads, writes and removes values in a <see cref="JsonNode"/>
    /// tree. A numeric token steps into an array, as in the <c>x-yescale-task</c> extension.
    /// </summary>
    internal sealed class JsonPointer
    {
        private JsonPointer(string text, IReadOnlyList<string> tokens)
        {
            Text = text;
            Tokens = tokens;
        }

        /// <summary>The pointer as written (<c>/content/video_url</c>).</summary>
        public string Text { get; }

        /// <summary>The unescaped reference tokens.</summary>
        public IReadOnlyList<string> Tokens { get; }

        /// <summary>The last token: the member or index the pointer names, or null for the whole document.</summary>
        public string? Name => Tokens.Count == 0 ? null : Tokens[^1];

        /// <summary>The pointer to the container of what this one names.</summary>
        public JsonPointer Parent => new(string.Concat(Tokens.Take(Tokens.Count - 1).Select(t => "/" + Escape(t))), Tokens.Take(Tokens.Count - 1).ToArray());

        /// <summary>Parses <c>/a/b</c> (or the empty pointer); null when <paramref name="text"/> is not a pointer.</summary>
        public static JsonPointer? TryParse(string? text)
        {
            if (text is null || (text.Length > 0 && text[0] != '/'))
            {
                return null;
            }

            var tokens = text.Length == 0
                ? Array.Empty<string>()
                : text[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            return new JsonPointer(text, tokens);
        }

        /// <summary>The pointer in a link's runtime expression, <c>$response.body#/id</c>; null for any other expression.</summary>
        public static JsonPointer? FromResponseBodyExpression(string? expression)
        {
            const string prefix = "$response.body#";
            return expression is not null && expression.StartsWith(prefix, StringComparison.Ordinal) ? TryParse(expression[prefix.Length..]) : null;
        }

        /// <summary>A token that can index an array: digits only, no leading zero.</summary>
        public static bool IsIndex(string token, out int index)
        {
            index = 0;
            return token.Length is > 0 and <= 9 && (token.Length == 1 || token[0] != '0') && token.All(char.IsAsciiDigit)
                && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
        }

        /// <summary>Whether the value exists (null counts as a value); <paramref name="value"/> is it.</summary>
        public bool TryGet(JsonNode? root, out JsonNode? value)
        {
            value = root;
            foreach (var token in Tokens)
            {
                switch (value)
                {
                    case JsonObject obj when obj.TryGetPropertyValue(token, out var member):
                        value = member;
                        break;
                    case JsonArray array when IsIndex(token, out var index) && index < array.Count:
                        value = array[index];
                        break;
                    default:
                        value = null;
                        return false;
                }
            }

            return true;
        }

        /// <summary>The value, or null when it is missing.</summary>
        public JsonNode? Get(JsonNode? root) => TryGet(root, out var value) ? value : null;

        /// <summary>
        /// Writes <paramref name="value"/>, creating objects (or arrays, for a numeric next token) on the way and replacing
        /// anything in the way that is not a container. The whole document cannot be replaced this way.
        /// </summary>
        public void Set(JsonNode root, JsonNode? value)
        {
            ArgumentNullException.ThrowIfNull(root);
            if (Tokens.Count == 0)
            {
                return;
            }

            var container = root;
            for (var i = 0; i < Tokens.Count - 1; i++)
            {
                var next = Child(container, Tokens[i]);
                if (next is not (JsonObject or JsonArray))
                {
                    next = IsIndex(Tokens[i + 1], out _) ? new JsonArray() : new JsonObject();
                    Put(container, Tokens[i], next);
                }

                container = next;
            }

            Put(container, Tokens[^1], value);
        }

        /// <summary>Removes the member; an array's last item is removed, an earlier one becomes null so later indexes keep their meaning. False when it was not there.</summary>
        public bool Remove(JsonNode? root)
        {
            if (Tokens.Count == 0 || !Parent.TryGet(root, out var container))
            {
                return false;
            }

            switch (container)
            {
                case JsonObject obj:
                    return obj.Remove(Tokens[^1]);
                case JsonArray array when IsIndex(Tokens[^1], out var index) && index < array.Count:
                    if (index == array.Count - 1)
                    {
                        array.RemoveAt(index);
                    }
                    else
                    {
                        array[index] = null;
                    }

                    return true;
                default:
                    return false;
            }
        }

        public override string ToString() => Text;

        private static JsonNode? Child(JsonNode container, string token) => container switch
        {
            JsonObject obj => obj.TryGetPropertyValue(token, out var member) ? member : null,
            JsonArray array => IsIndex(token, out var index) && index < array.Count ? array[index] : null,
            _ => null,
        };

        private static void Put(JsonNode container, string token, JsonNode? value)
        {
            switch (container)
            {
                case JsonObject obj:
                    obj[token] = value;
                    break;
                case JsonArray array when IsIndex(token, out var index):
                    // Pad with empty objects: the items before are most likely of the same (object) kind.
                    while (array.Count <= index)
                    {
                        array.Add(array.Count == index ? null : (JsonNode)new JsonObject());
                    }

                    array[index] = value;
                    break;
            }
        }

        private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }
}
