using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace YEScale.Toolkit.Benchmarks.Baselines
{
    // Plain classes equivalent to the generated models, for System.Text.Json source generation. Members match the
    // spec one for one; status, content type, role and finish reason are strings (the generated code keeps them as
    // extensible string structs, so any value the server sends reads in both). Like the generated models, each keeps
    // members the spec does not describe ([JsonExtensionData], created only when one appears; the payloads here have none).

    public sealed class SeedanceGenerationDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("content")] public SeedanceContentDto Content { get; set; } = null!;
        [JsonPropertyName("created_at")] public long CreatedAt { get; set; }
        [JsonPropertyName("id")] public string Id { get; set; } = null!;
        [JsonPropertyName("message")] public string Message { get; set; } = null!;
        [JsonPropertyName("model")] public string Model { get; set; } = null!;
        [JsonPropertyName("request")] public SeedanceRequestDto Request { get; set; } = null!;
        [JsonPropertyName("status")] public string Status { get; set; } = null!;
        [JsonPropertyName("error")] public SeedanceErrorDto? Error { get; set; }
        [JsonPropertyName("updated_at")] public long UpdatedAt { get; set; }
        [JsonPropertyName("usage")] public SeedanceUsageDto Usage { get; set; } = null!;
    }

    public sealed class SeedanceContentDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("video_url")] public string VideoUrl { get; set; } = null!;
    }

    public sealed class SeedanceRequestDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("content")] public List<SeedanceContentItemDto> Content { get; set; } = null!;
        [JsonPropertyName("model")] public string Model { get; set; } = null!;
    }

    public sealed class SeedanceContentItemDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("type")] public string Type { get; set; } = null!;
        [JsonPropertyName("text")] public string? Text { get; set; }
        [JsonPropertyName("image_url")] public SeedanceImageUrlDto? ImageUrl { get; set; }
        [JsonPropertyName("role")] public string? Role { get; set; }
    }

    public sealed class SeedanceImageUrlDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("url")] public string Url { get; set; } = null!;
    }

    public sealed class SeedanceErrorDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("code")] public string? Code { get; set; }
        [JsonPropertyName("message")] public string? Message { get; set; }
    }

    public sealed class SeedanceUsageDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("completion_tokens")] public long CompletionTokens { get; set; }
        [JsonPropertyName("total_tokens")] public long TotalTokens { get; set; }
    }

    public sealed class ChatCompletionListDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("object")] public string Object { get; set; } = null!;
        [JsonPropertyName("data")] public List<ChatCompletionDto> Data { get; set; } = null!;
        [JsonPropertyName("first_id")] public string FirstId { get; set; } = null!;
        [JsonPropertyName("last_id")] public string LastId { get; set; } = null!;
        [JsonPropertyName("has_more")] public bool HasMore { get; set; }
    }

    public sealed class ChatCompletionDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("id")] public string Id { get; set; } = null!;
        [JsonPropertyName("object")] public string Object { get; set; } = null!;
        [JsonPropertyName("created")] public long Created { get; set; }
        [JsonPropertyName("model")] public string Model { get; set; } = null!;
        [JsonPropertyName("system_fingerprint")] public string? SystemFingerprint { get; set; }
        [JsonPropertyName("service_tier")] public string? ServiceTier { get; set; }
        [JsonPropertyName("choices")] public List<ChatCompletionChoiceDto> Choices { get; set; } = null!;
        [JsonPropertyName("usage")] public CompletionUsageDto? Usage { get; set; }
    }

    public sealed class ChatCompletionChoiceDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("index")] public int Index { get; set; }
        [JsonPropertyName("message")] public ChatCompletionMessageDto Message { get; set; } = null!;
        [JsonPropertyName("logprobs")] public ChoiceLogprobsDto? Logprobs { get; set; }
        [JsonPropertyName("finish_reason")] public string FinishReason { get; set; } = null!;
    }

    public sealed class ChoiceLogprobsDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("content")] public List<TokenLogprobDto>? Content { get; set; }
    }

    public sealed class TokenLogprobDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("token")] public string Token { get; set; } = null!;
        [JsonPropertyName("logprob")] public double Logprob { get; set; }
    }

    public sealed class ChatCompletionMessageDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("role")] public string Role { get; set; } = null!;
        [JsonPropertyName("content")] public string? Content { get; set; }
        [JsonPropertyName("refusal")] public string? Refusal { get; set; }
    }

    public sealed class CompletionUsageDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("prompt_tokens")] public int PromptTokens { get; set; }
        [JsonPropertyName("completion_tokens")] public int CompletionTokens { get; set; }
        [JsonPropertyName("total_tokens")] public int TotalTokens { get; set; }
        [JsonPropertyName("prompt_tokens_details")] public PromptTokensDetailsDto? PromptTokensDetails { get; set; }
        [JsonPropertyName("completion_tokens_details")] public CompletionTokensDetailsDto? CompletionTokensDetails { get; set; }
    }

    public sealed class PromptTokensDetailsDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("cached_tokens")] public int? CachedTokens { get; set; }
        [JsonPropertyName("audio_tokens")] public int? AudioTokens { get; set; }
    }

    public sealed class CompletionTokensDetailsDto
    {
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

        [JsonPropertyName("reasoning_tokens")] public int? ReasoningTokens { get; set; }
        [JsonPropertyName("audio_tokens")] public int? AudioTokens { get; set; }
        [JsonPropertyName("accepted_prediction_tokens")] public int? AcceptedPredictionTokens { get; set; }
        [JsonPropertyName("rejected_prediction_tokens")] public int? RejectedPredictionTokens { get; set; }
    }

    /// <summary>System.Text.Json source generation for the hand-written types: metadata only, default options.</summary>
    [JsonSerializable(typeof(SeedanceGenerationDto))]
    [JsonSerializable(typeof(ChatCompletionListDto))]
    internal sealed partial class HandWrittenJson : JsonSerializerContext
    {
    }
}
