using System;
using System.Collections.Generic;
using System.Linq;
using NJsonSchema;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>String and integer enums.</summary>
    internal sealed partial class ModelBuilder
    {
        private TypeModel BuildIntegerEnum(JsonSchema schema, string typeName)
        {
            var memberNames = new HashSet<string>(StringComparer.Ordinal) { typeName };
            var members = new List<EnumMemberModel>();
            var seen = new HashSet<long>();
            var constants = ConstValues(schema);
            var values = constants?.Select(c => (object?)c.Value).ToList() ?? schema.Enumeration.Where(value => value != null).ToList();
            for (var i = 0; i < values.Count; i++)
            {
                var number = AsInteger(values[i]) ?? 0;
                if (!seen.Add(number))
                {
                    continue;
                }

                // A const's title, or x-enumNames (NJsonSchema reads it), gives readable names; otherwise the number itself.
                var label = constants != null ? constants[i].Title : i < schema.EnumerationNames.Count ? schema.EnumerationNames[i] : null;
                var name = Identifiers.ToPascalCase(label, "Value" + number.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace("-", "Minus"));
                if (char.IsDigit(name.TrimStart('_')[0]))
                {
                    name = "Value" + name.TrimStart('_');
                }

                members.Add(new EnumMemberModel(Identifiers.MakeUnique(name, memberNames), number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return new TypeModel(typeName, TypeModelKind.IntegerEnum, DocsOf(schema), schema.IsDeprecated, EquatableArray<PropertyModel>.Empty, members.ToEquatableArray());
        }

        private TypeModel BuildEnum(JsonSchema schema, string typeName)
        {
            var memberNames = new HashSet<string>(StringComparer.Ordinal) { typeName, "Value", "IsKnown", "ToString", "Equals", "GetHashCode", "GetType" };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var members = new List<EnumMemberModel>();
            var constants = ConstValues(schema);
            var values = constants?.Select(c => ((string)c.Value, c.Title)) ?? schema.Enumeration.OfType<string>().Select(v => (v, (string?)null));
            foreach (var (value, title) in values)
            {
                if (seen.Add(value))
                {
                    members.Add(new EnumMemberModel(Identifiers.MakeUnique(Identifiers.ToPascalCase(title ?? value, "Empty"), memberNames), value));
                }
            }

            return new TypeModel(typeName, TypeModelKind.StringEnum, DocsOf(schema), schema.IsDeprecated, EquatableArray<PropertyModel>.Empty, members.ToEquatableArray());
        }
    }
}
