using System;

namespace YEScale.Toolkit
{
    /// <summary>Settings shared by every generated client: where the API is and how to authenticate.</summary>
    public class ApiClientOptions
    {
        /// <summary>
        /// The API's base address. When null, the <see cref="System.Net.Http.HttpClient.BaseAddress"/> of the client's
        /// <c>HttpClient</c> is used, then the first server the OpenAPI document lists.
        /// </summary>
        public Uri? BaseAddress { get; set; }

        /// <summary>
        /// The API key, sent as the document's security scheme asks (for YEScale: <c>Authorization: Bearer &lt;key&gt;</c>).
        /// It is never written into exceptions, logs or <see cref="ToString"/>.
        /// </summary>
        public string? ApiKey { get; set; }

        /// <summary>How <c>WaitFor...Async</c> methods poll tasks when a call passes no options; null for the defaults.</summary>
        public Polling.TaskWaitOptions? TaskWait { get; set; }

        /// <summary>
        /// Where submitted tasks are recorded before the submit call returns, so a restarted process can resume them
        /// (<c>Resume...Async</c>); null records nothing. See <see cref="Polling.ITaskJournal"/>.
        /// </summary>
        public Polling.ITaskJournal? TaskJournal { get; set; }

        /// <summary>
        /// Where the client logs its requests (method, path, status, time) and task polling (status changes, retries);
        /// null logs nothing. Headers, bodies and the API key are never logged.
        /// </summary>
        public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

        /// <summary>Describes the options without revealing the key.</summary>
        public override string ToString()
            => $"BaseAddress = {BaseAddress?.ToString() ?? "(default)"}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : ApiKeyCredential.Redacted)}";
    }
}
