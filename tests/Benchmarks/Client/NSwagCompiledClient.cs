using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YEScale.Toolkit.Benchmarks.Generation;
using YEScale.Toolkit.Benchmarks.Infrastructure;

namespace YEScale.Toolkit.Benchmarks.Client
{
    /// <summary>
    /// NSwag's client for spec/yescale.openapi.yaml (System.Text.Json flavour), generated when the run starts and
    /// compiled in this process with Roslyn (optimized) into an assembly that is loaded and called through a delegate
    /// bound once, so the per-call cost is an ordinary virtual call. The source is written under obj/ for reading; it is
    /// never part of the build or the repository.
    /// </summary>
    internal static class NSwagCompiledClient
    {
        public const string Namespace = "NSwagGenerated";
        public const string ClassName = "NSwagYEScaleClient";

        private static readonly Lazy<Assembly> Compiled = new(Build);

        /// <summary>Where the generated source was written.</summary>
        public static string SourcePath => Path.Combine(BenchPaths.Scratch, ClassName + ".cs");

        /// <summary>A client on <paramref name="http"/>, as its GetSeedanceGenerationAsync(task_id, cancellationToken).</summary>
        public static Func<string, CancellationToken, Task> Create(HttpClient http, Uri baseAddress)
        {
            var type = Compiled.Value.GetType(Namespace + "." + ClassName, throwOnError: true)!;
            var client = Activator.CreateInstance(type, http)!;
            type.GetProperty("BaseUrl")!.SetValue(client, baseAddress.ToString());
            var method = type.GetMethod("GetSeedanceGenerationAsync", new[] { typeof(string), typeof(CancellationToken) })
                ?? throw new MissingMethodException(ClassName, "GetSeedanceGenerationAsync");
            return method.CreateDelegate<Func<string, CancellationToken, Task>>(client);
        }

        /// <summary>Reads a member of the NSwag model a call returned (for the one-time check, not while timing).</summary>
        public static object? Member(object model, params string[] path)
        {
            var value = model;
            foreach (var name in path)
            {
                value = value?.GetType().GetProperty(name)?.GetValue(value);
            }

            return value;
        }

        private static Assembly Build()
        {
            var spec = BenchSpec.Get("yescale");
            var source = NSwagBaseline.Generate(NSwagBaseline.Parse(spec), NSwagBaseline.Settings(ClassName, Namespace));
            Directory.CreateDirectory(BenchPaths.Scratch);
            File.WriteAllText(SourcePath, source);

            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator)
                .Where(path => Path.GetFileName(path) is { } name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll"))
                .Select(path => MetadataReference.CreateFromFile(path));
            var compilation = CSharpCompilation.Create(
                ClassName,
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: SourcePath) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Disable));
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            if (!emitted.Success)
            {
                var errors = string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10));
                throw new InvalidOperationException("NSwag's client did not compile:" + Environment.NewLine + errors);
            }

            return Assembly.Load(image.ToArray());
        }
    }
}
