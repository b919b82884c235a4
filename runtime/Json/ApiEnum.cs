using System;

namespace YEScale.Toolkit.Json
{
    /// <summary>What every generated extensible enumeration does with its wire text, held once here: wire texts compare ignoring case.</summary>
    public static class ApiEnum
    {
        /// <summary>True when <paramref name="value"/> is one of <paramref name="known"/>.</summary>
        public static bool IsKnown(string? value, string[] known)
        {
            if (value is null)
            {
                return false;
            }

            foreach (var text in known)
            {
                if (string.Equals(value, text, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Compares two wire texts, ignoring case.</summary>
        public static bool Equals(string? left, string? right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

        /// <summary>A hash that agrees with <see cref="Equals(string, string)"/>.</summary>
        public static int GetHashCode(string? value) => value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(value);
    }
}
