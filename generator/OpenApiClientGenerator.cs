using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using YEScale.Toolkit.Generator.Diagnostics;
using YEScale.Toolkit.Generator.Emit;
using YEScale.Toolkit.Generator.Model;
using YEScale.Toolkit.Generator.Parsing;
using YEScale.Toolkit.Generator.References;

namespace YEScale.Toolkit.Generator
{
    /// <summary>
    /// Generates a typed client for every OpenAPI document the project lists as an <c>OpenApiSpec</c> item.
    /// Pipeline: spec files and their item metadata, then one model per document (parse), then source (emit).
    /// Only small equatable records cross a stage, so an unrelated edit re-runs nothing.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class OpenApiClientGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline's steps, for tests that prove caching.</summary>
        public static class TrackingNames
        {
            public const string SpecInputs = nameof(SpecInputs);
            public const string AdditionalDocuments = nameof(AdditionalDocuments);
            public const string DocumentSet = nameof(DocumentSet);
            public const string SpecModels = nameof(SpecModels);
            public const string LanguageVersion = nameof(LanguageVersion);
            public const string NameClaims = nameof(NameClaims);
            public const string HostingSupport = nameof(HostingSupport);
            public const string NullFlowAttributes = nameof(NullFlowAttributes);
            public const string UnavailableFormats = nameof(UnavailableFormats);
            public const string RequiredMemberAttributes = nameof(RequiredMemberAttributes);
            public const string ReferencedClients = nameof(ReferencedClients);
            public const string AdapterSupport = nameof(AdapterSupport);
        }

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var rootNamespace = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var value) ? value : null);

            // Every JSON or YAML file the project lists, whatever its item type, so a spec's $ref can reach it. Each file
            // is read once and cached on its own; a spec takes only the files it names (see ReferencedDocuments).
            var documentSet = context.AdditionalTextsProvider
                .Where(static file => ReferencedDocuments.IsDocumentPath(file.Path))
                .Select(static (file, cancellationToken) => ReferencedDocuments.Describe(file.Path, file.GetText(cancellationToken)?.ToString() ?? string.Empty, cancellationToken))
                .WithTrackingName(TrackingNames.AdditionalDocuments)
                .Collect()
                .Select(static (documents, _) => documents.ToEquatableArray())
                .WithTrackingName(TrackingNames.DocumentSet);

            var specInputs = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, cancellationToken) => ReadInput(pair.Left, pair.Right, cancellationToken))
                .Where(static input => input is not null)
                .Combine(rootNamespace)
                .Select(static (pair, _) => pair.Left! with { RootNamespace = pair.Right })
                .Combine(documentSet)
                .Select(static (pair, cancellationToken) => pair.Left with { Documents = ReferencedDocuments.For(pair.Left, pair.Right, cancellationToken) })
                .WithTrackingName(TrackingNames.SpecInputs);

            // Formats whose C# type the project lacks (DateOnly before .NET 6) stay strings: decided once, before parsing.
            var unavailableFormats = context.CompilationProvider
                .Select(static (compilation, _) => UnavailableFormats(compilation))
                .WithTrackingName(TrackingNames.UnavailableFormats);

            var specModels = specInputs
                .Combine(unavailableFormats)
                .Select(static (pair, _) => pair.Left with { UnavailableFormats = pair.Right })
                .Select(static (input, cancellationToken) => SpecParser.Parse(input, cancellationToken))
                .WithTrackingName(TrackingNames.SpecModels);

            var languageVersion = context.ParseOptionsProvider
                .Select(static (options, _) => options is CSharpParseOptions csharp ? (int)csharp.LanguageVersion : int.MaxValue)
                .WithTrackingName(TrackingNames.LanguageVersion);

            // Two documents must not generate the same file: Roslyn would fail the whole generator. Only the list of
            // clashes crosses documents, so one document's edit does not re-emit the others.
            var nameClaims = specModels
                .Select(static (spec, _) => (spec.SpecPath, SourceEmitter.HintNames(spec).ToEquatableArray()))
                .Collect()
                .Select(static (specs, _) => NameClaims.From(specs))
                .WithTrackingName(TrackingNames.NameClaims);

            // Add{Client}() for dependency injection only where the project can compile it: a cheap lookup whose
            // true/false result stays equal across edits, so nothing after it re-runs.
            var hostingSupport = context.CompilationProvider
                .Select(static (compilation, _) =>
                    compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions") != null
                    && compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration") != null)
                .WithTrackingName(TrackingNames.HostingSupport);

            // [NotNullIfNotNull] lets a union's implicit conversion pass null through without a nullable warning for
            // non-null values; frameworks before .NET Core 3.0 have no such attribute.
            var nullFlowAttributes = context.CompilationProvider
                .Select(static (compilation, _) => compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.NotNullIfNotNullAttribute") is { } attribute
                    && compilation.IsSymbolAccessibleWithin(attribute, compilation.Assembly))
                .WithTrackingName(TrackingNames.NullFlowAttributes);

            // Clients that referenced assemblies already carry (the package's YEScale client, a library's public client):
            // a document whose client is among them is not generated again. Plain strings, equal across edits.
            var referencedClients = context.CompilationProvider
                .Select(static (compilation, cancellationToken) => ReferencedClientFinder.Find(compilation, cancellationToken))
                .WithTrackingName(TrackingNames.ReferencedClients);

            // C# 11's required members need three attributes from the framework (.NET 7 and later). A library for older
            // frameworks could define them itself, but its users' older compilers could then not create its models.
            var requiredMemberAttributes = context.CompilationProvider
                .Select(static (compilation, _) => Accessible(compilation, "System.Runtime.CompilerServices.RequiredMemberAttribute")
                    && Accessible(compilation, "System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute")
                    && Accessible(compilation, "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute"))
                .WithTrackingName(TrackingNames.RequiredMemberAttributes);

            var build = languageVersion.Combine(hostingSupport).Combine(referencedClients).Combine(nullFlowAttributes).Combine(requiredMemberAttributes)
                .Select(static (facts, _) => new BuildFacts(facts.Left.Left.Left.Left, facts.Left.Left.Left.Right, facts.Left.Left.Right)
                {
                    NullFlowAttributes = facts.Left.Right,
                    RequiredMembers = facts.Right && facts.Left.Left.Left.Left >= (int)LanguageVersion.CSharp11,
                });

            context.RegisterSourceOutput(
                specModels.Combine(nameClaims).Combine(build),
                static (context, input) => Emit(context, input.Left.Left, input.Left.Right, input.Right));

            // Add{Client}() for a referenced client that has none this project can see, internal to this project.
            context.RegisterSourceOutput(build, static (context, facts) => EmitReferencedHosting(context, facts));

            // The Microsoft.Extensions.AI adapters, once per project, where the project sees the abstractions and the
            // runtime's contracts and no reference already gives it the adapters (InternalsVisibleTo would make two).
            var adapterSupport = context.CompilationProvider
                .Select(static (compilation, _) => Accessible(compilation, "Microsoft.Extensions.AI.IChatClient")
                    && Accessible(compilation, "Microsoft.Extensions.AI.IEmbeddingGenerator`2")
                    && Accessible(compilation, "YEScale.Toolkit.Contracts.IWireContractClient")
                    && !Accessible(compilation, AdapterEmitter.MarkerType))
                .Combine(languageVersion)
                .Select(static (pair, _) => pair.Left && pair.Right >= (int)LanguageVersion.CSharp9)
                .WithTrackingName(TrackingNames.AdapterSupport);
            context.RegisterSourceOutput(adapterSupport, static (context, supported) =>
            {
                if (supported)
                {
                    foreach (var (hintName, source) in AdapterEmitter.Emit())
                    {
                        context.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
                    }
                }
            });
        }

        private static bool Accessible(Compilation compilation, string metadataName)
            => compilation.GetTypeByMetadataName(metadataName) is { } type && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly);

        private static EquatableArray<string> UnavailableFormats(Compilation compilation)
        {
            var missing = new List<string>();
            foreach (var row in ScalarFormats.All)
            {
                if (row.RequiresType is { } typeName
                    && (compilation.GetTypeByMetadataName(typeName) is not { } type
                        || (row.RequiresMember is { } member && type.GetMembers(member).IsEmpty)))
                {
                    missing.Add(row.Format);
                }
            }

            return missing.ToEquatableArray();
        }

        /// <summary>What the project's compilation and parse options say, combined once for every document.</summary>
        private sealed record BuildFacts(int LanguageVersion, bool Hosting, EquatableArray<ReferencedClient> ReferencedClients)
        {
            /// <summary>True when the project can use <c>[NotNullIfNotNull]</c>.</summary>
            public bool NullFlowAttributes { get; init; }

            /// <summary>True when the project can write C# 11's <c>required</c> members.</summary>
            public bool RequiredMembers { get; init; }
        }

        private static SpecInput? ReadInput(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
        {
            var options = optionsProvider.GetOptions(file);
            if (!options.TryGetValue("build_metadata.AdditionalFiles.SourceItemType", out var itemType)
                || !string.Equals(itemType, "OpenApiSpec", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
            return new SpecInput(
                file.Path,
                text,
                NonEmpty(options, "build_metadata.AdditionalFiles.OpenApiNamespace"),
                NonEmpty(options, "build_metadata.AdditionalFiles.OpenApiClientName"),
                null)
            {
                Accessibility = NonEmpty(options, "build_metadata.AdditionalFiles.OpenApiAccessibility"),
            };
        }

        private static string? NonEmpty(AnalyzerConfigOptions options, string key)
            => options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        private static void Emit(SourceProductionContext context, SpecModel spec, NameClaims claims, BuildFacts build)
        {
            foreach (var diagnostic in spec.Diagnostics)
            {
                context.ReportDiagnostic(ToDiagnostic(diagnostic));
            }

            if (spec.IsEmpty && spec.Diagnostics.Count > 0)
            {
                return;
            }

            if (build.LanguageVersion < (int)LanguageVersion.CSharp8)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticCatalog.LanguageVersionTooLow,
                    Location.None,
                    ((LanguageVersion)build.LanguageVersion).ToDisplayString()));
                return;
            }

            if (FindReferenced(build, spec.Namespace + "." + spec.ClientName) is { } referenced)
            {
                // Generating it again would make every type exist twice; the referenced one is the solution's type.
                var sameDocument = referenced.DocumentSha256 == spec.DocumentSha256;
                context.ReportDiagnostic(Diagnostic.Create(
                    sameDocument ? DiagnosticCatalog.ClientFromReference : DiagnosticCatalog.ClientClashesWithReference,
                    Location.Create(spec.SpecPath, default, default),
                    referenced.FullName,
                    referenced.Assembly));
                return;
            }

            try
            {
                foreach (var (hintName, source) in SourceEmitter.Emit(spec, build.Hosting, build.NullFlowAttributes, build.RequiredMembers))
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    if (claims.IsClaimedByAnother(hintName, spec.SpecPath))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalog.DuplicateGeneratedName, Location.Create(spec.SpecPath, default, default), hintName));
                        continue;
                    }

                    context.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
                }
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception exception)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticCatalog.GeneratorFailure,
                    Location.Create(spec.SpecPath, default, default),
                    exception.GetType().Name,
                    SpecParser.OneLine(exception.Message)));
            }
        }

        private static ReferencedClient? FindReferenced(BuildFacts build, string fullName)
        {
            foreach (var client in build.ReferencedClients)
            {
                if (client.FullName == fullName)
                {
                    return client;
                }
            }

            return null;
        }

        private static void EmitReferencedHosting(SourceProductionContext context, BuildFacts build)
        {
            if (!build.Hosting || build.LanguageVersion < (int)LanguageVersion.CSharp8)
            {
                return;
            }

            var emitted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var client in build.ReferencedClients)
            {
                if (!client.HasHosting && emitted.Add(client.FullName))
                {
                    context.AddSource(
                        HostingEmitter.HintName(client.Namespace, client.Name),
                        SourceText.From(HostingEmitter.Emit(client.Namespace, client.Name, "internal"), System.Text.Encoding.UTF8));
                }
            }
        }

        private static Diagnostic ToDiagnostic(DiagnosticInfo info)
        {
            var location = info.Location is { } at
                ? Location.Create(at.Path, new TextSpan(at.Start, at.Length), new LinePositionSpan(new LinePosition(at.StartLine, at.StartColumn), new LinePosition(at.EndLine, at.EndColumn)))
                : Location.None;
            var arguments = new List<object>();
            foreach (var argument in info.Arguments)
            {
                arguments.Add(argument);
            }

            return Diagnostic.Create(DiagnosticCatalog.Get(info.Id), location, arguments.ToArray());
        }
    }
}
