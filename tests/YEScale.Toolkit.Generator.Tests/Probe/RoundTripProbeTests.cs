using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>
    /// Issue 13, item 8: every JSON answer and request body of every corpus document (and of the documents in the
    /// folder <c>YESCALE_PROBE_SPECS</c> names, when set) is sent as random schema-valid JSON through the generated
    /// client's read and write code, and must come back as the same JSON.
    /// </summary>
    public class RoundTripProbeTests
    {
        /// <summary>A folder of extra documents (*.json, *.yaml) to probe besides the corpus.</summary>
        public const string SpecsVariable = "YESCALE_PROBE_SPECS";

        /// <summary>Changes every sample (default 1), to look further than CI does.</summary>
        public const string SeedVariable = "YESCALE_PROBE_SEED";

        /// <summary>A folder to write every distinct difference of each document to (one file per document), when set.</summary>
        public const string ReportVariable = "YESCALE_PROBE_REPORT";

        /// <summary>Samples per JSON body.</summary>
        private const int Samples = 3;

        private readonly ITestOutputHelper _output;

        public RoundTripProbeTests(ITestOutputHelper output) => _output = output;

        /// <summary>The corpus, as <see cref="Corpus.CorpusTests.AllCorpusSpecs"/> lists it (relative), then the extra folder's files (absolute).</summary>
        public static TheoryData<string> ProbeSpecs()
        {
            var data = new TheoryData<string>();
            foreach (var spec in Corpus.CorpusTests.AllCorpusSpecs())
            {
                data.Add(spec);
            }

            foreach (var file in ExtraSpecs())
            {
                data.Add(file);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(ProbeSpecs))]
        public void Every_json_body_comes_back_unchanged_from_a_read_and_write_round_trip(string spec)
        {
            var external = Path.IsPathRooted(spec);
            var path = external ? spec : Path.Combine(Paths.Corpus, spec);
            var folder = external ? ExtraSpecs() : new List<string>();
            var result = RoundTripProbe.Run(path, external ? Path.GetFileName(path) : spec, folder, Samples, BaseSeed());

            Report(result);
            Assert.True(result.Differences.Count == 0, result.FailureMessage());
        }

        /// <summary>
        /// The shapes behind the known data-altering bugs, in two small documents (see <see cref="KnownShapes"/>):
        /// explicit nulls of nullable value types, nulls dropped on write, a string-or-object union answered with a
        /// string, typed strings, maps and lists with null values. More samples than the corpus gets, as they are cheap.
        /// </summary>
        [Theory]
        [InlineData("3.0")]
        [InlineData("3.1")]
        public void The_known_data_altering_shapes_come_back_unchanged(string version)
        {
            var spec = ProbeSpec.Load(KnownShapes.Named(version), Array.Empty<SpecFile>());
            var result = RoundTripProbe.Run(spec, "known shapes " + version, 25, BaseSeed());

            Report(result);
            Assert.True(result.Samples >= 25, "nothing was probed");
            Assert.True(result.Differences.Count == 0, result.FailureMessage());
        }

        private void Report(ProbeResult result)
        {
            var folder = Environment.GetEnvironmentVariable(ReportVariable);
            if (!string.IsNullOrWhiteSpace(folder))
            {
                Directory.CreateDirectory(folder);
                var name = string.Concat(result.Spec.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_')) + ".txt";
                File.WriteAllText(Path.Combine(folder, name), result.Summary + "\n" + result.FailureMessage(int.MaxValue));
            }

            _output.WriteLine(result.Summary);
            foreach (var group in result.Distinct.GroupBy(d => d.Kind))
            {
                foreach (var difference in group.Take(3))
                {
                    _output.WriteLine(difference.ToString());
                }
            }
        }

        internal static int BaseSeed()
            => int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 1;

        private static List<string> ExtraSpecs()
        {
            var folder = Environment.GetEnvironmentVariable(SpecsVariable);
            if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
            {
                return new List<string>();
            }

            return Directory.GetFiles(Path.GetFullPath(folder), "*.*", SearchOption.TopDirectoryOnly)
                .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }
    }
}
