using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>
    /// The round trip for one document: generate the client with the real generator, compile the harness beside it,
    /// then for every JSON body send random schema-valid JSON through the generated read and write code and compare.
    /// </summary>
    internal static class RoundTripProbe
    {
        public static ProbeResult Run(string path, string displayName, IEnumerable<string> folderFiles, int samplesPerTarget, int baseSeed)
        {
            var clock = Stopwatch.StartNew();
            return Run(ProbeSpec.Load(path, folderFiles), displayName, samplesPerTarget, baseSeed, clock);
        }

        public static ProbeResult Run(ProbeSpec spec, string displayName, int samplesPerTarget, int baseSeed, Stopwatch? clock = null)
        {
            clock ??= Stopwatch.StartNew();
            var targets = ProbeTargets.Find(spec);
            var generated = spec.Generate();
            var failures = generated.RunResult.Results.Where(r => r.Exception != null).Select(r => r.Exception!.ToString()).ToList();
            if (failures.Count > 0)
            {
                throw new InvalidOperationException("The generator threw on " + displayName + ":\n" + string.Join("\n", failures));
            }

            var types = targets.Select(t => t.Type).Distinct().ToList();
            var result = new ProbeResult(displayName, baseSeed)
            {
                Operations = targets.Select(t => t.OperationId).Distinct(StringComparer.Ordinal).Count(),
                Targets = targets.Count,
            };

            using (var harness = HarnessAssembly.Build(generated, spec.Model.Namespace, types, displayName))
            {
                result.CompiledAfter = clock.Elapsed;
                foreach (var target in targets)
                {
                    var roundTrip = harness.RoundTrips[target.Type];
                    for (var i = 0; i < samplesPerTarget; i++)
                    {
                        var seed = Seed(displayName + "|" + target.Name + "|" + i + "|" + baseSeed);
                        ProbeOne(target, roundTrip, spec, seed, result);
                    }
                }
            }

            result.Time = clock.Elapsed;
            return result;
        }

        private static void ProbeOne(ProbeTarget target, Func<byte[], string> roundTrip, ProbeSpec spec, int seed, ProbeResult result)
        {
            var sample = SchemaSampler.Sample(target.Schema, seed, target.Direction, spec.Catalog);
            result.Samples++;
            if (sample.Annotations.Truncated)
            {
                result.Truncated++;
            }

            string returned;
            try
            {
                returned = roundTrip(sample.Json);
            }
            catch (Exception exception)
            {
                // Reading: the path of the token the reader was at (for a union or discriminated base, which read the
                // whole value first, the end of that value). Writing: where the JSON written so far stops.
                var phase = exception.Data[HarnessSource.PhaseKey] as string ?? "read";
                string? value = null;
                var path = phase == "read" && exception.Data[HarnessSource.OffsetKey] is long offset
                    ? JsonPaths.At(sample.Json, offset, out value)
                    : exception.Data[HarnessSource.WrittenKey] is byte[] written ? JsonPaths.After(written) : "$";
                value ??= JsonPaths.ValueOf(sample.Json, path);
                var message = exception.GetType().FullName + " while " + (phase == "read" ? "reading" : "writing") + ": " + exception.Message;
                result.Add(new ProbeDifference(DifferenceKind.Exception, path, value ?? sample.Text, message) { Target = target.Name, Seed = seed });
                return;
            }

            foreach (var difference in JsonComparer.Compare(sample.Text, returned, sample.Annotations))
            {
                result.Add(difference with { Target = target.Name, Seed = seed });
            }
        }

        /// <summary>FNV-1a: a seed that is the same on every run and machine (string.GetHashCode is not).</summary>
        internal static int Seed(string text)
        {
            unchecked
            {
                var hash = 2166136261u;
                foreach (var c in text)
                {
                    hash = (hash ^ c) * 16777619u;
                }

                return (int)(hash & 0x7FFFFFFF);
            }
        }
    }

    /// <summary>What the probe found in one document.</summary>
    internal sealed class ProbeResult
    {
        private static readonly System.Text.RegularExpressions.Regex ByteOffset = new System.Text.RegularExpressions.Regex(@"byte \d+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private readonly List<ProbeDifference> _differences = new List<ProbeDifference>();

        public ProbeResult(string spec, int baseSeed)
        {
            Spec = spec;
            BaseSeed = baseSeed;
        }

        public string Spec { get; }

        public int BaseSeed { get; }

        public int Operations { get; set; }

        public int Targets { get; set; }

        public int Samples { get; set; }

        /// <summary>Samples cut short at the sampler's hard depth limit.</summary>
        public int Truncated { get; set; }

        public TimeSpan CompiledAfter { get; set; }

        public TimeSpan Time { get; set; }

        public IReadOnlyList<ProbeDifference> Differences => _differences;

        public void Add(ProbeDifference difference) => _differences.Add(difference);

        public IEnumerable<(DifferenceKind Kind, int Count)> Counts
            => Enum.GetValues<DifferenceKind>().Select(kind => (kind, _differences.Count(d => d.Kind == kind))).Where(c => c.Item2 > 0);

        /// <summary>The first difference of each kind, operation and path shape (the same bug seen by other samples left out).</summary>
        public IEnumerable<ProbeDifference> Distinct
            => _differences.GroupBy(d => (d.Kind, d.Target, d.Shape, d.Kind == DifferenceKind.Exception ? ByteOffset.Replace(d.Returned ?? string.Empty, "byte N") : null)).Select(g => g.First());

        public string Summary
            => "| " + Spec + " | " + Operations + " operations (" + Targets + " bodies) | " + Samples + " samples | "
               + _differences.Count + " differences" + (_differences.Count == 0 ? string.Empty : " (" + string.Join(", ", Counts.Select(c => c.Kind + " " + c.Count)) + ")")
               + " | " + (Truncated > 0 ? Truncated + " cut short | " : string.Empty)
               + "compiled in " + CompiledAfter.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s, "
               + Time.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s |";

        public string FailureMessage(int max = 20)
        {
            // Round robin over the kinds, so every kind shows among the first few.
            var distinct = Distinct
                .GroupBy(d => d.Kind)
                .SelectMany(group => group.Select((difference, index) => (Difference: difference, Index: index)))
                .OrderBy(entry => entry.Index)
                .ThenBy(entry => entry.Difference.Kind)
                .Select(entry => entry.Difference)
                .ToList();
            var text = new StringBuilder();
            text.AppendLine(Spec + ": " + _differences.Count + " differences in " + Samples + " samples (" + distinct.Count + " distinct by kind, operation and path); by kind: "
                            + string.Join(", ", Counts.Select(c => c.Kind + " " + c.Count)) + ". Seeds derive from YESCALE_PROBE_SEED=" + BaseSeed + ".");
            foreach (var difference in distinct.Take(max))
            {
                text.AppendLine(difference.ToString());
            }

            if (distinct.Count > max)
            {
                text.AppendLine("... and " + (distinct.Count - max) + " more distinct differences.");
            }

            return text.ToString();
        }
    }
}
