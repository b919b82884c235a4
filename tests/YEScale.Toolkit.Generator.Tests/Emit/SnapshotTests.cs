using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Emit
{
    /// <summary>
    /// The code generated for the shipped YEScale spec (and, as a spec nobody here wrote, the OAI petstore),
    /// file by file, against approved snapshots in <c>Snapshots/&lt;case&gt;/</c>.
    /// </summary>
    public class SnapshotTests
    {
        private static readonly Dictionary<string, GeneratorResult> Cases = new()
        {
            // As the package compiles it (public), and a corpus spec as a user's item leaves it (internal, the default).
            ["YEScale"] = GeneratorHarness.Run(SpecFile.FromDisk(Paths.YEScaleSpec, "YEScale", "YEScaleClient", "Public")),
            ["Petstore"] = GeneratorHarness.Run(SpecFile.FromDisk(Path.Combine(Paths.Corpus, "oai", "petstore.yaml"))),
        };

        public static TheoryData<string, string> GeneratedFiles()
        {
            var data = new TheoryData<string, string>();
            foreach (var (name, result) in Cases)
            {
                foreach (var source in result.Sources)
                {
                    data.Add(name, source.HintName);
                }
            }

            return data;
        }

        public static TheoryData<string> CaseNames() => new(Cases.Keys);

        [Theory]
        [MemberData(nameof(GeneratedFiles))]
        public void Generated_file_matches_its_approved_snapshot(string caseName, string hintName)
        {
            Snapshot.Match(caseName, hintName.Replace(".g.cs", string.Empty), Cases[caseName].Source(hintName));
        }

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void Every_approved_snapshot_is_still_generated(string caseName)
        {
            var generated = Cases[caseName].Sources.Select(s => s.HintName.Replace(".g.cs", string.Empty)).ToHashSet();
            var approved = Directory.GetFiles(Path.Combine(Paths.TestsProject, "Snapshots", caseName), "*.verified.cs")
                .Select(path => Path.GetFileName(path).Replace(".verified.cs", string.Empty))
                .ToList();
            Assert.NotEmpty(approved);
            Assert.All(approved, name => Assert.Contains(name, generated));
        }

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void Generated_code_compiles_without_warnings_or_generator_diagnostics(string caseName)
        {
            Assert.Empty(Cases[caseName].Diagnostics);
            Assert.Empty(Cases[caseName].CompilationProblems);
        }
    }
}
