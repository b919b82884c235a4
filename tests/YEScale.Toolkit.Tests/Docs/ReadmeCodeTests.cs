using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace YEScale.Toolkit.Tests.Docs
{
    /// <summary>
    /// Every C# block of the README compiles against the generated YEScale client and the runtime these tests use, so
    /// the examples a user copies are the surface that ships.
    /// </summary>
    public class ReadmeCodeTests
    {
        /// <summary>What a reader's file has around a snippet: the usings the README's types come from.</summary>
        private static readonly string[] Usings =
        {
            "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
            "Microsoft.Extensions.DependencyInjection", "YEScale", "YEScale.Account", "YEScale.Toolkit", "YEScale.Toolkit.Polling", "YEScale.Toolkit.Seedance",
        };

        /// <summary>
        /// Names the README's prose gives a snippet (a client made earlier, a request, a token), as a reader's code
        /// around it would have them; a block gets each it uses and does not declare itself.
        /// </summary>
        private static readonly (string Type, string Name)[] Ambient =
        {
            ("IServiceCollection", "services"),
            ("Uri", "baseAddress"),
            ("HttpClient", "http"),
            ("YEScale.YEScaleClient", "client"),
            ("YEScale.ChatCompletionRequest", "request"),
            ("string", "traceId"),
            ("string", "accessKey"),
            ("CancellationToken", "cancellationToken"),
        };

        [Fact]
        public void Every_csharp_block_in_the_README_compiles_against_the_generated_client()
        {
            var blocks = Blocks(File.ReadAllLines(Path.Combine(Repository(), "README.md")));
            Assert.True(blocks.Count >= 3, "The README lost its C# blocks: " + blocks.Count);

            // Each block is a file of its own, with the usual usings and its own: a reader's file holds one snippet, and
            // two snippets' usings (Microsoft.Extensions.AI's ChatRole beside YEScale's) must not meet.
            var trees = new List<SyntaxTree>();
            foreach (var (line, code) in blocks)
            {
                var usings = new SortedSet<string>(Usings.Select(u => "using " + u + ";"), StringComparer.Ordinal);
                var bodies = new StringBuilder();

                // A block's own using directives go to the top of the file; the rest is the body of a method of its own,
                // with the names the README's prose gives it (a host builder's services, an address).
                var lines = code.Split('\n');
                foreach (var directive in lines.Where(l => l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("using var", StringComparison.Ordinal)))
                {
                    usings.Add(directive.Split(new[] { "//" }, StringSplitOptions.None)[0].Trim());
                }

                bodies.AppendLine("    // README.md line " + line);
                var ambient = Ambient.Where(a => Regex.IsMatch(code, @"\b" + a.Name + @"\b") && !Regex.IsMatch(code, @"(?:\bvar|\b[A-Za-z_][\w.<>]*)\s+" + a.Name + @"\s*=")).ToList();
                var uses = code.Contains("builder.", StringComparison.Ordinal);
                if (uses && !ambient.Any(a => a.Name == "services"))
                {
                    ambient.Insert(0, Ambient[0]);
                }

                bodies.AppendLine("    public static async Task Block(" + string.Join(", ", ambient.Select(a => a.Type + " " + a.Name)) + ")");
                bodies.AppendLine("    {");
                if (uses)
                {
                    bodies.AppendLine("        var builder = new { Services = services };");
                }

                bodies.AppendLine("#line " + (line + 1) + " \"README.md\"");
                foreach (var text in lines.Where(l => !(l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("using var", StringComparison.Ordinal))))
                {
                    bodies.AppendLine(text);
                }

                bodies.AppendLine("#line default");
                bodies.AppendLine("        await Task.CompletedTask;");
                bodies.AppendLine("    }");

                var source = new StringBuilder();
                source.AppendLine(string.Join("\n", usings));
                source.AppendLine("#pragma warning disable CS0168, CS0219, CS1998");
                source.AppendLine("public static class ReadmeBlock" + line);
                source.AppendLine("{");
                source.Append(bodies);
                source.AppendLine("}");
                trees.Add(CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.CSharp12)));
            }

            var compilation = CSharpCompilation.Create(
                "ReadmeBlocks",
                trees,
                References(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        }

        /// <summary>The README's <c>```csharp</c> blocks, each with the line its fence opens on.</summary>
        private static List<(int Line, string Code)> Blocks(string[] lines)
        {
            var blocks = new List<(int, string)>();
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```csharp")
                {
                    continue;
                }

                var start = i + 1;
                var end = Array.FindIndex(lines, start, l => l.Trim() == "```");
                Assert.True(end > 0, "An unclosed C# block at README.md line " + (i + 1));
                blocks.Add((i + 1, string.Join("\n", lines.Skip(start).Take(end - start))));
                i = end;
            }

            return blocks;
        }

        /// <summary>The framework, and every assembly this test process has loaded or can find beside it (the client, the runtime, the extensions).</summary>
        private static IEnumerable<MetadataReference> References()
        {
            var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            var beside = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
            return trusted.Concat(beside)
                .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.First())
                .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase))
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        }

        private static string Repository()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("The repository root (Toolkit.sln) was not found above " + AppContext.BaseDirectory);
        }
    }
}
