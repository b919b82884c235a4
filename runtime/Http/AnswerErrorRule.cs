using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace YEScale.Toolkit.Http
{
    /// <summary>
    /// Where an API puts errors inside successful (2xx) answers, as the document says with <c>x-yescale-errors</c>:
    /// Midjourney's <c>{"code": 24, "description": "..."}</c> and Kling's <c>{"code": 1201, "message": "..."}</c> come
    /// with status 200. A code outside the success list makes the call fail with an <see cref="ApiException"/>.
    /// </summary>
    public sealed class AnswerErrorRule
    {
        private readonly string[] _code;
        private readonly string[]? _message;
        private readonly HashSet<string> _success;

        /// <summary>Describes the rule.</summary>
        /// <param name="codePointer">A JSON pointer to the code (such as <c>/code</c>).</param>
        /// <param name="successCodes">The codes that mean success, as JSON text (<c>1</c>, <c>success</c>); compared ignoring case.</param>
        /// <param name="messagePointer">A JSON pointer to the error's text, if the answer has one.</param>
        public AnswerErrorRule(string codePointer, IEnumerable<string> successCodes, string? messagePointer = null)
        {
            _code = Split(codePointer ?? throw new ArgumentNullException(nameof(codePointer)));
            _success = new HashSet<string>(successCodes ?? throw new ArgumentNullException(nameof(successCodes)), StringComparer.OrdinalIgnoreCase);
            _message = string.IsNullOrEmpty(messagePointer) ? null : Split(messagePointer!);
            CodePointer = codePointer;
        }

        /// <summary>The pointer to the code.</summary>
        public string CodePointer { get; }

        /// <summary>The problem to report, or null when the answer is a success (or has no code where the rule looks).</summary>
        public string? FindError(ArraySegment<byte> body)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body.AsMemory());
            }
            catch (JsonException)
            {
                // Unreadable answers are the converter's to report.
                return null;
            }

            using (document)
            {
                if (!TryResolve(document.RootElement, _code, out var code) || Text(code) is not { } value || _success.Contains(value))
                {
                    return null;
                }

                var message = _message != null && TryResolve(document.RootElement, _message, out var text) ? Text(text) : null;
                return "answered with success but reported error " + value + " at " + CodePointer + (string.IsNullOrEmpty(message) ? string.Empty : " (" + message + ")");
            }
        }

        private static string? Text(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };

        private static bool TryResolve(JsonElement root, string[] steps, out JsonElement value)
        {
            value = root;
            foreach (var step in steps)
            {
                if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(step, out var member))
                {
                    value = member;
                }
                else if (value.ValueKind == JsonValueKind.Array && int.TryParse(step, out var index) && index >= 0 && index < value.GetArrayLength())
                {
                    value = value[index];
                }
                else
                {
                    return false;
                }
            }

            return true;
        }

        private static string[] Split(string pointer)
            => pointer.Length == 0 ? Array.Empty<string>() : pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();
    }
}
