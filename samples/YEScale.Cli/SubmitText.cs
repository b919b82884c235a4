using System;
using System.Text.Json;

namespace YEScale.Cli
{
    /// <summary>How a submit the journal holds as outcome unknown is shown: its prompt, read from the body that was sent.</summary>
    internal static class SubmitText
    {
        private const int Limit = 100;

        /// <summary>The members that hold the prompt in the families' submit bodies (Luma's, Runway's and Suno's have their own names).</summary>
        private static readonly string[] PromptMembers = { "prompt", "user_prompt", "promptText", "gpt_description_prompt" };

        /// <summary>
        /// The prompt of a submit body (a top-level prompt member, or Seedance's first text item of <c>content</c>), else
        /// the start of the body as it was sent; cut to a line's worth, on one line.
        /// </summary>
        public static string Excerpt(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return "(no body)";
            }

            var text = PromptOf(body) ?? body;
            text = string.Join(' ', text.Split(new[] { '\r', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return text.Length <= Limit ? text : text[..Limit].TrimEnd() + "...";
        }

        private static string? PromptOf(string body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                foreach (var member in PromptMembers)
                {
                    if (document.RootElement.TryGetProperty(member, out var prompt) && prompt.ValueKind == JsonValueKind.String && prompt.GetString() is { Length: > 0 } text)
                    {
                        return text;
                    }
                }

                if (document.RootElement.TryGetProperty("content", out var content)
                    && content.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in content.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object
                            && item.TryGetProperty("text", out var text)
                            && text.ValueKind == JsonValueKind.String
                            && text.GetString() is { Length: > 0 } prompt)
                        {
                            return prompt;
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (or cut at 64 KiB): the raw start is shown instead.
            }

            return null;
        }
    }
}
