using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.References
{
    /// <summary>
    /// Finds the generated clients this project sees in its references, from each assembly's <c>[assembly: OpenApiClient]</c>.
    /// Only assemblies that reference the toolkit's runtime are looked at, so the scan stays a few attribute reads per build.
    /// </summary>
    internal static class ReferencedClientFinder
    {
        private const string RuntimeAssembly = "YEScale.Toolkit";
        private const string AttributeName = "YEScale.Toolkit.OpenApiClientAttribute";

        public static EquatableArray<ReferencedClient> Find(Compilation compilation, CancellationToken cancellationToken)
        {
            var clients = new List<ReferencedClient>();
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!ReferencesRuntime(assembly))
                {
                    continue;
                }

                foreach (var attribute in assembly.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() != AttributeName
                        || attribute.ConstructorArguments.Length != 2
                        || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol client
                        || attribute.ConstructorArguments[1].Value is not string hash
                        || !compilation.IsSymbolAccessibleWithin(client, compilation.Assembly))
                    {
                        continue;
                    }

                    var @namespace = client.ContainingNamespace.ToDisplayString();
                    var hosting = compilation.GetTypesByMetadataName(@namespace + "." + client.Name + "ServiceCollectionExtensions")
                        .Any(type => compilation.IsSymbolAccessibleWithin(type, compilation.Assembly));
                    clients.Add(new ReferencedClient(@namespace, client.Name, hash, assembly.Identity.Name, hosting));
                }
            }

            return clients.ToEquatableArray();
        }

        private static bool ReferencesRuntime(IAssemblySymbol assembly)
            => assembly.Modules.Any(module => module.ReferencedAssemblies.Any(identity => identity.Name == RuntimeAssembly));
    }
}
