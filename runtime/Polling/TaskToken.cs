using System;

namespace YEScale.Toolkit.Polling
{
    /// <summary>The text form of a task handle: <c>t1:</c>, the kind, <c>:</c>, the id, each percent-escaped.</summary>
    internal static class TaskToken
    {
        private const string Prefix = "t1:";

        public static string Format(string kind, string id) => Prefix + Uri.EscapeDataString(kind) + ":" + Uri.EscapeDataString(id);

        public static bool TryParse(string? token, out string kind, out string id)
        {
            kind = id = string.Empty;
            if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return false;
            }

            var rest = token.Substring(Prefix.Length);
            var separator = rest.IndexOf(':');
            if (separator <= 0 || separator == rest.Length - 1)
            {
                return false;
            }

            kind = Uri.UnescapeDataString(rest.Substring(0, separator));
            id = Uri.UnescapeDataString(rest.Substring(separator + 1));
            return true;
        }
    }
}
