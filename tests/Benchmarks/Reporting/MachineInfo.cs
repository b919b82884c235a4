using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace YEScale.Toolkit.Benchmarks.Reporting
{
    /// <summary>The machine line printed at the top of a run, for the record in docs/performance.md.</summary>
    internal static class MachineInfo
    {
        public static string Describe()
            => $"{DateTime.Now:yyyy-MM-dd HH:mm}; {Cpu()}; {Environment.ProcessorCount} logical cores; {RuntimeInformation.FrameworkDescription}; {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}; GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}";

        private static string Cpu()
        {
            try
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line.Substring(line.IndexOf(':') + 1).Trim();
            }
            catch (IOException)
            {
                return RuntimeInformation.ProcessArchitecture.ToString();
            }
            catch (UnauthorizedAccessException)
            {
                return RuntimeInformation.ProcessArchitecture.ToString();
            }
        }
    }
}
