using System;
using System.IO;
using System.Text;

namespace YEScale.Toolkit.Benchmarks.Infrastructure
{
    /// <summary>The Seedance fetch answer shown on YEScale's documentation page (the JSON after its "Example" heading).</summary>
    internal static class SeedExample
    {
        public const string TaskId = "cgt-20250702113430-gvkhb";

        private static readonly Lazy<byte[]> Bytes = new(() => Encoding.UTF8.GetBytes(Read()));

        /// <summary>The example as UTF-8, exactly as the page shows it (line breaks included).</summary>
        public static byte[] Utf8 => Bytes.Value;

        private static string Read()
        {
            var page = File.ReadAllText(BenchPaths.SeedPage);
            var heading = page.IndexOf("\nExample\n", StringComparison.Ordinal);
            if (heading < 0)
            {
                throw new InvalidOperationException("The seed page has no 'Example' heading: " + BenchPaths.SeedPage);
            }

            var start = page.IndexOf('{', heading);
            var end = page.LastIndexOf('}');
            return page.Substring(start, end - start + 1);
        }
    }
}
