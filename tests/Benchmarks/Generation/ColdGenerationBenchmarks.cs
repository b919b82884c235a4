using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using YamlDotNet.RepresentationModel;
using YEScale.Toolkit.Benchmarks.Reporting;

namespace YEScale.Toolkit.Benchmarks.Generation
{
    /// <summary>
    /// A full generation from nothing cached: the toolkit's generator in a new <see cref="CSharpGeneratorDriver"/>
    /// (parse + model + emit) against NSwag's parse + <see cref="CSharpClientGenerator.GenerateFile()"/> on the same text,
    /// and, to show where the time goes, NSwag's parse alone and a plain syntax-only parse of the file.
    /// </summary>
    [BenchmarkCategory("generator-cold")]
    public class ColdGenerationBenchmarks
    {
        private BenchSpec _spec = null!;
        private AdditionalText _text = null!;
        private CSharpCompilation _compilation = null!;
        private CSharpClientGeneratorSettings _settings = null!;

        [ParamsSource(nameof(Specs))]
        public string Spec { get; set; } = "yescale";

        public static IEnumerable<string> Specs => BenchSpec.Names;

        [GlobalSetup]
        public void Setup()
        {
            _spec = BenchSpec.Get(Spec);
            _text = GeneratorHost.Text(_spec, _spec.Text);
            _compilation = GeneratorHost.CreateCompilation(GeneratorHost.ProgramTree(0));
            _settings = NSwagBaseline.Settings("NSwagClient", "NSwagGenerated");

            // One run of each, to check they did the work being timed and to say how much each wrote.
            var toolkit = GeneratorHost.Describe(Toolkit_Generate());
            var nswag = NSwag_ParseAndGenerate();
            Findings.Note($"cold/{Spec}", $"{Path.GetFileName(_spec.Path)} ({_spec.Bytes / 1024.0:N0} KB): toolkit wrote {toolkit.Files} files, {toolkit.Chars / 1024.0:N0} K chars ({toolkit.Errors} errors, {toolkit.Warnings} warnings); NSwag wrote 1 file, {nswag.Length / 1024.0:N0} K chars");
            if (toolkit.Files == 0 || toolkit.Errors > 0)
            {
                throw new System.InvalidOperationException($"The toolkit generated nothing usable for {_spec.Path}: {toolkit.Errors} errors.");
            }
        }

        [Benchmark(Baseline = true)]
        public string NSwag_ParseAndGenerate() => NSwagBaseline.Generate(NSwagBaseline.Parse(_spec), _settings);

        [Benchmark]
        public GeneratorDriver Toolkit_Generate() => GeneratorHost.CreateDriver(_spec, _text, trackSteps: false).RunGenerators(_compilation);

        [Benchmark]
        public OpenApiDocument NSwag_ParseOnly() => NSwagBaseline.Parse(_spec);

        /// <summary>Syntax only: System.Text.Json's JsonDocument for JSON; YamlDotNet's YamlStream (what NSwag reads YAML with) for YAML.</summary>
        [Benchmark]
        public int PlainParse()
        {
            if (_spec.IsYaml)
            {
                var yaml = new YamlStream();
                yaml.Load(new StringReader(_spec.Text));
                return yaml.Documents.Count;
            }

            using var json = JsonDocument.Parse(_spec.Text);
            return (int)json.RootElement.ValueKind;
        }
    }
}
