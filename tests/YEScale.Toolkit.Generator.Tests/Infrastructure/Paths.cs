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

        private static string ThisFile([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
    }
}
