using System.Text.Json;

namespace YEScale.Toolkit.Json
{
    /// <summary>
    /// What every generated union (oneOf/anyOf) has, held once here: the one value it holds, which variant that is, and
    /// the JSON of a value that fits none of the variants (kept, and written back as it came).
    /// </summary>
    public abstract class ApiUnion
    {
        /// <summary>For the generated constructors: the value and its variant's number (0 for a value that fits none).</summary>
        protected ApiUnion(object? value, int kind)
        {
            Value = value!;
            Kind = kind;
        }

        /// <summary>The held value, whatever its variant (a <see cref="JsonElement"/> when it fits none).</summary>
        public object Value { get; }

        /// <summary>Which variant is held, numbered from 1 in the document's order; 0 when the value fits none.</summary>
        protected int Kind { get; }

        /// <summary>True when the value fits none of the variants; see <see cref="Unknown"/>.</summary>
        public bool IsUnknown => Kind == 0;

        /// <summary>The JSON of a value that fits none of the variants, else null.</summary>
        public JsonElement? Unknown => Kind == 0 ? (JsonElement)Value : null;

        /// <inheritdoc />
        public override string ToString() => Value?.ToString() ?? string.Empty;
    }
}
