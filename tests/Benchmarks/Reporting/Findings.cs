using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace YEScale.Toolkit.Benchmarks.Reporting
{
    /// <summary>
    /// Facts the benchmarks establish while setting up (what was generated, what was checked), kept for the report at
    /// the end. The benchmarks run in this process, so these are visible when the run is over.
    /// </summary>
    internal static class Findings
    {
        private static readonly ConcurrentDictionary<string, string> Notes = new(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<string, bool> WarmChecks = new(StringComparer.Ordinal);

        public static List<Polling.PollingResult> Polling { get; } = new();

        public static List<Generation.CodeCostResult> CodeCost { get; } = new();

        public static void Note(string key, string text) => Notes[key] = text;

        public static void SetWarmCacheCheck(string spec, bool allCached) => WarmChecks[spec] = allCached;

        public static bool? WarmCacheCheck(string spec) => WarmChecks.TryGetValue(spec, out var value) ? value : null;

        public static IEnumerable<string> AllNotes => Notes.OrderBy(note => note.Key, StringComparer.Ordinal).Select(note => note.Value);
    }
}
