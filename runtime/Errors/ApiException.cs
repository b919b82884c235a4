using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace YEScale.Toolkit
{
    /// <summary>
    /// The exception family of a generated client: every call that did not succeed throws this or a subclass. A
    /// non-success status, a success whose body could not be read, an error the API reported inside a successful answer
    /// or a stream; <see cref="ApiConnectionException"/> when no answer came, <see cref="ApiTimeoutException"/> when it
    /// came too late, <see cref="TaskMayExistException"/> when a task submit's outcome is unknown. It carries what the
    /// server said, never the API key.
    /// </summary>
    public class ApiException : Exception
    {
        private const int MessageBodyLimit = 512;

        /// <summary>Creates the exception for a response; <paramref name="content"/> must already be free of secrets.</summary>
        public ApiException(
            int status,
            string? reasonPhrase,
            string? content,
            IReadOnlyDictionary<string, IReadOnlyList<string>>? headers,
            string? operationId,
            string? requestMethod,
            string? requestPath,
            string? taskId = null,
            Exception? innerException = null,
            string? problem = null)
            : this(BuildMessage(status, reasonPhrase, content, operationId, requestMethod, requestPath, taskId, problem), status, reasonPhrase, content, headers, operationId, requestMethod, requestPath, taskId, innerException)
        {
        }

        /// <summary>Creates the exception with its own message: for a call that got no usable answer (<see cref="Status"/> 0 unless given), or that a subclass describes.</summary>
        protected ApiException(
            string message,
            int status,
            string? reasonPhrase,
            string? content,
            IReadOnlyDictionary<string, IReadOnlyList<string>>? headers,
            string? operationId,
            string? requestMethod,
            string? requestPath,
            string? taskId,
            Exception? innerException)
            : base(message, innerException)
        {
            Status = status;
            ReasonPhrase = reasonPhrase;
            Content = content;
            Headers = headers ?? new Dictionary<string, IReadOnlyList<string>>();
            OperationId = operationId;
            RequestMethod = requestMethod;
            RequestPath = requestPath;
            TaskId = taskId;
            (ErrorCode, ErrorMessage) = ReadError(content);
        }

        /// <summary>The HTTP status code (0 when no response arrived).</summary>
        public int Status { get; }

        /// <summary>The HTTP reason phrase, if the server sent one.</summary>
        public string? ReasonPhrase { get; }

        /// <summary>The response body as text (any occurrence of the API key replaced).</summary>
        public string? Content { get; }

        /// <summary>The response headers, including content headers.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

        /// <summary>The OpenAPI operationId of the call that failed.</summary>
        public string? OperationId { get; }

        /// <summary>The HTTP method of the request.</summary>
        public string? RequestMethod { get; }

        /// <summary>The request's path and query (credentials sent in the query are replaced).</summary>
        public string? RequestPath { get; }

        /// <summary>The id of the task the request was about, for task operations.</summary>
        public string? TaskId { get; }

        /// <summary>The error code from the body, when it has the common <c>{"error": {"code"}}</c> or <c>{"code"}</c> shape.</summary>
        public string? ErrorCode { get; }

        /// <summary>The error message from the body, when it has the common <c>{"error": {"message"}}</c> or <c>{"message"}</c> shape.</summary>
        public string? ErrorMessage { get; }

        /// <summary>The server's id for the request (<c>x-request-id</c> and its kin), when the answer carries one: quote it to support.</summary>
        public string? RequestId => ApiHeaders.RequestId(Headers);

        /// <summary>How many tries the call made before it gave up (1 when it was not repeated).</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>The value of a response header, or null.</summary>
        public string? GetHeader(string name)
        {
            foreach (var pair in Headers)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase) && pair.Value.Count > 0)
                {
                    return pair.Value[0];
                }
            }

            return null;
        }

        private static string BuildMessage(int status, string? reasonPhrase, string? content, string? operationId, string? method, string? path, string? taskId, string? problem)
        {
            var builder = new StringBuilder();
            builder.Append(operationId ?? "The request");
            if (method != null && path != null)
            {
                builder.Append(" (").Append(method).Append(' ').Append(path).Append(')');
            }

            builder.Append(problem is null ? " failed with status " : " " + problem + "; status ");
            builder.Append(status.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(reasonPhrase))
            {
                builder.Append(" (").Append(reasonPhrase).Append(')');
            }

            if (taskId != null)
            {
                builder.Append(". Task id: ").Append(taskId);
            }

            if (!string.IsNullOrEmpty(content))
            {
                builder.Append(". Response: ");
                builder.Append(content!.Length <= MessageBodyLimit ? content : content.Substring(0, MessageBodyLimit) + "...");
            }

            return builder.ToString();
        }

        private static (string? Code, string? Message) ReadError(string? content)
        {
            if (string.IsNullOrEmpty(content) || content![0] != '{')
            {
                return (null, null);
            }

            try
            {
                using var document = JsonDocument.Parse(content);
                var root = document.RootElement;
                var error = root.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
                return (Text(error, "code") ?? Text(error, "type"), Text(error, "message") ?? Text(root, "description"));
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        private static string? Text(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }
    }
}
