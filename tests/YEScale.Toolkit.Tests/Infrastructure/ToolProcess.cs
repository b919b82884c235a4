using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    /// <summary>Runs a command-line tool to its end and collects what it printed.</summary>
    internal static class ToolProcess
    {
        /// <summary>Runs <paramref name="tool"/> in <paramref name="directory"/> (null: here), <paramref name="environment"/> set over the test host's own; a tool that is not installed gives -1.</summary>
        public static (int ExitCode, string Output) Run(string tool, string? directory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (directory != null)
            {
                start.WorkingDirectory = directory;
            }

            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return (-1, tool + " is not installed");
            }

            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit((int)timeout.TotalMilliseconds))
                {
                    process.Kill(entireProcessTree: true);
                    return (-1, "timed out\n" + output.Result + error.Result);
                }

                return (process.ExitCode, output.Result + error.Result);
            }
        }
    }
}
