using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Packaging
{
    /// <summary>
    /// The packed package in the solution layouts users have: a library and the app that uses it, a library and its
    /// test project, two libraries and an app, an app with its own newer copy of the YEScale spec. Each builds with
    /// warnings as errors from an empty package cache, hands a YEScaleClient and a model across a project boundary,
    /// and makes a call against the simulator on 127.0.0.1.
    /// </summary>
    [Collection(ProcessHeavyCollection.Name)]
    public class SolutionLayoutTests : IClassFixture<PackedToolkit>
    {
        private const string Key = "sk-layout-test-0123456789";
        private readonly PackedToolkit _package;

        public SolutionLayoutTests(PackedToolkit package) => _package = package;

        /// <summary>Makes the client and a request; the types in its public API are the package's.</summary>
        private const string GatewayLibrary = """
            using YEScale;
            using YEScale.Toolkit;

            namespace Gateway;

            public static class Clients
            {
                public static YEScaleClient Make(HttpClient http, Uri address, string key) => new(http, new ApiClientOptions
                {
                    BaseAddress = address,
                    ApiKey = key,
                    TaskWait = new() { Interval = TimeSpan.FromMilliseconds(50), BackoffFactor = 1 },
                });

                public static SeedanceGenerationCreate Request(string prompt) => new()
                {
                    Model = "doubao-seedance-1-0-pro-250528",
                    Content = [new SeedanceContentItem { Type = SeedanceContentType.Text, Text = prompt }],
                };
            }
            """;

        /// <summary>Takes a client and a model made elsewhere.</summary>
        private const string RendererLibrary = """
            using YEScale;

            namespace Rendering;

            public static class Renderer
            {
                public static async Task<SeedanceGeneration> RenderAsync(YEScaleClient client, SeedanceGenerationCreate request)
                    => await (await client.Seedance.CreateGenerationAsync(request)).WaitAsync();
            }
            """;

        [Fact]
        public async Task A_library_exposes_the_client_and_an_app_that_references_only_the_library_uses_it()
        {
            var solution = _package.CreateSolution("LibraryAndApp");
            solution.Project("Gateway", Library(), ("Clients.cs", GatewayLibrary));
            solution.Project("App", App(references: ["Gateway"], packageReference: false), ("Program.cs", """
                using YEScale;
                YEScaleClient client = Gateway.Clients.Make(new HttpClient(), new Uri(args[0]), args[1]);
                SeedanceGenerationCreate request = Gateway.Clients.Request("a library and its app");
                SeedanceGeneration task = await (await client.Seedance.CreateGenerationAsync(request)).WaitAsync();
                Console.WriteLine($"{task.Id} {task.Status}");
                """));

            await BuildAndRunAsync(solution, "App");
        }

        [Fact]
        public async Task A_test_project_that_references_the_library_and_the_package_tests_through_the_library_client()
        {
            var solution = _package.CreateSolution("LibraryAndTests");
            solution.Project("Gateway", Library(), ("Clients.cs", GatewayLibrary));
            solution.Project("Gateway.Tests", TestProject(references: ["Gateway"]), ("ClientTests.cs", """
                using YEScale;
                using Xunit;

                public class ClientTests
                {
                    [Fact]
                    public async Task The_library_client_waits_for_a_task()
                    {
                        var address = new Uri(Environment.GetEnvironmentVariable("LAYOUT_SIMULATOR")!);
                        YEScaleClient client = Gateway.Clients.Make(new HttpClient(), address, Environment.GetEnvironmentVariable("LAYOUT_KEY")!);
                        SeedanceGeneration task = await (await client.Seedance.CreateGenerationAsync(Gateway.Clients.Request("a library and its tests"))).WaitAsync();
                        Assert.Equal(SeedanceTaskStatus.Succeeded, task.Status);
                    }
                }
                """));

            await using var simulator = StartSimulator();
            var address = await simulator.StartAsync();
            solution.Build();

            var (code, output) = solution.Dotnet(TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["LAYOUT_SIMULATOR"] = address.ToString(), ["LAYOUT_KEY"] = Key }, "test", "Gateway.Tests", "--no-build");

            Assert.True(code == 0, output);
            Assert.Contains("Passed!", output);
        }

        [Fact]
        public async Task Two_libraries_share_one_client_type_in_the_app_that_references_both()
        {
            var solution = _package.CreateSolution("TwoLibraries");
            solution.Project("Gateway", Library(), ("Clients.cs", GatewayLibrary));
            solution.Project("Rendering", Library(), ("Renderer.cs", RendererLibrary));
            solution.Project("App", App(references: ["Gateway", "Rendering"], packageReference: false), ("Program.cs", """
                var client = Gateway.Clients.Make(new HttpClient(), new Uri(args[0]), args[1]);
                var task = await Rendering.Renderer.RenderAsync(client, Gateway.Clients.Request("two libraries, one client"));
                Console.WriteLine($"{task.Id} {task.Status}");
                """));

            await BuildAndRunAsync(solution, "App");
        }

        [Fact]
        public async Task An_app_with_its_own_newer_copy_of_the_spec_generates_the_client_from_it_instead_of_the_packaged_one()
        {
            var solution = _package.CreateSolution("NewerSpec");
            // A newer YEScale document: one member more than the packaged client knows.
            var spec = File.ReadAllText(Path.Combine(SeedPage.Repository, "spec", "yescale.openapi.yaml"));
            const string Anchor = "        return_last_frame:\n";
            Assert.Contains(Anchor, spec);
            var newer = spec.Replace(Anchor, "        service_tier:\n          type: string\n          description: A member only the newer document has.\n" + Anchor, StringComparison.Ordinal);
            solution.File("App/yescale.openapi.yaml", newer);
            solution.Project("App", App(references: [], packageReference: true, properties: "<YEScaleDefaultSpec>yescale.openapi.yaml</YEScaleDefaultSpec>"), ("Program.cs", """
                using YEScale;
                using YEScale.Toolkit;
                var client = new YEScaleClient(new HttpClient(), new ApiClientOptions { BaseAddress = new Uri(args[0]), ApiKey = args[1], TaskWait = new() { Interval = TimeSpan.FromMilliseconds(50), BackoffFactor = 1 } });
                var request = new SeedanceGenerationCreate
                {
                    Model = "doubao-seedance-1-0-pro-250528",
                    Content = [new SeedanceContentItem { Type = SeedanceContentType.Text, Text = "from a newer spec" }],
                    ServiceTier = "flex",
                };
                var task = await (await client.Seedance.CreateGenerationAsync(request)).WaitAsync();
                Console.WriteLine($"{task.Id} {task.Status} {typeof(YEScaleClient).Assembly.GetName().Name}");
                """));

            var output = await BuildAndRunAsync(solution, "App");

            // The client is the app's own, generated from its copy; the packaged assembly is neither referenced nor copied.
            Assert.Contains("succeeded App", output);
            Assert.False(File.Exists(Path.Combine(solution.Root, "App", "bin", "Debug", "net10.0", "YEScale.Client.dll")));
        }

        private static YEScaleSimulator StartSimulator()
            => new(new SimulatorOptions { ApiKey = Key, QueuedFor = TimeSpan.FromMilliseconds(100), RunningFor = TimeSpan.FromMilliseconds(100) });

        private static async Task<string> BuildAndRunAsync(SolutionLayout solution, string app)
        {
            await using var simulator = StartSimulator();
            var address = await simulator.StartAsync();
            solution.Build();

            var (code, output) = solution.Dotnet(TimeSpan.FromMinutes(2), null, "run", "--no-build", "--project", app, "--", address.ToString(), Key);

            Assert.True(code == 0, output);
            Assert.Matches(@"cgt-\S+ succeeded", output);
            return output;
        }

        private string Library() => $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="YEScale.Toolkit" Version="{_package.Version}" />
              </ItemGroup>
            </Project>
            """;

        private string App(string[] references, bool packageReference, string properties = "") => $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {(packageReference ? $"<PackageReference Include=\"YEScale.Toolkit\" Version=\"{_package.Version}\" />" : string.Empty)}
                {string.Concat(references.Select(r => $"<ProjectReference Include=\"../{r}/{r}.csproj\" />"))}
              </ItemGroup>
            </Project>
            """;

        /// <summary>A test project as `dotnet new xunit` makes one, that also references the package itself, as many do.</summary>
        private string TestProject(string[] references) => $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <IsPackable>false</IsPackable>
                <IsTestProject>true</IsTestProject>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                <PackageReference Include="YEScale.Toolkit" Version="{_package.Version}" />
                {string.Concat(references.Select(r => $"<ProjectReference Include=\"../{r}/{r}.csproj\" />"))}
              </ItemGroup>
            </Project>
            """;
    }

    /// <summary>A folder of projects beside each other, restored from the test feed into a package cache of its own.</summary>
    public sealed class SolutionLayout
    {
        private readonly List<string> _projects = new();
        private readonly Dictionary<string, string> _environment;

        public SolutionLayout(string root, string feed, string packageCache)
        {
            Root = root;
            Directory.CreateDirectory(root);
            _environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packageCache };
            PackedToolkit.WriteNuGetConfig(root, feed);
        }

        public string Root { get; }

        public void File(string relativePath, string text)
        {
            var path = Path.Combine(Root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllText(path, text);
        }

        public void Project(string name, string projectFile, params (string Name, string Text)[] sources)
        {
            File(Path.Combine(name, name + ".csproj"), projectFile);
            foreach (var (file, text) in sources)
            {
                File(Path.Combine(name, file), text);
            }

            _projects.Add(name);
        }

        /// <summary>Builds every project, as `dotnet build` of a solution would, warnings as errors; fails the test with the output.</summary>
        public void Build()
        {
            var (newCode, newOutput) = Dotnet(TimeSpan.FromMinutes(1), null, "new", "sln", "--name", "Layout", "--format", "sln");
            Assert.True(newCode == 0, newOutput);
            var (addCode, addOutput) = Dotnet(TimeSpan.FromMinutes(1), null, new[] { "sln", "Layout.sln", "add" }.Concat(_projects.Select(p => Path.Combine(p, p + ".csproj"))).ToArray());
            Assert.True(addCode == 0, addOutput);

            var (code, output) = Dotnet(TimeSpan.FromMinutes(8), null, "build", "Layout.sln", "-warnaserror");

            Assert.True(code == 0, output);
            // No CS0436 or any other warning slipped through as a message.
            Assert.DoesNotContain(output.Split('\n'), line => line.Contains("warning", StringComparison.OrdinalIgnoreCase) && !line.Contains("0 Warning", StringComparison.OrdinalIgnoreCase));
        }

        public (int ExitCode, string Output) Dotnet(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
        {
            var all = new Dictionary<string, string>(_environment);
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                all[name] = value;
            }

            return Packaging.Dotnet.Run(Root, timeout, all, args);
        }
    }
}
