using System.IO;
using System.Runtime.CompilerServices;

namespace YEScale.Toolkit.Generator.Tests.Infrastructure
{
    /// <summary>Where the repository's files are, found from this source file so tests run from any directory.</summary>
    internal static class Paths
    {
        public static string TestsProject { get; } = Path.GetDirectoryName(ThisFile())!;

        public static string Repository { get; } = Path.GetFullPath(Path.Combine(TestsProject, "..", ".."));

        public static string YEScaleSpec { get; } = Path.Combine(Repository, "spec", "yescale.openapi.yaml");

        /// <summary>The shared corpus of real-world specs beside the repository (<c>../shared/corpus</c>).</summary>
        public static string Corpus { get; } = Path.GetFullPath(Path.Combine(Repository, "..", "shared", "corpus"));

        /// <summary>
        /// Specs outside the corpus, from the folder named by <c>YESCALE_PROBE_SPECS</c> (none when it is unset): the same
        /// checks run on documents of the same kinds that nobody chose for the corpus.
        /// </summary>
        public static System.Collections.Generic.IReadOnlyList<string> ExtraSpecs { get; } =
            System.Environment.GetEnvironmentVariable("YESCALE_PROBE_SPECS") is { Length: > 0 } folder && Directory.Exists(folder)
                ? System.Linq.Enumerable.ToList(System.Linq.Enumerable.OrderBy(
                    System.Linq.Enumerable.Where(Directory.GetFiles(folder, "*.*", SearchOption.AllDirectories), f => f.EndsWith(".json") || f.EndsWith(".yaml") || f.EndsWith(".yml")),
                    f => f, System.StringComparer.Ordinal))
                : new System.Collections.Generic.List<string>();

        private static string ThisFile([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
    }
}
