using System.Collections.Generic;
using NJsonSchema;
using NSwag;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>
    /// What the sampler needs to know about a document's named schemas: their component names (a discriminator's
    /// implicit tag) and, for a discriminated base, the components that extend it with <c>allOf: [$ref base, ...]</c>.
    /// </summary>
    internal sealed class SchemaCatalog
    {
        private readonly Dictionary<JsonSchema, string> _names = new Dictionary<JsonSchema, string>();
        private readonly Dictionary<JsonSchema, List<JsonSchema>> _derived = new Dictionary<JsonSchema, List<JsonSchema>>();

        public static readonly SchemaCatalog Empty = new SchemaCatalog(new Dictionary<string, JsonSchema>());

        public SchemaCatalog(IDictionary<string, JsonSchema> components)
        {
            foreach (var pair in components)
            {
                var schema = Deref(pair.Value);
                if (!_names.ContainsKey(schema))
                {
                    _names.Add(schema, pair.Key);
                }
            }

            foreach (var pair in components)
            {
                var derived = Deref(pair.Value);
                foreach (var part in derived.AllOf)
                {
                    var target = Deref(part);
                    if (part.Reference is null || target.DiscriminatorObject is null || target == derived)
                    {
                        continue;
                    }

                    if (!_derived.TryGetValue(target, out var list))
                    {
                        _derived[target] = list = new List<JsonSchema>();
                    }

                    if (!list.Contains(derived))
                    {
                        list.Add(derived);
                    }
                }
            }
        }

        public static SchemaCatalog For(OpenApiDocument document) => new SchemaCatalog(document.Definitions);

        /// <summary>Follows <c>$ref</c> to the schema it names (bounded, as the generator's own lookup is).</summary>
        public static JsonSchema Deref(JsonSchema schema)
        {
            var current = schema;
            for (var depth = 0; current.Reference != null && depth < 64; depth++)
            {
                current = current.Reference;
            }

            return current;
        }

        /// <summary>Components that extend the discriminated base <paramref name="baseSchema"/> directly.</summary>
        public IReadOnlyList<JsonSchema> DerivedOf(JsonSchema baseSchema)
            => _derived.TryGetValue(Deref(baseSchema), out var list) ? list : (IReadOnlyList<JsonSchema>)System.Array.Empty<JsonSchema>();

        /// <summary>
        /// The discriminator value that names <paramref name="target"/> under <paramref name="discriminator"/>: the
        /// first mapping key (in the document's order) that points at it, else its component name, else null.
        /// </summary>
        public string? TagFor(OpenApiDiscriminator discriminator, JsonSchema target)
        {
            var actual = Deref(target);
            if (discriminator.Mapping != null)
            {
                foreach (var pair in discriminator.Mapping)
                {
                    if (pair.Value != null && Deref(pair.Value) == actual)
                    {
                        return pair.Key;
                    }
                }
            }

            return _names.TryGetValue(actual, out var name) ? name : null;
        }
    }
}
