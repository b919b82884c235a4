using System.Collections.Generic;
using YEScale.Toolkit.Generator.Model;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>All the files generated for one document, with stable hint names.</summary>
    internal static class SourceEmitter
    {
        public static string ClientHintName(SpecModel spec) => spec.Namespace + "." + spec.ClientName + ".g.cs";

        public static string GroupHintName(SpecModel spec, ClientGroupModel group) => spec.Namespace + "." + group.TypeName + ".g.cs";

        public static string TypeHintName(SpecModel spec, TypeModel type) => spec.Namespace + "." + type.Name + ".g.cs";

        public static IEnumerable<string> HintNames(SpecModel spec)
        {
            yield return ClientHintName(spec);
            foreach (var group in spec.Groups)
            {
                yield return GroupHintName(spec, group);
            }

            yield return HostingEmitter.HintName(spec.Namespace, spec.ClientName);
            foreach (var type in spec.Types)
            {
                yield return TypeHintName(spec, type);
            }
        }

        public static IEnumerable<(string HintName, string Source)> Emit(SpecModel spec, bool hosting = false, bool nullFlowAttributes = false, bool requiredMembers = false)
        {
            yield return (ClientHintName(spec), ClientEmitter.Emit(spec));
            foreach (var group in spec.Groups)
            {
                yield return (GroupHintName(spec, group), ClientEmitter.EmitGroup(spec, group));
            }

            if (hosting)
            {
                yield return (HostingEmitter.HintName(spec.Namespace, spec.ClientName), HostingEmitter.Emit(spec.Namespace, spec.ClientName, spec.Accessibility));
            }

            foreach (var type in spec.Types)
            {
                yield return (TypeHintName(spec, type), ModelEmitter.Emit(spec.Namespace, spec.Accessibility, type, nullFlowAttributes, requiredMembers));
            }
        }
    }
}
