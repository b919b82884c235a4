using System;
using System.IO;
using System.Text;
using Xunit.Sdk;

namespace YEScale.Toolkit.Generator.Tests.Infrastructure
{
    /// <summary>
    /// Approved-file snapshots: the expected text lives in <c>*.verified.cs</c> beside the tests. A mismatch writes
    /// <c>*.received.cs</c> and fails with a diff; setting <c>YESCALE_ACCEPT_SNAPSHOTS=1</c> accepts the new text instead.
    /// </summary>
    internal static class Snapshot
    {
        public const string AcceptVariable = "YESCALE_ACCEPT_SNAPSHOTS";

        public static void Match(string directory, string name, string actual)
        {
            var folder = Path.Combine(Paths.TestsProject, "Snapshots", directory);
            var verified = Path.Combine(folder, name + ".verified.cs");
            var received = Path.Combine(folder, name + ".received.cs");
            actual = Normalize(actual);

            if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(verified, actual);
                File.Delete(received);
                return;
            }

            var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
            if (expected == actual)
            {
                File.Delete(received);
                return;
            }

            Directory.CreateDirectory(folder);
            File.WriteAllText(received, actual);
            var message = expected is null
                ? $"No approved snapshot {verified}. Review {received} and run with {AcceptVariable}=1 to accept it."
                : $"Generated code differs from {verified} (see {received}); run with {AcceptVariable}=1 to accept.\n{Diff(expected, actual)}";
            throw new XunitException(message);
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n");

        /// <summary>The first differing lines with a little context: enough to see what changed.</summary>
        internal static string Diff(string expected, string actual)
        {
            var left = expected.Split('\n');
            var right = actual.Split('\n');
            var first = 0;
            while (first < left.Length && first < right.Length && left[first] == right[first])
            {
                first++;
            }

            var builder = new StringBuilder();
            builder.AppendLine($"First difference at line {first + 1}:");
            for (var i = Math.Max(0, first - 2); i < Math.Min(Math.Max(left.Length, right.Length), first + 8); i++)
            {
                var l = i < left.Length ? left[i] : null;
                var r = i < right.Length ? right[i] : null;
                if (l == r)
                {
                    builder.AppendLine("  " + l);
                    continue;
                }

                if (l != null)
                {
                    builder.AppendLine("- " + l);
                }

                if (r != null)
                {
                    builder.AppendLine("+ " + r);
                }
            }

            return builder.ToString();
        }
    }
}
