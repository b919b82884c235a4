namespace YEScale.Toolkit.Contracts
{
    /// <summary>
    /// The published wire formats the toolkit knows by name. An operation marked with one (the spec's
    /// <c>x-yescale-contract</c>, or its path by OpenAI's convention) takes and answers exactly that format, so code written
    /// against the format, such as the Microsoft.Extensions.AI adapters, can call it whatever the spec names its types.
    /// </summary>
    public static class WireContracts
    {
        /// <summary>OpenAI's <c>POST /v1/chat/completions</c>: <c>model</c> and <c>messages</c> in, a <c>chat.completion</c> out, or <c>chat.completion.chunk</c> events when streamed.</summary>
        public const string ChatCompletions = "openai.chat.completions";

        /// <summary>OpenAI's <c>POST /v1/embeddings</c>: <c>model</c> and <c>input</c> in, a list of <c>embedding</c> objects out.</summary>
        public const string Embeddings = "openai.embeddings";

        /// <summary>True for a contract this version knows.</summary>
        public static bool IsKnown(string? contract) => contract == ChatCompletions || contract == Embeddings;
    }

    /// <summary>
    /// A generated client that can hand out its wire-contract operations. Generated clients implement it explicitly, so
    /// it stays off their surface; adapters reach it through a cast or an extension method.
    /// </summary>
    public interface IWireContractClient
    {
        /// <summary>The operation that speaks <paramref name="contract"/> (one of <see cref="WireContracts"/>), or null when the client has none.</summary>
        WireEndpoint? FindEndpoint(string contract);
    }
}
