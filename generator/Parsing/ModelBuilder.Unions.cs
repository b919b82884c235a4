using System;
using System.Collections.Generic;
using System.Linq;
using NJsonSchema;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Parsing
{
    /// <summary>oneOf/anyOf to union classes, and what tells their variants apart.</summary>
    internal sealed partial class ModelBuilder
    {
        private TypeModel BuildUnion(JsonSchema schema, string typeName)
        {
            var names = new HashSet<string>(StringComparer.Ordinal) { typeName, "Value", "Kind", "Match", "Switch", "Unknown", "IsUnknown" };
            var variants = new List<UnionVariantModel>();
            var discriminator = schema.DiscriminatorObject;
            var index = 0;
            foreach (var variantSchema in UnionVariants(schema))
            {
                index++;
                var type = Resolve(variantSchema, typeName + "Option" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (variants.Any(v => v.Type == type))
                {
                    continue;
                }

                var target = Dereference(variantSchema);
                string? tag = null;
                if (discriminator != null)
                {
                    tag = discriminator.Mapping?.FirstOrDefault(m => Dereference(m.Value) == target).Key
                          ?? (_componentNames.TryGetValue(target, out var component) ? component : null);
                }

                variants.Add(new UnionVariantModel(Identifiers.MakeUnique(VariantName(type), names), type, tag, EquatableArray<string>.Empty, EquatableArray<string>.Empty));
            }

            return new TypeModel(typeName, TypeModelKind.Union, DocsOf(schema), schema.IsDeprecated, EquatableArray<PropertyModel>.Empty, EquatableArray<EnumMemberModel>.Empty)
            {
                Variants = variants.ToEquatableArray(),
                Discriminator = discriminator?.PropertyName,
            };
        }

        private static string VariantName(TypeRef type) => type.Kind switch
        {
            TypeRefKind.Model or TypeRefKind.Enum or TypeRefKind.IntEnum or TypeRefKind.Union => type.Name!,
            TypeRefKind.Array => VariantName(type.Item!) + "List",
            TypeRefKind.Map => VariantName(type.Item!) + "Map",
            TypeRefKind.Json => "Json",
            TypeRefKind.Bytes => "Bytes",
            TypeRefKind.Scalar => ScalarFormats.Of(type).CSharpType switch
            {
                // The BCL's names, as System.Single is to float: AsSingleList, AsDecimal.
                "float" => "Single",
                "decimal" => "Decimal",
                var name => name.Substring(name.LastIndexOf('.') + 1),
            },
            _ => type.Kind.ToString(),
        };

        /// <summary>Fills in the members of object variants, which tell variants apart when there is no discriminator.</summary>
        private static TypeModel CompleteVariants(TypeModel type, Dictionary<string, TypeModel> built)
        {
            // A list of models is told apart by its items' shape, so it gets the item model's members.
            static TypeRef Shaped(TypeRef type) => type.Kind == TypeRefKind.Array && type.Item!.Kind == TypeRefKind.Model ? type.Item : type;
            EquatableArray<UnionVariantModel> Complete(EquatableArray<UnionVariantModel> variants) => variants
                .Select(variant => Shaped(variant.Type).Kind == TypeRefKind.Model && built.TryGetValue(Shaped(variant.Type).Name!, out var model)
                    ? variant with
                    {
                        RequiredMembers = model.Properties.Where(p => p.Required).Select(p => p.JsonName).ToEquatableArray(),
                        Members = model.Properties.Select(p => p.JsonName).ToEquatableArray(),
                        Constants = model.Properties.Where(p => p.Constant != null).SelectMany(p => new[] { p.JsonName, p.Constant! }).ToEquatableArray(),
                    }
                    : variant)
                .ToEquatableArray();

            return type with { Variants = Complete(type.Variants), Derived = Complete(type.Derived) };
        }
    }
}
