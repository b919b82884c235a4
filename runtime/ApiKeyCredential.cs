using System;
using System.Diagnostics;

namespace YEScale.Toolkit
{
    /// <summary>
    /// Holds an API key so that it can only leave through the request header it is meant for:
    /// <see cref="ToString"/> and the debugger show a placeholder.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed class ApiKeyCredential
    {
        /// <summary>The text shown instead of a key.</summary>
        public const string Redacted = "***";

        private readonly string _key;

        /// <summary>Wraps <paramref name="key"/>.</summary>
        public ApiKeyCredential(string key)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException("The API key is empty.", nameof(key));
            }

            _key = key.Trim();
        }

        /// <summary>The key, for the code that writes the request header.</summary>
        internal string Key => _key;

        /// <summary>Replaces every occurrence of the key in <paramref name="text"/> with <see cref="Redacted"/>.</summary>
        public string? Redact(string? text)
            => text is null || text.IndexOf(_key, StringComparison.Ordinal) < 0 ? text : text.Replace(_key, Redacted);

        /// <inheritdoc />
        public override string ToString() => Redacted;
    }
}
