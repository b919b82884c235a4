using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NSwag;
using YEScale.Toolkit.Generator.Model;
using YEScale.Toolkit.Generator.Parsing;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>
    /// One document read the way the generator reads it: NSwag's object model from the generator's own
    /// <see cref="SpecLoader"/> (so YAML and references to other files behave the same) and the generator's model built
    /// from that very object, so every TypeRef the harness uses names a type the generator emitted.
    /// </summary>
    internal sealed class ProbeSpec
    {
        /// <summary>The root namespace <see cref="GeneratorHarness.Run(SpecFile[])"/> gives the generator.</summary>
        public const string RootNamespace = "Consumer";

        private ProbeSpec(SpecFile file, IReadOnlyList<SpecFile> others, OpenApiDocument document, SpecModel model)
        {
            File = file;
            Others = others;
            Document = document;
            Model = model;
            Catalog = SchemaCatalog.For(document);
        }

        public SpecFile File { get; }

        /// <summary>Other files of the folder the document names (references to other files), handed to the generator too.</summary>
        public IReadOnlyList<SpecFile> Others { get; }

        public OpenApiDocument Document { get; }

        public SpecModel Model { get; }

        public SchemaCatalog Catalog { get; }

        /// <summary>Reads the document at <paramref name="path"/>; <paramref name="folderFiles"/> are the files it may refer to.</summary>
        public static ProbeSpec Load(string path, IEnumerable<string> folderFiles)
            => Load(
                SpecFile.FromDisk(path),
                folderFiles
                    .Where(other => !string.Equals(System.IO.Path.GetFullPath(other), System.IO.Path.GetFullPath(path), StringComparison.OrdinalIgnoreCase))
                    .Select(other => SpecFile.FromDisk(other)));

        /// <summary>Reads <paramref name="file"/> (its text need not be on disk); <paramref name="others"/> are the files it may refer to.</summary>
        public static ProbeSpec Load(SpecFile file, IEnumerable<SpecFile> others)
        {
            var described = others
                .Select(other => ReferencedDocuments.Describe(other.Path, other.Text, CancellationToken.None))
                .ToEquatableArray();
            var input = new SpecInput(file.Path, file.Text, null, null, RootNamespace);
            input = input with { Documents = ReferencedDocuments.For(input, described, CancellationToken.None) };

            var text = new SpecText(input.Path, input.Text);
            var diagnostics = new YEScale.Toolkit.Generator.Diagnostics.DiagnosticSink();
            var document = SpecLoader.Load(input, text, diagnostics, CancellationToken.None)
                           ?? throw new InvalidOperationException("The generator could not read " + file.Path + ": " + string.Join("; ", diagnostics.ToEquatableArray().Select(d => d.Id + " " + string.Join(", ", d.Arguments))));
            var model = new ModelBuilder(input, document, text, diagnostics, CancellationToken.None).Build();
            var referenced = input.Documents.Select(d => new SpecFile(d.Path, d.Text, SourceItemType: "None")).ToList();
            return new ProbeSpec(file, referenced, document, model);
        }

        /// <summary>Runs the real generator over the document (and the files it refers to), in memory.</summary>
        public GeneratorResult Generate() => GeneratorHarness.Run(new[] { File }.Concat(Others), RootNamespace);
    }
}
