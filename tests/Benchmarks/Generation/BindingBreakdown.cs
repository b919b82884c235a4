using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace YEScale.Toolkit.Benchmarks.Generation
{
    /// <summary>
    /// Where the compiler's binding time goes in one side's generated code, by kind of type (model, converter, enum,
    /// union, client): the declarations are bound first, then each top-level type's members and bodies through its
    /// semantic model, one span at a time. A span costs a fixed fraction of a millisecond on top of its own work, so the
    /// figures rank the kinds and compare the two generators; they do not add up to the whole compilation's time.
    /// </summary>
    internal static class BindingBreakdown
    {
        public static void Print(string side, CSharpCompilation compilation, int rounds)
        {
            var totals = new Dictionary<string, (double Ms, int Count)>();
            for (var round = 0; round < rounds; round++)
            {
                // A fresh compilation each round: binding is cached per compilation.
                var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees);
                fresh.GetDeclarationDiagnostics();
                foreach (var tree in fresh.SyntaxTrees)
                {
                    var model = fresh.GetSemanticModel(tree);
                    foreach (var type in tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Where(t => t.Parent is not BaseTypeDeclarationSyntax))
                    {
                        var watch = Stopwatch.StartNew();
                        model.GetDiagnostics(type.Span);
                        var kind = KindOf(type);
                        totals.TryGetValue(kind, out var total);
                        totals[kind] = (total.Ms + watch.Elapsed.TotalMilliseconds, total.Count + 1);
                    }
                }
            }

            foreach (var (kind, (ms, count)) in totals.OrderByDescending(entry => entry.Value.Ms))
            {
                Console.WriteLine($"//   {side,-8} {kind,-22} {count / rounds,6} types {ms / rounds,9:F1} ms  {ms / count * 1000,7:F0} us each");
            }
        }

        private static string KindOf(BaseTypeDeclarationSyntax type)
        {
            var bases = type.BaseList?.ToString() ?? string.Empty;
            return type switch
            {
                EnumDeclarationSyntax => "enum",
                StructDeclarationSyntax => "enum struct",
                _ when type.Identifier.Text.EndsWith("JsonConverter", StringComparison.Ordinal) =>
                    bases.Contains("ApiObjectConverter") ? "model converter" : bases.Contains("EnumConverter") ? "enum converter" : "other converter",
                _ when bases.Contains("ApiUnion") => "union",
                _ when type.Identifier.Text.EndsWith("Client", StringComparison.Ordinal) => "client",
                _ when type.Identifier.Text.EndsWith("Exception", StringComparison.Ordinal) => "exception",
                _ => "model or other class",
            };
        }
    }
}
