using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>Turns names from a spec (any text at all) into valid, readable, stable C# identifiers.</summary>
    internal static class Identifiers
    {
        /// <summary>
        /// The longest name made from one spec name. Metadata caps names at 1024 UTF-8 bytes, and generated names add
        /// to these (converters, backing fields, inline types named after their parent), so this leaves plenty of room.
        /// </summary>
        public const int MaxLength = 128;

        /// <summary><c>video_url</c> to <c>VideoUrl</c>, <c>2fa</c> to <c>_2fa</c>; never empty, never a keyword.</summary>
        public static string ToPascalCase(string? name, string fallback = "Value")
        {
            var words = SplitWords(name);
            if (words.Count == 0)
            {
                return fallback;
            }

            var builder = new StringBuilder();
            foreach (var word in words)
            {
                builder.Append(char.ToUpperInvariant(word[0]));
                builder.Append(word, 1, word.Length - 1);
            }

            return LimitLength(MakeValid(builder.ToString()));
        }

        /// <summary>
        /// <paramref name="identifier"/>, or when it is longer than <see cref="MaxLength"/>, its start and a hash of
        /// all of it: two long names that share a start still get different identifiers, the same on every build.
        /// </summary>
        public static string LimitLength(string identifier)
        {
            if (identifier.Length <= MaxLength)
            {
                return identifier;
            }

            // FNV-1a: string.GetHashCode differs from process to process, and generated names must not.
            var hash = 2166136261u;
            foreach (var c in identifier)
            {
                hash = unchecked((hash ^ c) * 16777619u);
            }

            var suffix = "_" + hash.ToString("X8", CultureInfo.InvariantCulture);
            var keep = MaxLength - suffix.Length;
            if (char.IsHighSurrogate(identifier[keep - 1]))
            {
                keep--;
            }

            return identifier.Substring(0, keep) + suffix;
        }

        /// <summary><c>task_id</c> to <c>taskId</c>, escaping keywords with <c>@</c>.</summary>
        public static string ToCamelCase(string? name, string fallback = "value")
        {
            var pascal = ToPascalCase(name, fallback);
            if (pascal[0] == '_')
            {
                return pascal;
            }

            // Lower a leading run of capitals but keep the last one of the run when a lower-case letter follows (HTTPStatus to httpStatus).
            var chars = pascal.ToCharArray();
            for (var i = 0; i < chars.Length && char.IsUpper(chars[i]); i++)
            {
                if (i > 0 && i + 1 < chars.Length && char.IsLower(chars[i + 1]))
                {
                    break;
                }

                chars[i] = char.ToLowerInvariant(chars[i]);
            }

            var camel = new string(chars);
            if (camel == "nameof")
            {
                // A parameter named nameof (even @nameof) turns every nameof(x) in its method into a call to it.
                return "nameof_";
            }

            return IsKeyword(camel) ? "@" + camel : camel;
        }

        public static bool IsKeyword(string identifier)
            => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None
               || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None;

        /// <summary>Returns <paramref name="candidate"/>, or it with the smallest numeric suffix not yet taken.</summary>
        public static string MakeUnique(string candidate, ISet<string> taken)
        {
            var name = candidate;
            for (var suffix = 2; !taken.Add(name); suffix++)
            {
                name = candidate + suffix.ToString(CultureInfo.InvariantCulture);
            }

            return name;
        }

        private static List<string> SplitWords(string? name)
        {
            var words = new List<string>();
            if (name is null)
            {
                return words;
            }

            var current = new StringBuilder();
            foreach (var c in name)
            {
                if (IsIdentifierPart(c))
                {
                    current.Append(c);
                }
                else if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
            }

            return words;
        }

        private static bool IsIdentifierPart(char c)
        {
            // Only letters and digits: no formatting or connecting characters survive, so nothing invisible reaches code.
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber;
        }

        private static string MakeValid(string identifier)
        {
            if (char.IsDigit(identifier[0]))
            {
                identifier = "_" + identifier;
            }

            return IsKeyword(identifier) ? "@" + identifier : identifier;
        }
    }
}
