using System.Collections.Generic;
using System.Linq;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>
    /// Reads what a document says about sending calls safely: <c>x-yescale-idempotency</c> (the header its server
    /// honours as an idempotency key, which makes repeating a POST safe) and <c>x-yescale-errors</c> (where an error code
    /// lives inside successful answers, as Midjourney's and Kling's answers carry one). Both may sit on the document, as
    /// the default, or on an operation.
    /// </summary>
    internal static class CallExtensionReader
    {
        public const string IdempotencyName = "x-yescale-idempotency";
        public const string ErrorsName = "x-yescale-errors";

        /// <summary>The idempotency header, or null; throws <see cref="UnsupportedSpecException"/> when the extension is unusable.</summary>
        public static string? ReadIdempotency(object? raw)
        {
            if (raw is null)
            {
                return null;
            }

            var map = ExtensionValue.AsMap(raw) ?? throw new UnsupportedSpecException("it is not an object such as {header: Idempotency-Key}");
            if (map.TryGetValue("honoured", out var honoured) && ExtensionValue.AsString(honoured) is "false" or "False")
            {
                return null;
            }

            var header = map.TryGetValue("header", out var value) ? ExtensionValue.AsString(value)?.Trim() : null;
            if (string.IsNullOrEmpty(header) || header!.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                throw new UnsupportedSpecException("'header' must name an HTTP header");
            }

            return header;
        }

        /// <summary>The error rule, or null; throws <see cref="UnsupportedSpecException"/> when the extension is unusable.</summary>
        public static AnswerErrorsModel? ReadErrors(object? raw)
        {
            if (raw is null)
            {
                return null;
            }

            var map = ExtensionValue.AsMap(raw) ?? throw new UnsupportedSpecException("it is not an object such as {code: /code, success: [0]}");
            var code = Pointer(map, "code") ?? throw new UnsupportedSpecException("'code' is required (a JSON pointer such as /code)");
            var success = ExtensionValue.AsStrings(map.TryGetValue("success", out var list) ? list : null);
            if (success.Count == 0)
            {
                throw new UnsupportedSpecException("'success' must list the codes that mean success");
            }

            return new AnswerErrorsModel(code, success.ToEquatableArray(), Pointer(map, "message"));
        }

        private static string? Pointer(IDictionary<string, object?> map, string key)
        {
            if (!map.TryGetValue(key, out var value))
            {
                return null;
            }

            var text = ExtensionValue.AsString(value);
            if (text is null || text.Length < 2 || text[0] != '/')
            {
                throw new UnsupportedSpecException("'" + key + "' must be a JSON pointer such as /code");
            }

            return text;
        }
    }
}
