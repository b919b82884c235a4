using System;
using System.Collections.Generic;
using System.Globalization;

namespace YEScale.Toolkit.Generator.Naming
{
    /// <summary>
    /// The names taken in one C# scope (a namespace's types, a class's members). Every generated name in a scope is
    /// claimed through it, in document order, so a clash is resolved here once and the same spec gives the same names.
    /// </summary>
    internal sealed class NameScope
    {
        private readonly HashSet<string> _taken;

        public NameScope(IEnumerable<string>? reserved = null, StringComparer? comparer = null)
        {
            _taken = new HashSet<string>(reserved ?? Array.Empty<string>(), comparer ?? StringComparer.Ordinal);
        }

        public bool IsTaken(string name) => _taken.Contains(name);

        /// <summary><paramref name="wanted"/> if free, else it with the smallest numeric suffix that is.</summary>
        public string Claim(string wanted)
        {
            var name = wanted;
            for (var suffix = 2; !_taken.Add(name); suffix++)
            {
                name = wanted + suffix.ToString(CultureInfo.InvariantCulture);
            }

            return name;
        }

        /// <summary>
        /// The first of <paramref name="wanted"/>'s numbered forms for which both it and it followed by
        /// <paramref name="suffix"/> are free, claiming both (a method and its <c>Streaming</c> variant).
        /// </summary>
        public string ClaimWith(string wanted, string suffix)
        {
            var name = wanted;
            for (var number = 2; !TryClaimAll(new[] { name, name + suffix }); number++)
            {
                name = wanted + number.ToString(CultureInfo.InvariantCulture);
            }

            return name;
        }

        /// <summary>The first free name of <paramref name="candidates"/>, else the first with a numeric suffix.</summary>
        public string ClaimFirst(params string[] candidates)
        {
            foreach (var candidate in candidates)
            {
                if (_taken.Add(candidate))
                {
                    return candidate;
                }
            }

            return Claim(candidates[0]);
        }

        /// <summary>Claims each of <paramref name="names"/> only if all are free; true when they were.</summary>
        public bool TryClaimAll(IReadOnlyCollection<string> names)
        {
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                if (_taken.Contains(name) || !distinct.Add(name))
                {
                    return false;
                }
            }

            foreach (var name in names)
            {
                _taken.Add(name);
            }

            return true;
        }
    }
}
