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
        /// <summary>A method the row names, on the client or on a sub-client: <c>`Kling.CreateImageAsync`</c>, <c>`Kling.ImageTask(id)`</c>.</summary>
        private static readonly Regex MethodName = new(@"`(?:([A-Z][A-Za-z0-9]*)\.)?([A-Z][A-Za-z0-9]*(?:Async|Task))\b", RegexOptions.Compiled);

        /// <summary>Each shipped document and the README table that lists it: the model API's, then the account API's (its own subsection).</summary>
        [Theory]
        [InlineData("yescale.openapi.yaml", "YEScale", "YEScaleClient", 30)]
        [InlineData("yescale-account.openapi.yaml", "YEScale.Account", "YEScaleAccountClient", 4)]
        public async Task Every_spec_operation_has_a_README_row_naming_its_operationId_and_generated_methods(string spec, string @namespace, string clientName, int minimumRows)
        {
            var specPath = Path.Combine(Paths.Repository, "spec", spec);
            var document = await OpenApiYamlDocument.FromFileAsync(specPath);
            var rows = ReadmeRows(account: spec.Contains("account", StringComparison.Ordinal));
            var generated = GeneratorHarness.Run(SpecFile.FromDisk(specPath, @namespace, clientName));
            string? SourceOf(string? group)
                => generated.Sources.FirstOrDefault(s => s.HintName == @namespace + "." + (group is null ? clientName : group + "Client") + ".g.cs").SourceText?.ToString();
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
                    var group = name.Groups[1].Success ? name.Groups[1].Value : null;
                    var source = SourceOf(group);
                    if (source is null || !source.Contains(" " + name.Groups[2].Value + "(", StringComparison.Ordinal))
                    {
                        problems.Add(row.Endpoint + ": names " + name.Value.Trim('`') + ", which the generated client does not have");
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            Assert.True(rows.Count >= minimumRows, "The table was not found or lost rows: " + rows.Count);
        }

        /// <summary>
        /// Table rows of the README's Endpoints section (the account API's subsection, or all before it), each with the
        /// endpoint its cells name.
        /// </summary>
        private static System.Collections.Generic.List<(string Endpoint, string Line)> ReadmeRows(bool account)
        {
            const string AccountHeading = "### The account API";
            var lines = File.ReadAllLines(Path.Combine(Paths.Repository, "README.md"));
            var start = Array.IndexOf(lines, account ? AccountHeading : "## Endpoints");
            Assert.True(start >= 0, "README.md has no '" + (account ? AccountHeading : "## Endpoints") + "' section");
            return lines.Skip(start + 1)
                .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal) && line != AccountHeading)
                .Where(line => line.StartsWith("|", StringComparison.Ordinal))
                .Select(line => (Match: EndpointCell.Match(line), Line: line))
                .Where(row => row.Match.Success)
                .Select(row => (row.Match.Groups[1].Value + " " + row.Match.Groups[2].Value, row.Line))
                .ToList();
        }
    }
}
