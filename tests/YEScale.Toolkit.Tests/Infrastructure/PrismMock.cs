using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    /// <summary>Runs only where Stoplight Prism is found (see <see cref="PrismMock.Executable"/>); <c>.ci/run</c> installs it when npm is there.</summary>
    public sealed class RequiresPrismFactAttribute : FactAttribute
    {
        public RequiresPrismFactAttribute()
        {
            if (PrismMock.Executable is null)
            {
                Skip = "Stoplight Prism is not installed: npm install --prefix .tools/prism @stoplight/prism-cli@" + PrismMock.Version
                       + " (needs node and npm; .ci/run does it), or set YESCALE_PRISM to a prism executable";
            }
        }
    }

    /// <summary>
    /// <c>prism mock</c> (Stoplight's validating mock server, a program this project did not write) on a free loopback
    /// port, for one OpenAPI document: it checks each request against the document and answers 422 when it breaks it.
    /// </summary>
    public sealed class PrismMock : IAsyncDisposable
    {
        public const string Version = "5.16.0";

        private readonly Process _process;
        private readonly StringBuilder _output;

        private PrismMock(Process process, StringBuilder output, Uri address)
        {
            _process = process;
            _output = output;
            BaseAddress = address;
        }

        /// <summary>
        /// The prism executable: <c>YESCALE_PRISM</c>, else the repository's git-ignored <c>.tools/prism</c> (where
        /// <c>.ci/run</c> installs it), else <c>prism</c> on the PATH; null when none exists or node is missing.
        /// </summary>
        public static string? Executable { get; } = Find();

        public Uri BaseAddress { get; }

        /// <summary>True while the server process runs (a crash on a request ends it).</summary>
        public bool IsRunning => !_process.HasExited;

        /// <summary>Everything prism printed so far (its validation log), for failure messages.</summary>
        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<PrismMock> StartAsync(string specPath)
        {
            var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("Prism is not installed."))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "mock", specPath, "--host", "127.0.0.1", "--port", "0" })
            {
                start.ArgumentList.Add(arg);
            }

            var output = new StringBuilder();
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            DataReceivedEventHandler collect = (_, line) =>
            {
                if (line.Data is null)
                {
                    return;
                }

                lock (output)
                {
                    output.AppendLine(line.Data);
                }

                var match = Regex.Match(line.Data, @"Prism is listening on (http://127\.0\.0\.1:\d+)");
                if (match.Success)
                {
                    listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
                }
            };
            process.OutputDataReceived += collect;
            process.ErrorDataReceived += collect;
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("prism exited before it listened:\n" + output));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
                return new PrismMock(process, output, address);
            }
            catch
            {
                Stop(process);
                throw;
            }
        }

        public ValueTask DisposeAsync()
        {
            Stop(_process);
            return ValueTask.CompletedTask;
        }

        private static void Stop(Process process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // It was never started or has gone already.
            }

            process.Dispose();
        }

        private static string? Find()
        {
            var candidates = new[]
            {
                Environment.GetEnvironmentVariable("YESCALE_PRISM"),
                Path.Combine(SeedPage.Repository, ".tools", "prism", "node_modules", ".bin", "prism"),
            }.Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Where(dir => dir.Length > 0).Select(dir => Path.Combine(dir, "prism")));
            var prism = candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));
            // The npm-installed prism is a node script: without node it cannot start.
            return prism != null && ToolProcess.Run("node", null, TimeSpan.FromSeconds(20), null, "--version").ExitCode == 0 ? prism : null;
        }
    }
}
