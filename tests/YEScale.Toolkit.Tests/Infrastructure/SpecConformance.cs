using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NJsonSchema;
using NSwag;
using Xunit;
using YEScale.Simulator.Spec;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    /// <summary>
    /// Judges exchanges against spec/yescale.openapi.yaml with a validator this project did not write (NJsonSchema, as
    /// NSwag reads the document): the path and method must be an operation, the answer's status one it declares, and
    /// every JSON request and answer body must validate against its schema.
    /// </summary>
    public static class SpecConformance
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IReadOnlyList<Route>>> Documents = new();

        /// <summary>
        /// Fails with every violation, one per line, when any exchange breaks the spec (<paramref name="spec"/>: a file
        /// name in spec/, by default the YEScale document).
        /// </summary>
        public static void AssertConforms(IEnumerable<Exchange> exchanges, string spec = "yescale.openapi.yaml")
        {
            var all = exchanges.ToList();
            Assert.NotEmpty(all);
            var routes = Documents.GetOrAdd(spec, name => new Lazy<IReadOnlyList<Route>>(() => Load(name))).Value;
            var violations = all.SelectMany(e => Violations(e, routes)).ToList();
            Assert.True(violations.Count == 0, "Exchanges that break spec/" + spec + ":\n" + string.Join("\n", violations));
        }

        private static IEnumerable<string> Violations(Exchange exchange, IReadOnlyList<Route> routes)
        {
            var path = exchange.PathAndQuery.Split('?')[0];
            var route = routes
                .Where(r => r.Method.Equals(exchange.Method, StringComparison.OrdinalIgnoreCase) && r.Pattern.IsMatch(path))
                .OrderBy(r => r.Parameters)
                .FirstOrDefault();
            if (route is null)
            {
                // Result downloads go to the links the answers gave (storage, not the API).
                if (!path.StartsWith("/files/", StringComparison.Ordinal))
                {
                    yield return exchange + ": no operation in the spec";
                }

                yield break;
            }

            var operation = route.Operation;
            if (exchange.RequestBody != null)
            {
                var schema = operation.RequestBody?.Content.TryGetValue("application/json", out var media) == true ? media.Schema : null;
                foreach (var problem in Validate(schema, exchange.RequestBody, "request body"))
                {
                    yield return exchange + " (" + operation.OperationId + "): " + problem;
                }
            }

            var key = exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.ActualResponses.TryGetValue(key, out var response) && !operation.ActualResponses.TryGetValue("default", out response))
            {
                yield return exchange + " (" + operation.OperationId + "): status " + key + " is not a declared response";
                yield break;
            }

            if (exchange.ResponseBody != null)
            {
                var schema = response.ActualResponse.Content.TryGetValue("application/json", out var media) ? media.Schema : null;
                foreach (var problem in Validate(schema, exchange.ResponseBody, "answer"))
                {
                    yield return exchange + " (" + operation.OperationId + "): " + problem;
                }
            }
        }

        private static IEnumerable<string> Validate(JsonSchema? schema, string json, string what)
        {
            if (schema is null)
            {
                yield return "a JSON " + what + " where the spec declares no JSON schema";
                yield break;
            }

            foreach (var error in schema.ActualSchema.Validate(json, SchemaType.OpenApi3))
            {
                yield return what + ": " + Regex.Replace(error.ToString(), @"\s+", " ").Trim();
            }
        }

        private sealed record Route(string Method, Regex Pattern, int Parameters, OpenApiOperation Operation);

        private static IReadOnlyList<Route> Load(string spec)
        {
            // The YAML read with typed scalars (as the simulator reads it), then handed to NSwag as JSON.
            var specPath = Path.Combine(SeedPage.Repository, "spec", spec);
            var json = OpenApiDocumentReader.Parse(File.ReadAllText(specPath), specPath).ToJsonString();
            var document = NSwag.OpenApiDocument.FromJsonAsync(json, specPath).GetAwaiter().GetResult();
            var routes = new List<Route>();
            foreach (var (template, item) in document.Paths)
            {
                var parameters = Regex.Matches(template, @"\{[^}]+\}").Count;
                var pattern = new Regex("^" + string.Concat(Regex.Split(template, @"(\{[^}]+\})").Select(part => part.StartsWith('{') ? "[^/]+" : Regex.Escape(part))) + "$");
                foreach (var (method, operation) in item)
                {
                    routes.Add(new Route(method, pattern, parameters, operation));
                }
            }

            return routes;
        }
    }
}
