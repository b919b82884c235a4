namespace YEScale.Toolkit.Diagnostics
{
    /// <summary>
    /// Attribute names of the OpenTelemetry semantic conventions (HTTP client, gen_ai) the toolkit's spans and
    /// measurements carry, and its own under <c>yescale.</c> where the conventions have none.
    /// </summary>
    internal static class SemanticConventions
    {
        public const string HttpRequestMethod = "http.request.method";
        public const string HttpRequestMethodOriginal = "http.request.method_original";
        public const string HttpResponseStatusCode = "http.response.status_code";
        public const string HttpRequestResendCount = "http.request.resend_count";
        public const string UrlTemplate = "url.template";
        public const string UrlFull = "url.full";
        public const string ServerAddress = "server.address";
        public const string ServerPort = "server.port";
        public const string ErrorType = "error.type";

        public const string GenAiOperationName = "gen_ai.operation.name";
        public const string GenAiProviderName = "gen_ai.provider.name";
        public const string GenAiRequestModel = "gen_ai.request.model";
        public const string GenAiResponseModel = "gen_ai.response.model";
        public const string GenAiResponseId = "gen_ai.response.id";
        public const string GenAiResponseFinishReasons = "gen_ai.response.finish_reasons";
        public const string GenAiUsageInputTokens = "gen_ai.usage.input_tokens";
        public const string GenAiUsageOutputTokens = "gen_ai.usage.output_tokens";
        public const string GenAiTokenType = "gen_ai.token.type";

        /// <summary>What <see cref="GenAiProviderName"/> says for every call: the gateway, whichever model family is behind it.</summary>
        public const string Provider = "yescale";

        public const string OperationId = "yescale.operation.id";
        public const string TaskId = "yescale.task.id";
        public const string TaskOperation = "yescale.task.operation";
        public const string TaskPolls = "yescale.task.polls";
        public const string TaskPollFailures = "yescale.task.poll_failures";
        public const string TaskStatus = "yescale.task.status";
        public const string TaskState = "yescale.task.state";
        public const string RetryAttempt = "yescale.retry.attempt";
        public const string RetryDelay = "yescale.retry.delay";

        /// <summary>The span event of each try the pipeline repeats.</summary>
        public const string RetryEvent = "yescale.retry";
    }
}
