using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Packaging
{
    /// <summary>Packs YEScale.Toolkit once into a temporary feed, under a version no cache has seen.</summary>
    public sealed class PackedToolkit : IDisposable
    {
        public PackedToolkit()
        {
            Root = Path.Combine(Path.GetTempPath(), "yescale-package-" + Guid.NewGuid().ToString("N"));
            Feed = Path.Combine(Root, "feed");
            Directory.CreateDirectory(Feed);
            // A fresh version each run: the package can only come from this feed, never from an earlier build in the cache.
            // The random part starts with a letter: an all-digit identifier with a leading zero ("08680173") is not SemVer.
            Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + ".r" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var configuration = typeof(PackedToolkit).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var runtime = Path.Combine(SeedPage.Repository, "runtime", "YEScale.Toolkit.csproj");
            var (code, output) = Dotnet.Run(SeedPage.Repository, TimeSpan.FromMinutes(5), "pack", runtime, "--no-build", "-c", configuration, "-o", Feed, "-p:Version=" + Version);
            if (code != 0)
            {
                throw new InvalidOperationException("dotnet pack failed:\n" + output);
            }

            Package = Path.Combine(Feed, "YEScale.Toolkit." + Version + ".nupkg");
        }

        public string Root { get; }

        public string Feed { get; }

        public string Version { get; }

        public string Package { get; }

        /// <summary>A new console project that references the package from the feed, with <paramref name="items"/> in its project file.</summary>
        public string CreateConsumer(string name, string items, string program)
        {
            var directory = Path.Combine(Root, name);
            Directory.CreateDirectory(directory);
            WriteNuGetConfig(directory, Feed);
            File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="YEScale.Toolkit" Version="{Version}" />
                  </ItemGroup>
                  <ItemGroup>
                {items}
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
            return directory;
        }

        /// <summary>A nuget.config that adds the test feed to the machine's sources.</summary>
        public static void WriteNuGetConfig(string directory, string feed) => File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="toolkit-under-test" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        /// <summary>A folder for several projects, restored into a package cache that starts empty (shared by the layouts of one run).</summary>
        public SolutionLayout CreateSolution(string name) => new SolutionLayout(Path.Combine(Root, name), Feed, Path.Combine(Root, "packages"));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the temp folder is cleaned by the system later.
            }
        }
    }

    /// <summary>The package as a user gets it: a fresh project adds it, builds warning-free, and runs against the simulator.</summary>
    [Collection(ProcessHeavyCollection.Name)]
    public class PackageConsumerTests : IClassFixture<PackedToolkit>
    {
        private const string Key = "sk-package-test-0123456789";
        private readonly PackedToolkit _package;

        public PackageConsumerTests(PackedToolkit package) => _package = package;

        [Fact]
        public void The_package_carries_the_runtime_the_generator_with_its_dependencies_the_build_files_and_the_spec()
        {
            using var archive = System.IO.Compression.ZipFile.OpenRead(_package.Package);
            var entries = archive.Entries.Select(e => e.FullName).ToHashSet();

            Assert.Contains("lib/netstandard2.0/YEScale.Toolkit.dll", entries);
            Assert.Contains("lib/net8.0/YEScale.Toolkit.dll", entries);
            foreach (var dll in new[] { "YEScale.Toolkit.Generator", "NSwag.Core", "NSwag.Core.Yaml", "NJsonSchema", "NJsonSchema.Yaml", "NJsonSchema.Annotations", "Namotion.Reflection", "Newtonsoft.Json", "YamlDotNet" })
            {
                Assert.Contains("analyzers/dotnet/cs/" + dll + ".dll", entries);
            }

            Assert.Contains("build/YEScale.Toolkit.props", entries);
            Assert.Contains("build/YEScale.Toolkit.targets", entries);
            Assert.Contains("buildTransitive/YEScale.Toolkit.targets", entries);
            Assert.Contains("spec/yescale.openapi.yaml", entries);
            Assert.Contains("README.md", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_fresh_project_gets_the_YEScale_client_by_default_and_it_works_against_the_simulator()
        {
            var directory = _package.CreateConsumer("DefaultConsumer", string.Empty, """
                using YEScale;
                using YEScale.Toolkit;
                using var http = new HttpClient();
                var client = new YEScaleClient(http, new ApiClientOptions { BaseAddress = new Uri(args[0]), ApiKey = args[1], TaskWait = new() { Interval = TimeSpan.FromMilliseconds(50), BackoffFactor = 1 } });
                var task = await (await client.Seedance.CreateGenerationAsync(new SeedanceGenerationCreate
                {
                    Model = "doubao-seedance-1-0-pro-250528",
                    Content = [new SeedanceContentItem { Type = SeedanceContentType.Text, Text = "a test from the package" }],
                })).WaitAsync();
                Console.WriteLine($"{task.Id} {task.Status} {task.Content?.VideoUrl}");
                """);
            await using var simulator = new YEScaleSimulator(new SimulatorOptions { ApiKey = Key, QueuedFor = TimeSpan.FromMilliseconds(100), RunningFor = TimeSpan.FromMilliseconds(100) });
            var address = await simulator.StartAsync();

            var (buildCode, buildOutput) = Dotnet.Run(directory, TimeSpan.FromMinutes(5), "build", "-warnaserror");
            Assert.True(buildCode == 0, buildOutput);
            Assert.DoesNotContain("warning", buildOutput.Split('\n').Where(line => !line.Contains("0 Warning", StringComparison.OrdinalIgnoreCase)), StringComparer.OrdinalIgnoreCase);
            var (runCode, runOutput) = Dotnet.Run(directory, TimeSpan.FromMinutes(2), "run", "--no-build", "--", address.ToString(), Key);

            Assert.True(runCode == 0, runOutput);
            Assert.Matches(@"cgt-\S+ succeeded http://127\.0\.0\.1:\d+/files/cgt-\S+\.mp4", runOutput);
        }

        [Fact]
        public void A_project_with_its_own_spec_gets_both_clients_and_can_turn_the_default_off()
        {
            var corpusSpec = Path.GetFullPath(Path.Combine(SeedPage.Repository, "..", "shared", "corpus", "oai", "petstore.yaml"));
            var directory = _package.CreateConsumer("TwoSpecs", $"""<OpenApiSpec Include="{corpusSpec}" Namespace="Pets" />""", """
                var yescale = new YEScale.YEScaleClient(new HttpClient());
                var pets = new Pets.SwaggerPetstoreClient(new HttpClient());
                Console.WriteLine(yescale.GetType().FullName + " " + pets.GetType().FullName);
                """);

            var (buildCode, buildOutput) = Dotnet.Run(directory, TimeSpan.FromMinutes(5), "build", "-warnaserror");
            Assert.True(buildCode == 0, buildOutput);
            var (runCode, runOutput) = Dotnet.Run(directory, TimeSpan.FromMinutes(2), "run", "--no-build");
            Assert.True(runCode == 0, runOutput);
            Assert.Contains("YEScale.YEScaleClient Pets.SwaggerPetstoreClient", runOutput);

            // With the default turned off, only the project's own client exists.
            var (offCode, offOutput) = Dotnet.Run(directory, TimeSpan.FromMinutes(5), "build", "-warnaserror", "-p:YEScaleIncludeDefaultSpec=false");
            Assert.NotEqual(0, offCode);
            Assert.Matches("CS0246|CS0234", offOutput); // YEScale.YEScaleClient no longer exists
        }
    }

    /// <summary>Runs the dotnet CLI and collects its output.</summary>
    internal static class Dotnet
    {
        public static (int ExitCode, string Output) Run(string directory, TimeSpan timeout, params string[] args)
            => Run(directory, timeout, environment: null, args);

        /// <summary>Runs dotnet with <paramref name="environment"/> set over the test host's own.</summary>
        public static (int ExitCode, string Output) Run(string directory, TimeSpan timeout, System.Collections.Generic.IReadOnlyDictionary<string, string>? environment, params string[] args)
        {
            var all = new System.Collections.Generic.Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
            foreach (var (name, value) in environment ?? new System.Collections.Generic.Dictionary<string, string>())
            {
                all[name] = value;
            }

            return ToolProcess.Run("dotnet", directory, timeout, all, args);
        }
    }
}
