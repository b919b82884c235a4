using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NSwag;
using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Spec
{
    /// <summary>
    /// The README's endpoint table against the spec and the client generated from it: every operation has a row, every
    /// row is an operation, and every method a row names is one the generator really emits.
    /// </summary>
    public class ReadmeEndpointTableTests
    {
        private static readonly Regex EndpointCell = new(@"`(GET|POST|PUT|PATCH|DELETE) (/[^`]*)`", RegexOptions.Compiled);
        private static readonly Regex MethodName = new(@"`([A-Z][A-Za-z0-9]*Async)\b", RegexOptions.Compiled);

        [Fact]
        public async Task Every_spec_operation_has_a_README_row_naming_its_operationId_and_generated_methods()
        {
            var document = await OpenApiYamlDocument.FromFileAsync(Paths.YEScaleSpec);
            var rows = ReadmeRows();
            var client = GeneratorHarness.Run(SpecFile.FromDisk(Paths.YEScaleSpec, "YEScale", "YEScaleClient")).Source("YEScale.YEScaleClient.g.cs");
            var problems = new System.Collections.Generic.List<string>();

            foreach (var (path, item) in document.Paths)
            {
                foreach (var (method, operation) in item)
                {
                    var endpoint = method.ToUpperInvariant() + " " + path;
                    var row = rows.FirstOrDefault(r => r.Endpoint == endpoint);
                    if (row.Line is null)
                    {
                        problems.Add(endpoint + ": no README row");
                        continue;
                    }

                    if (!row.Line.Contains("`" + operation.OperationId + "`", StringComparison.Ordinal))
                    {
                        problems.Add(endpoint + ": the row does not name operationId " + operation.OperationId);
                    }

                    // The last cell is the evidence: the YEScale page the spec's x-yescale-doc names, or "unverified".
                    var evidence = row.Line.TrimEnd().TrimEnd('|').Split('|').Last().Trim();
                    var page = SpecLint.DocPage(operation);
                    var expected = page is null ? "unverified" : "YEScale [" + page + "](https://im06lq19wz.apifox.cn/" + page + ")";
                    if (evidence != expected)
                    {
                        problems.Add(endpoint + ": evidence cell '" + evidence + "', expected '" + expected + "'");
                    }

                    var isTask = operation.ExtensionData?.ContainsKey("x-yescale-task") == true
                        || operation.ActualResponses.Any(r => r.Value.Links?.Count > 0);
                    if (isTask && !row.Line.Contains("WaitFor", StringComparison.Ordinal))
                    {
                        problems.Add(endpoint + ": a task endpoint whose row does not say how to wait for it");
                    }
                }
            }

            foreach (var row in rows)
            {
                var (method, path) = (row.Endpoint.Split(' ')[0].ToLowerInvariant(), row.Endpoint.Substring(row.Endpoint.IndexOf(' ') + 1));
                if (!document.Paths.TryGetValue(path, out var item) || !item.ContainsKey(method))
                {
                    problems.Add(row.Endpoint + ": a README row for an endpoint the spec does not have");
                }

                foreach (Match name in MethodName.Matches(row.Line))
                {
                    if (!client.Contains(" " + name.Groups[1].Value + "(", StringComparison.Ordinal))
                    {
                        problems.Add(row.Endpoint + ": names " + name.Groups[1].Value + ", which the generated client does not have");
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            Assert.True(rows.Count >= 30, "The table was not found or lost rows: " + rows.Count);
        }

        /// <summary>Table rows of the README's Endpoints section, each with the endpoint its second cell names.</summary>
        private static System.Collections.Generic.List<(string Endpoint, string Line)> ReadmeRows()
        {
            var lines = File.ReadAllLines(Path.Combine(Paths.Repository, "README.md"));
            var start = Array.IndexOf(lines, "## Endpoints");
            Assert.True(start >= 0, "README.md has no '## Endpoints' section");
            return lines.Skip(start + 1)
                .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
                .Where(line => line.StartsWith("|", StringComparison.Ordinal))
                .Select(line => (Match: EndpointCell.Match(line), Line: line))
                .Where(row => row.Match.Success)
                .Select(row => (row.Match.Groups[1].Value + " " + row.Match.Groups[2].Value, row.Line))
                .ToList();
        }
    }
}
