using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace YEScale.Toolkit.Benchmarks.Infrastructure
{
    /// <summary>Where the repository, the shared corpus and the seed page are, wherever the program is started from.</summary>
    internal static class BenchPaths
    {
        public static string Repository { get; } = FindRepository();

        public static string BenchmarksProject { get; } = Path.Combine(Repository, "tests", "Benchmarks");

        public static string YEScaleSpec { get; } = Path.Combine(Repository, "spec", "yescale.openapi.yaml");

        /// <summary>Real-world specs beside the repository, read in place (never copied in).</summary>
        public static string Corpus { get; } = Path.GetFullPath(Path.Combine(Repository, "..", "shared", "corpus"));

        public static string SeedPage { get; } = Path.GetFullPath(Path.Combine(Repository, "..", "shared", "seed", "000_a19745ccb0478c2a.txt"));

        /// <summary>Build output that must never be committed (the NSwag client's source, for reading).</summary>
        public static string Scratch { get; } = Path.Combine(BenchmarksProject, "obj", "nswag");

        private static string FindRepository([CallerFilePath] string thisFile = "")
        {
            // From the binary upwards first (the usual case), then from where this file was compiled.
            foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile) ?? string.Empty })
            {
                for (var directory = new DirectoryInfo(start); directory != null; directory = directory.Parent)
                {
                    if (File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
                    {
                        return directory.FullName;
                    }
                }
            }

            throw new InvalidOperationException("Cannot find the repository (Toolkit.sln) above " + AppContext.BaseDirectory);
        }
    }
}
