using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace YEScale.Simulator.Http
{
    /// <summary>
    /// Spec path templates as ASP.NET route templates. Templates such as <c>/mj/task/{id}/fetch</c> or
    /// <c>/v1/models/{model}:generate</c> work as they are; parameters are renamed <c>p0</c>, <c>p1</c>... because a spec's
    /// names may hold characters routing reserves.
    /// </summary>
    internal static partial class RouteTemplates
    {
        /// <summary>The route template, and the route value key of each spec parameter name.</summary>
        public static (string Template, IReadOnlyDictionary<string, string> Keys) From(string specPath)
        {
            var keys = new Dictionary<string, string>(System.StringComparer.Ordinal);
            var template = Parameter().Replace(specPath, match =>
            {
                var name = match.Groups[1].Value;
                if (!keys.TryGetValue(name, out var key))
                {
                    key = "p" + keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    keys[name] = key;
                }

                return "{" + key + "}";
            });
            return (template, keys);
        }

        [GeneratedRegex(@"\{([^{}]+)\}", RegexOptions.CultureInvariant)]
        private static partial Regex Parameter();
    }
}
