using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace YEScale.Toolkit.Seedance
{
    /// <summary>
    /// Seedance generation parameters, which the API reads from flags at the end of the text prompt.
    /// A property left null adds no flag, so the service's default applies.
    /// </summary>
    public sealed class SeedanceParameters
    {
        /// <summary>The video length in seconds (<c>--duration</c>); the service documents 5 and 10.</summary>
        public int? Duration { get; set; }

        /// <summary>The output resolution (<c>--resolution</c>).</summary>
        public SeedanceResolution? Resolution { get; set; }

        /// <summary>The aspect ratio (<c>--ratio</c>).</summary>
        public SeedanceRatio? Ratio { get; set; }

        /// <summary>Whether the camera stays still (<c>--camerafixed</c>).</summary>
        public bool? CameraFixed { get; set; }
    }

    /// <summary>
    /// A Seedance output resolution. The known values are properties; the constructor accepts any other value so
    /// one the service adds later can be sent before this library knows it. Equality ignores case.
    /// </summary>
    public readonly struct SeedanceResolution : IEquatable<SeedanceResolution>
    {
        private readonly string? _value;

        /// <summary>A resolution given by its wire text, such as <c>480p</c>.</summary>
        /// <exception cref="ArgumentException">The value is empty, contains white space or starts with <c>--</c>.</exception>
        public SeedanceResolution(string value)
        {
            _value = SeedancePrompt.ValidateFlagValue(value, nameof(value));
        }

        /// <summary>480p.</summary>
        public static SeedanceResolution P480 { get; } = new SeedanceResolution("480p");

        /// <summary>1080p.</summary>
        public static SeedanceResolution P1080 { get; } = new SeedanceResolution("1080p");

        /// <summary>Compares two resolutions by value, ignoring case.</summary>
        public static bool operator ==(SeedanceResolution left, SeedanceResolution right) => left.Equals(right);

        /// <summary>Compares two resolutions by value, ignoring case.</summary>
        public static bool operator !=(SeedanceResolution left, SeedanceResolution right) => !left.Equals(right);

        /// <summary>The wire text, as sent after <c>--resolution</c>; empty for the default value.</summary>
        public override string ToString() => _value ?? string.Empty;

        /// <inheritdoc />
        public bool Equals(SeedanceResolution other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is SeedanceResolution other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);
    }

    /// <summary>
    /// A Seedance aspect ratio. The known values are properties; the constructor accepts any other value so one the
    /// service adds later can be sent before this library knows it. Equality ignores case.
    /// </summary>
    public readonly struct SeedanceRatio : IEquatable<SeedanceRatio>
    {
        private readonly string? _value;

        /// <summary>A ratio given by its wire text, such as <c>16:9</c>.</summary>
        /// <exception cref="ArgumentException">The value is empty, contains white space or starts with <c>--</c>.</exception>
        public SeedanceRatio(string value)
        {
            _value = SeedancePrompt.ValidateFlagValue(value, nameof(value));
        }

        /// <summary>21:9, ultra-wide.</summary>
        public static SeedanceRatio Ratio21x9 { get; } = new SeedanceRatio("21:9");

        /// <summary>16:9, widescreen landscape.</summary>
        public static SeedanceRatio Ratio16x9 { get; } = new SeedanceRatio("16:9");

        /// <summary>4:3, landscape.</summary>
        public static SeedanceRatio Ratio4x3 { get; } = new SeedanceRatio("4:3");

        /// <summary>1:1, square.</summary>
        public static SeedanceRatio Ratio1x1 { get; } = new SeedanceRatio("1:1");

        /// <summary>3:4, portrait.</summary>
        public static SeedanceRatio Ratio3x4 { get; } = new SeedanceRatio("3:4");

        /// <summary>9:16, vertical video.</summary>
        public static SeedanceRatio Ratio9x16 { get; } = new SeedanceRatio("9:16");

        /// <summary>9:21, tall vertical.</summary>
        public static SeedanceRatio Ratio9x21 { get; } = new SeedanceRatio("9:21");

        /// <summary><c>keep_ratio</c>: the ratio of the input image.</summary>
        public static SeedanceRatio KeepRatio { get; } = new SeedanceRatio("keep_ratio");

        /// <summary><c>adaptive</c>: the service picks the ratio.</summary>
        public static SeedanceRatio Adaptive { get; } = new SeedanceRatio("adaptive");

        /// <summary>Compares two ratios by value, ignoring case.</summary>
        public static bool operator ==(SeedanceRatio left, SeedanceRatio right) => left.Equals(right);

        /// <summary>Compares two ratios by value, ignoring case.</summary>
        public static bool operator !=(SeedanceRatio left, SeedanceRatio right) => !left.Equals(right);

        /// <summary>The wire text, as sent after <c>--ratio</c>; empty for the default value.</summary>
        public override string ToString() => _value ?? string.Empty;

        /// <inheritdoc />
        public bool Equals(SeedanceRatio other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is SeedanceRatio other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);
    }

    /// <summary>Writes <see cref="SeedanceParameters"/> into a Seedance text prompt as flags, and reads them back.</summary>
    public static class SeedancePrompt
    {
        private const string ResolutionFlag = "resolution";
        private const string RatioFlag = "ratio";
        private const string DurationFlag = "duration";
        private const string CameraFixedFlag = "camerafixed";

        /// <summary>
        /// Appends the flags for the parameters that are set to <paramref name="text"/>, in the order
        /// <c>--resolution</c>, <c>--ratio</c>, <c>--duration</c>, <c>--camerafixed</c>. A flag already in the text for a
        /// parameter that is set is removed first, so the typed value wins and the flag appears once.
        /// </summary>
        /// <param name="text">The prompt text; it may already hold flags.</param>
        /// <param name="parameters">The parameters, or null for none.</param>
        /// <returns>The prompt to send; <paramref name="text"/> unchanged when no parameter is set.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The duration is zero or negative.</exception>
        /// <exception cref="ArgumentException">A resolution or ratio is the empty default value.</exception>
        public static string Build(string text, SeedanceParameters? parameters)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (parameters is null)
            {
                return text;
            }

            var flags = new List<KeyValuePair<string, string>>(4);
            if (parameters.Resolution is { } resolution)
            {
                flags.Add(new KeyValuePair<string, string>(ResolutionFlag, RequireSet(resolution.ToString(), "Resolution")));
            }

            if (parameters.Ratio is { } ratio)
            {
                flags.Add(new KeyValuePair<string, string>(RatioFlag, RequireSet(ratio.ToString(), "Ratio")));
            }

            if (parameters.Duration is { } duration)
            {
                // Only 5 and 10 are documented today, but the service may add lengths; only nonsense is refused here.
                if (duration <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(parameters), duration, "Duration must be a positive number of seconds.");
                }

                flags.Add(new KeyValuePair<string, string>(DurationFlag, duration.ToString(CultureInfo.InvariantCulture)));
            }

            if (parameters.CameraFixed is { } cameraFixed)
            {
                flags.Add(new KeyValuePair<string, string>(CameraFixedFlag, cameraFixed ? "true" : "false"));
            }

            if (flags.Count == 0)
            {
                return text;
            }

            var replaced = FindFlags(text).Where(found => flags.Any(flag => flag.Key == found.Name));
            var builder = new StringBuilder(RemoveFlags(text, replaced).TrimEnd());
            foreach (var flag in flags)
            {
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append("--").Append(flag.Key).Append(' ').Append(flag.Value);
            }

            return builder.ToString();
        }

        /// <summary>
        /// Reads the known flags (<c>--resolution</c>, <c>--ratio</c>, <c>--duration</c>, <c>--camerafixed</c>) out of a
        /// prompt, for example to show a task's settings. Unknown flags stay in the text; when a flag repeats, the
        /// last one counts, as it would in a command line.
        /// </summary>
        /// <param name="prompt">A prompt as sent to the service.</param>
        /// <param name="text">The prompt without the known flags, trimmed at the end; the prompt unchanged on failure.</param>
        /// <param name="parameters">The parameters found; empty on failure.</param>
        /// <returns>
        /// False when <paramref name="prompt"/> is null or a known flag has no value or an unreadable one (a duration
        /// that is not a positive integer, a camerafixed that is not true or false); otherwise true.
        /// </returns>
        public static bool TryParse(string prompt, out string text, out SeedanceParameters parameters)
        {
            text = prompt ?? string.Empty;
            parameters = new SeedanceParameters();
            if (prompt is null)
            {
                return false;
            }

            var found = FindFlags(prompt);
            var parsed = new SeedanceParameters();
            foreach (var flag in found)
            {
                if (flag.Value is null)
                {
                    return false;
                }

                switch (flag.Name)
                {
                    case ResolutionFlag:
                        parsed.Resolution = new SeedanceResolution(flag.Value);
                        break;
                    case RatioFlag:
                        parsed.Ratio = new SeedanceRatio(flag.Value);
                        break;
                    case DurationFlag:
                        if (!int.TryParse(flag.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var duration) || duration <= 0)
                        {
                            return false;
                        }

                        parsed.Duration = duration;
                        break;
                    case CameraFixedFlag:
                        if (!bool.TryParse(flag.Value, out var cameraFixed))
                        {
                            return false;
                        }

                        parsed.CameraFixed = cameraFixed;
                        break;
                }
            }

            text = RemoveFlags(prompt, found).TrimEnd();
            parameters = parsed;
            return true;
        }

        // A value must survive the trip through the prompt: the service splits flags on white space, and a value
        // starting with "--" would read as the next flag.
        internal static string ValidateFlagValue(string value, string parameterName)
        {
            if (value is null)
            {
                throw new ArgumentNullException(parameterName);
            }

            if (value.Length == 0 || value.Any(char.IsWhiteSpace) || value.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException("A flag value must be non-empty, without white space, and must not start with \"--\".", parameterName);
            }

            return value;
        }

        private static string RequireSet(string value, string property)
        {
            if (value.Length == 0)
            {
                throw new ArgumentException(property + " is the default (empty) value; use a known value or the constructor.", "parameters");
            }

            return value;
        }

        private static bool IsKnownFlag(string name) =>
            name == ResolutionFlag || name == RatioFlag || name == DurationFlag || name == CameraFixedFlag;

        private static bool IsLineBreak(char c) => c == '\n' || c == '\r';

        // A value sits on the flag's own line; a flag ending a line has no value rather than taking the next line's first word.
        private static bool IsGap(char c) => char.IsWhiteSpace(c) && !IsLineBreak(c);

        // Known flags, as white-space-delimited tokens anywhere in the text, each with its value when it has one.
        private static List<FlagOccurrence> FindFlags(string text)
        {
            var found = new List<FlagOccurrence>();
            var i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                var tokenStart = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i - tokenStart <= 2 || text[tokenStart] != '-' || text[tokenStart + 1] != '-')
                {
                    continue;
                }

                var name = text.Substring(tokenStart + 2, i - tokenStart - 2);
                if (!IsKnownFlag(name))
                {
                    continue;
                }

                var valueStart = i;
                while (valueStart < text.Length && IsGap(text[valueStart]))
                {
                    valueStart++;
                }

                var valueEnd = valueStart;
                while (valueEnd < text.Length && !char.IsWhiteSpace(text[valueEnd]))
                {
                    valueEnd++;
                }

                string? value = null;
                if (valueEnd > valueStart && string.CompareOrdinal(text, valueStart, "--", 0, 2) != 0)
                {
                    value = text.Substring(valueStart, valueEnd - valueStart);
                    i = valueEnd;
                }

                found.Add(new FlagOccurrence(name, value, tokenStart, i));
            }

            return found;
        }

        // Cuts the flags out with the spacing before them, so "a --duration 5 b" becomes "a b"; a flag that starts a
        // line takes the spacing after it instead, so the line does not start with a space.
        private static string RemoveFlags(string text, IEnumerable<FlagOccurrence> flags)
        {
            var builder = new StringBuilder(text.Length);
            var copied = 0;
            foreach (var flag in flags)
            {
                var start = flag.Start;
                while (start > copied && IsGap(text[start - 1]))
                {
                    start--;
                }

                builder.Append(text, copied, start - copied);
                var end = flag.End;
                if (builder.Length == 0 || IsLineBreak(builder[builder.Length - 1]))
                {
                    while (end < text.Length && IsGap(text[end]))
                    {
                        end++;
                    }
                }

                copied = end;
            }

            builder.Append(text, copied, text.Length - copied);
            return builder.ToString();
        }

        private readonly struct FlagOccurrence
        {
            public FlagOccurrence(string name, string? value, int start, int end)
            {
                Name = name;
                Value = value;
                Start = start;
                End = end;
            }

            public string Name { get; }

            public string? Value { get; }

            public int Start { get; }

            public int End { get; }
        }
    }
}
