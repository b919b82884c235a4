using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace YEScale.Toolkit.Generator.Model
{
    /// <summary>A generated file name claimed by more than one document, and the document that keeps it.</summary>
    internal sealed record DuplicateName(string HintName, string OwnerPath);

    /// <summary>
    /// The file names that more than one listed document would generate. Usually empty, so it stays equal from run to
    /// run and the per-document outputs stay cached.
    /// </summary>
    internal sealed record NameClaims(EquatableArray<DuplicateName> Duplicates)
    {
        public static NameClaims From(ImmutableArray<(string SpecPath, EquatableArray<string> HintNames)> specs)
        {
            var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var duplicates = new List<DuplicateName>();
            foreach (var spec in specs.OrderBy(spec => spec.SpecPath, StringComparer.Ordinal))
            {
                foreach (var hintName in spec.HintNames)
                {
                    if (owners.TryGetValue(hintName, out var owner))
                    {
                        duplicates.Add(new DuplicateName(hintName, owner));
                    }
                    else
                    {
                        owners.Add(hintName, spec.SpecPath);
                    }
                }
            }

            return new NameClaims(duplicates.ToEquatableArray());
        }

        /// <summary>True when <paramref name="hintName"/> belongs to another document than <paramref name="specPath"/>.</summary>
        public bool IsClaimedByAnother(string hintName, string specPath)
        {
            foreach (var duplicate in Duplicates)
            {
                if (string.Equals(duplicate.HintName, hintName, StringComparison.OrdinalIgnoreCase) && duplicate.OwnerPath != specPath)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
