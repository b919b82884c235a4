using NJsonSchema;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace YEScale.Toolkit.Benchmarks.Generation
{
    /// <summary>NSwag's own C# client generator, the baseline: System.Text.Json flavour, otherwise its defaults.</summary>
    internal static class NSwagBaseline
    {
        public static CSharpClientGeneratorSettings Settings(string className, string @namespace)
        {
            var settings = new CSharpClientGeneratorSettings
            {
                ClassName = className,
                GenerateClientInterfaces = false,
            };
            settings.CSharpGeneratorSettings.Namespace = @namespace;
            settings.CSharpGeneratorSettings.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
            return settings;
        }

        /// <summary>Reads the document as the toolkit's loader does: OpenAPI 3 expected, no document path (nothing fetched).</summary>
        public static OpenApiDocument Parse(BenchSpec spec) => Parse(spec.IsYaml, spec.Text);

        public static OpenApiDocument Parse(bool yaml, string text)
            => yaml
                ? OpenApiYamlDocument.FromYamlAsync(text, null, SchemaType.OpenApi3, null).GetAwaiter().GetResult()
                : OpenApiDocument.FromJsonAsync(text, null, SchemaType.OpenApi3, null).GetAwaiter().GetResult();

        public static string Generate(OpenApiDocument document, CSharpClientGeneratorSettings settings)
            => new CSharpClientGenerator(document, settings).GenerateFile();
    }
}
