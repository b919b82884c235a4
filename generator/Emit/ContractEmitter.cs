using System.Linq;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>
    /// Writes what operations of a wire contract (<see cref="OperationModel.WireContract"/>) get beyond their method: a
    /// bound endpoint for adapters, the client's <c>IWireContractClient</c> lookup, and for chat a prompt-string overload.
    /// </summary>
    internal static class ContractEmitter
    {
        private const string Contracts = "global::YEScale.Toolkit.Contracts";
        private const string Chat = "openai.chat.completions";

        public static bool HasContracts(SpecModel spec) => spec.Operations.Any(o => o.WireContract != null);

        /// <summary>The base list entry of a client whose document has contract operations.</summary>
        public static string BaseList(SpecModel spec) => HasContracts(spec) ? " : " + Contracts + ".IWireContractClient" : string.Empty;

        public static string EndpointMethod(OperationModel operation) => operation.Member + "Endpoint__";

        /// <summary>In the operation's class: the operation bound to this pipeline, for wire-contract callers.</summary>
        public static void WriteEndpoint(CodeWriter writer, OperationModel operation, SpecModel spec)
        {
            var answer = TypeExpressions.TypeName(operation.Response.Type!);
            var events = operation.Response.EventType is { } eventType ? TypeExpressions.TypeName(eventType) : "object";
            var eventConverter = operation.Response.EventType is { } type ? TypeExpressions.Converter(type) : "null";
            writer.Line();
            DocComments.Summary(writer, null, operation.OperationId + " bound to this client's pipeline, for code written against " + operation.WireContract + " (the Microsoft.Extensions.AI adapters).");
            writer.Line("internal " + Contracts + ".WireEndpoint " + EndpointMethod(operation) + "() => " + Contracts + ".WireEndpoint.Create<" + answer + ", " + events + ">("
                + CSharpText.Literal(operation.WireContract!) + ", " + CSharpText.Literal(ProviderName(spec)) + ", Pipeline, global::System.Net.Http.HttpMethod.Post, "
                + CSharpText.Literal(operation.Path) + ", " + ClientEmitter.OperationField(operation) + ", " + TypeExpressions.Converter(operation.Response.Type!) + ", " + eventConverter + ");");
        }

        /// <summary>In the client class: the explicit <c>IWireContractClient.FindEndpoint</c>.</summary>
        public static void WriteLookup(CodeWriter writer, SpecModel spec)
        {
            if (!HasContracts(spec))
            {
                return;
            }

            writer.Line();
            writer.Line("/// <inheritdoc />");
            using (writer.Block(Contracts + ".WireEndpoint? " + Contracts + ".IWireContractClient.FindEndpoint(string contract)"))
            {
                using (writer.Block("switch (contract)"))
                {
                    foreach (var operation in spec.Operations.Where(o => o.WireContract != null))
                    {
                        writer.Line("case " + CSharpText.Literal(operation.WireContract!) + ": return " + (operation.Group is { } group ? group + "." : string.Empty) + EndpointMethod(operation) + "();");
                    }

                    writer.Line("default: return null;");
                }
            }
        }

        /// <summary>For a chat completions operation: the one-message overloads a user reaches for first.</summary>
        public static void WritePromptOverloads(CodeWriter writer, OperationModel operation)
        {
            if (operation.WireContract != Chat)
            {
                return;
            }

            var request = TypeExpressions.Converter(operation.Body!.Type);
            var options = ClientEmitter.RequestOptionsName(operation);
            var parameters = "string model, string prompt, global::YEScale.Toolkit.RequestOptions? " + options + " = null, global::System.Threading.CancellationToken cancellationToken = default";
            var body = Contracts + ".WireJson.UserPrompt(model, prompt, " + request + ")";
            writer.Line();
            DocComments.Summary(writer, null, "Asks a model one question: a chat completion of a single user message.");
            DocComments.Param(writer, "model", "The model, such as gpt-4o-mini.");
            DocComments.Param(writer, "prompt", "The user message.");
            DocComments.Param(writer, options, "This call's timeout, headers and retry policy; null for the client's.");
            DocComments.Param(writer, "cancellationToken", "A token that cancels the request.");
            DocComments.Element(writer, "returns", "The completion; its first choice's message holds the answer.");
            writer.Line("public virtual global::System.Threading.Tasks.Task<" + TypeExpressions.TypeName(operation.Response.Type!) + "> " + operation.Member + "Async(" + parameters + ")");
            writer.Line("    => " + operation.Member + "Async(" + body + ", " + options + ", cancellationToken);");
            if (operation.Response.EventType is { } eventType)
            {
                writer.Line();
                DocComments.Summary(writer, null, "Asks a model one question and yields the answer's chunks as they are written.");
                DocComments.Param(writer, "model", "The model, such as gpt-4o-mini.");
                DocComments.Param(writer, "prompt", "The user message.");
                DocComments.Param(writer, options, "This call's timeout, headers and retry policy; null for the client's.");
                DocComments.Param(writer, "cancellationToken", "Stops the request and the stream.");
                DocComments.Element(writer, "returns", "Each chunk, as it arrives; the last holds the token usage.");
                writer.Line("public virtual global::System.Collections.Generic.IAsyncEnumerable<" + TypeExpressions.TypeName(eventType) + "> " + operation.Member + "StreamingAsync(" + parameters + ")");
                writer.Line("    => " + operation.Member + "StreamingAsync(" + body + ", " + options + ", cancellationToken);");
            }
        }

        /// <summary>The name adapters and telemetry give the service: the client's name without "Client", in lower case (yescale).</summary>
        public static string ProviderName(SpecModel spec) => HostingEmitter.SectionName(spec.ClientName).ToLowerInvariant();
    }
}
