using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Emit
{
    /// <summary>
    /// An operation that answers JSON or an event stream gets a ...StreamingAsync variant; when its body has a boolean
    /// <c>stream</c> member (the OpenAI convention), that variant sets it, and only then.
    /// </summary>
    public class StreamingVariantTests
    {
        [Theory]
        [InlineData("stream: { type: boolean }", true)]
        [InlineData("stream: { type: string }", false)]
        [InlineData("streaming: { type: boolean }", false)]
        [InlineData("stream: { type: boolean, readOnly: true }", false)]
        public void The_streaming_variant_sets_a_boolean_stream_member_of_the_body(string member, bool expectSet)
        {
            var yaml = "openapi: 3.0.0\ninfo:\n  title: Chat\n  version: '1'\npaths:\n  /chat:\n    post:\n      operationId: chat\n"
                + "      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n"
                + "              type: object\n              properties:\n                prompt: { type: string }\n                " + member + "\n"
                + "      responses:\n        '200':\n          description: ok\n          content:\n"
                + "            application/json:\n              schema: { type: object, properties: { text: { type: string } } }\n"
                + "            text/event-stream:\n              schema: { type: object, properties: { delta: { type: string } } }\n";

            var result = GeneratorHarness.Run(new SpecFile("/specs/chat.yaml", yaml));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.Chat.ChatClient.g.cs");
            var streaming = client.Substring(client.IndexOf("ChatStreamingAsync(", System.StringComparison.Ordinal));
            var whole = client.Substring(0, client.IndexOf("ChatStreamingAsync(", System.StringComparison.Ordinal));
            Assert.Equal(expectSet, streaming.Contains("body.Stream = true;", System.StringComparison.Ordinal));
            Assert.Equal(expectSet, client.Contains("This variant sets the body's stream member to true", System.StringComparison.Ordinal));
            Assert.DoesNotContain("body.Stream = true;", whole);
        }
    }
}
