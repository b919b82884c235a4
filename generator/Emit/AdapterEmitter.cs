using System.Collections.Generic;
using System.IO;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>
    /// The Microsoft.Extensions.AI adapters: fixed sources (in <c>Emit/AI/</c>, embedded in the generator) written against
    /// the runtime's wire contracts, not against any document's types, so one copy per project serves every generated client.
    /// </summary>
    internal static class AdapterEmitter
    {
        private static readonly string[] Files = { "WireChatClient.cs", "WireEmbeddingGenerator.cs", "WireAIExtensions.cs" };

        /// <summary>The type whose presence in a reference means that reference already carries the adapters.</summary>
        public const string MarkerType = "YEScale.Toolkit.AI.WireChatClient";

        public static IEnumerable<(string HintName, string Source)> Emit()
        {
            foreach (var file in Files)
            {
                yield return ("YEScale.Toolkit.AI." + Path.GetFileNameWithoutExtension(file) + ".g.cs", Read(file));
            }
        }

        private static string Read(string file)
        {
            using var stream = typeof(AdapterEmitter).Assembly.GetManifestResourceStream("YEScale.Toolkit.Generator.AI." + file)
                ?? throw new FileNotFoundException("The generator lacks its embedded adapter source " + file + ".");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
