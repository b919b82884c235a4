using System;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Samples
{
    /// <summary>samples/YEScale.Samples run as its own process, offline, the way the README tells a user to run it.</summary>
    [Collection(ProcessHeavyCollection.Name)]
    public class SamplesProgramTests
    {
        [Fact]
        public async Task Every_family_sample_runs_to_the_end_against_the_simulator()
        {
            var (exitCode, output, errors) = await RunAsync("all");

            Assert.True(exitCode == 0, $"Exit code {exitCode}. Errors: {errors}\nOutput:\n{output}");
            Assert.Contains("No YESCALE_API_KEY: using the offline simulator", output);
            Assert.Contains("Answer: ", output);       // chat, whole
            Assert.Contains("Streamed: ", output);     // chat, streamed
            Assert.Contains("gpt-image-1: ", output);  // image, synchronous
            Assert.Contains("Midjourney: ", output);   // image task
            Assert.Matches(@"Saved .*kling-.*\.mp4 \([1-9][0-9]* bytes\)", output);  // video task
            Assert.Matches(@"Saved .*suno-.*\.mp3 \([1-9][0-9]* bytes\)", output);   // music task
        }

        [Fact]
        public async Task An_unknown_sample_name_is_refused_with_the_list_of_names()
        {
            var (exitCode, _, errors) = await RunAsync("sculpture");

            Assert.Equal(2, exitCode);
            Assert.Contains("Use chat, image, video, music or all.", errors);
        }

        private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string sample)
        {
            var configuration = typeof(SamplesProgramTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var program = Path.Combine(SeedPage.Repository, "samples", "YEScale.Samples", "bin", configuration, "net10.0", "YEScale.Samples.dll");
            Assert.True(File.Exists(program), "Build samples/YEScale.Samples first: " + program);

            // Without YESCALE_API_KEY (the runner removes it), the samples use their own offline simulator.
            var (exitCode, output, errors) = await CliProcess.RunProgramAsync(program, TimeSpan.FromSeconds(60), sample);
            return (exitCode, string.Join("\n", output), errors);
        }
    }
}
