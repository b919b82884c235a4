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

        /// <summary>
        /// The timeout of each try of a call, from sending to the end of the answer's body (for streams: to the headers).
        /// Ten minutes by default, as long AI answers need. The HttpClient's own <see cref="System.Net.Http.HttpClient.Timeout"/>
        /// (100 s unless changed) still applies underneath: set it to <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
        /// (<c>Add...Client()</c> does) so that this one governs.
        /// </summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>For streaming calls, the longest silence between two events before the stream fails with <see cref="ApiTimeoutException"/>. Five minutes by default (reasoning models may think that long before their first word).</summary>
        public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>How failed calls are repeated; see <see cref="RetryOptions"/> for which failures of which requests. <see cref="RetryOptions.None"/> turns it off.</summary>
        public RetryOptions Retry { get; set; } = new RetryOptions();

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
            => $"BaseAddress = {BaseAddress?.ToString() ?? "(default)"}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : ApiKeyCredential.Redacted)}, Timeout = {Timeout}, Retry = {Retry}";
    }
}
