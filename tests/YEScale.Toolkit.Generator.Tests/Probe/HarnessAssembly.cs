using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YEScale.Toolkit.Generator.Model;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>
    /// The generated code and the harness compiled together, emitted to memory and loaded into a collectible
    /// <see cref="AssemblyLoadContext"/>; each type's read-and-write-back method as a delegate. Dispose unloads it.
    /// </summary>
    internal sealed class HarnessAssembly : IDisposable
    {
        private AssemblyLoadContext? _context;

        private HarnessAssembly(AssemblyLoadContext context, Dictionary<TypeRef, Func<byte[], string>> roundTrips)
        {
            _context = context;
            RoundTrips = roundTrips;
        }

        /// <summary>Reads a whole JSON value as the type and returns it written back.</summary>
        public IReadOnlyDictionary<TypeRef, Func<byte[], string>> RoundTrips { get; }

        /// <summary>Compiles <paramref name="generated"/>'s compilation with a harness for <paramref name="types"/>; throws with the compiler's errors.</summary>
        public static HarnessAssembly Build(GeneratorResult generated, string @namespace, IReadOnlyList<TypeRef> types, string name)
        {
            var source = HarnessSource.Build(@namespace, types);
            var compilation = generated.Compilation
                .AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: "RoundTripProbeHarness.cs"))
                .WithAssemblyName("RoundTripProbe_" + Guid.NewGuid().ToString("N"));
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            if (!emitted.Success)
            {
                var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString());
                throw new InvalidOperationException("The generated code and the probe harness do not compile:\n" + string.Join("\n", errors));
            }

            image.Position = 0;
            var context = new AssemblyLoadContext("round-trip probe " + name, isCollectible: true);
            var assembly = context.LoadFromStream(image);
            var harness = assembly.GetType(@namespace + "." + HarnessSource.ClassName, throwOnError: true)!;
            var roundTrips = new Dictionary<TypeRef, Func<byte[], string>>();
            for (var i = 0; i < types.Count; i++)
            {
                var method = harness.GetMethod(HarnessSource.MethodName(i))!;
                roundTrips[types[i]] = method.CreateDelegate<Func<byte[], string>>();
            }

            return new HarnessAssembly(context, roundTrips);
        }

        public void Dispose()
        {
            _context?.Unload();
            _context = null;
        }
    }
}
