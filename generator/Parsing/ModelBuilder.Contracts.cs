using System;
using System.Collections.Generic;
using System.Linq;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    internal sealed partial class ModelBuilder
    {
        public const string ContractExtensionName = "x-yescale-contract";

        private const string ChatContract = "openai.chat.completions";
        private const string EmbeddingsContract = "openai.embeddings";

        /// <summary>
        /// Which operations speak a published wire format: the one <c>x-yescale-contract</c> names (<c>none</c> opts out), else
        /// OpenAI's by its path and body (<c>POST .../chat/completions</c> with <c>model</c> and <c>messages</c>), so any
        /// OpenAI-compatible document gets the adapters without a mark. One operation per contract: the first marked, else
        /// the first found.
        /// </summary>
        private void DecideWireContracts(List<OperationModel> operations)
        {
            var byName = _types.ToDictionary(type => type.Name, StringComparer.Ordinal);
            var marked = new string?[operations.Count];
            var explicitly = new bool[operations.Count];
            for (var i = 0; i < operations.Count; i++)
            {
                var extensions = _sources[i].Source.ExtensionData;
                if (extensions != null && extensions.TryGetValue(ContractExtensionName, out var raw))
                {
                    explicitly[i] = true;
                    marked[i] = ReadOperationExtension(i, operations[i], ContractExtensionName, () => ReadContract(raw, operations[i], byName), null);
                }
                else
                {
                    marked[i] = ContractByConvention(operations[i], byName);
                }
            }

            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pass in new[] { true, false })
            {
                for (var i = 0; i < operations.Count; i++)
                {
                    if (explicitly[i] == pass && marked[i] is { } contract && contract != "none" && taken.Add(contract))
                    {
                        operations[i] = operations[i] with { WireContract = contract };
                    }
                }
            }
        }

        private static string? ReadContract(object? raw, OperationModel operation, Dictionary<string, TypeModel> types)
        {
            var value = raw as string ?? throw new UnsupportedSpecException("the value must be a string: " + ChatContract + ", " + EmbeddingsContract + " or none");
            if (value == "none")
            {
                return value;
            }

            if (value != ChatContract && value != EmbeddingsContract)
            {
                throw new UnsupportedSpecException("'" + value + "' is not a contract this version knows (" + ChatContract + ", " + EmbeddingsContract + ", none)");
            }

            if (!Fits(operation, types, value))
            {
                throw new UnsupportedSpecException("the operation must take a JSON object body and answer a JSON object" + (value == ChatContract ? " with model and messages in the body" : " with model and input in the body"));
            }

            return value;
        }

        private static string? ContractByConvention(OperationModel operation, Dictionary<string, TypeModel> types)
        {
            if (!string.Equals(operation.HttpMethod, "post", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var path = operation.Path.TrimEnd('/');
            var contract = path.EndsWith("/chat/completions", StringComparison.Ordinal) ? ChatContract
                : path.EndsWith("/embeddings", StringComparison.Ordinal) ? EmbeddingsContract
                : null;
            return contract != null && Fits(operation, types, contract) ? contract : null;
        }

        /// <summary>The shape the adapters rely on: no path parameters, a JSON object body with the contract's members, a JSON object answer.</summary>
        private static bool Fits(OperationModel operation, Dictionary<string, TypeModel> types, string contract)
        {
            if (operation.PathSegments.Any(segment => segment.IsParameter)
                || operation.Parameters.Any(parameter => parameter.Required)
                || operation.Body is not { Kind: BodyKind.Json } body || body.Type.Kind != TypeRefKind.Model
                || !types.TryGetValue(body.Type.Name!, out var request) || request.Kind != TypeModelKind.Object
                || operation.Response.Kind != ResponseKind.Json || operation.Response.Type is not { Kind: TypeRefKind.Model })
            {
                return false;
            }

            var members = new HashSet<string>(request.Properties.Select(p => p.JsonName), StringComparer.Ordinal);
            return members.Contains("model") && members.Contains(contract == ChatContract ? "messages" : "input");
        }
    }
}
