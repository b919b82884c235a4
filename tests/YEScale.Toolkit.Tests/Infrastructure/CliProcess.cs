using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    /// <summary>The `yescale` tool (samples/YEScale.Cli), or another of the samples, run as its own process the way a user runs it.</summary>
    public sealed class CliProcess : IDisposable
    {
        private readonly Process _process;
        private readonly BlockingCollection<string> _lines = new();
        private readonly List<string> _output = new();
        private readonly List<string> _errors = new();

        private CliProcess(Process process)
        {
            _process = process;
        }

        public static string ToolPath
        {
            get
            {
                var configuration = typeof(CliProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
                var path = Path.Combine(SeedPage.Repository, "samples", "YEScale.Cli", "bin", configuration, "net10.0", "yescale.dll");
                return File.Exists(path) ? path : throw new FileNotFoundException("Build samples/YEScale.Cli first.", path);
            }
        }

        public IReadOnlyList<string> Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToList();
                }
            }
        }

        public string Errors
        {
            get
            {
                lock (_errors)
                {
                    return string.Join("\n", _errors);
                }
            }
        }

        public static CliProcess Start(params string[] args) => StartProgram(ToolPath, args);

        /// <summary>Starts another of the repository's programs (a built .dll) the same way, with the same clean environment.</summary>
        public static CliProcess StartProgram(string program, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(program);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            // The tool must not pick up a developer's real key or address from the environment.
            start.Environment.Remove("YESCALE_API_KEY");
            start.Environment.Remove("YESCALE_BASE_URL");
            start.Environment.Remove("YESCALE_JOURNAL");
            start.Environment.Remove("YESCALE_ACCESS_KEY");
            start.Environment.Remove("YESCALE_ACCOUNT_URL");
            var process = new Process { StartInfo = start };
            var cli = new CliProcess(process);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    cli._lines.CompleteAdding();
                    return;
                }

                lock (cli._output)
                {
                    cli._output.Add(e.Data);
                }

                cli._lines.Add(e.Data);
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    lock (cli._errors)
                    {
                        cli._errors.Add(e.Data);
                    }
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return cli;
        }

        /// <summary>Runs the tool to its end and returns its exit code.</summary>
        public static Task<(int ExitCode, IReadOnlyList<string> Output, string Errors)> RunAsync(TimeSpan timeout, params string[] args)
            => RunProgramAsync(ToolPath, timeout, args);

        /// <summary>Runs another of the repository's programs to its end and returns its exit code and output.</summary>
        public static async Task<(int ExitCode, IReadOnlyList<string> Output, string Errors)> RunProgramAsync(string program, TimeSpan timeout, params string[] args)
        {
            using var cli = StartProgram(program, args);
            var code = await cli.WaitForExitAsync(timeout);
            return (code, cli.Output, cli.Errors);
        }

        /// <summary>Waits for an output line matching <paramref name="match"/>, and returns it.</summary>
        public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            foreach (var line in _lines.GetConsumingEnumerable(cancellation.Token))
            {
                if (match(line))
                {
                    return line;
                }
            }

            throw new InvalidOperationException("The tool ended without printing the expected line. Errors: " + Errors);
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cancellation.Token);
            _process.WaitForExit(); // drains the redirected output
            return _process.ExitCode;
        }

        /// <summary>Sends SIGINT, as Ctrl+C in a terminal does (Unix only: Windows has no signal to send to another console).</summary>
        public void Interrupt()
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("Ctrl+C cannot be sent to another process on Windows.");
            }

            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
            kill.WaitForExit();
        }

        /// <summary>Kills the tool as a crash would: no cleanup, no flushing beyond what it already did.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            _lines.Dispose();
        }
    }
}
