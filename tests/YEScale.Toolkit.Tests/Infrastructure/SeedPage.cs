using System.IO;
using System.Runtime.CompilerServices;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    /// <summary>The YEScale documentation page the project started from (<c>../shared/seed/</c>) and its example response.</summary>
    public static class SeedPage
    {
        public static string Repository { get; } = Path.GetFullPath(Path.Combine(ThisDirectory(), "..", "..", ".."));

        public static string PagePath { get; } = Path.GetFullPath(Path.Combine(Repository, "..", "shared", "seed", "000_a19745ccb0478c2a.txt"));

        /// <summary>The JSON after the page's "Example" heading, exactly as the page shows it.</summary>
        public static string ExampleJson()
        {
            var page = File.ReadAllText(PagePath);
            var start = page.IndexOf('{', page.IndexOf("\nExample\n", System.StringComparison.Ordinal));
            var end = page.LastIndexOf('}');
            return page.Substring(start, end - start + 1);
        }

        private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
    }
}
