using System.Text.RegularExpressions;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>How a value came back different from what was sent.</summary>
    internal enum DifferenceKind
    {
        /// <summary>An explicit null came back as a value (0, false, "", an empty object...).</summary>
        NullBecameDefault,

        /// <summary>A member that was sent did not come back (an explicit null included).</summary>
        MemberDropped,

        /// <summary>A member came back that was not sent (or came back twice).</summary>
        MemberAdded,

        /// <summary>A value came back changed: another value, another JSON kind, another length.</summary>
        ValueChanged,

        /// <summary>Reading or writing threw.</summary>
        Exception,
    }

    /// <summary>One difference between the JSON sent and the JSON that came back, where it is and what each side held.</summary>
    /// <param name="Sent">The sent JSON at <paramref name="Path"/>, or null when the member was not sent.</param>
    /// <param name="Returned">The returned JSON at <paramref name="Path"/>, or null when it did not come back; for exceptions, the type and message.</param>
    internal sealed record ProbeDifference(DifferenceKind Kind, string Path, string? Sent, string? Returned)
    {
        private static readonly Regex Index = new Regex(@"\[\d+\]", RegexOptions.CultureInvariant);

        /// <summary>Set when the difference is attached to a sample: the operation and direction.</summary>
        public string Target { get; init; } = string.Empty;

        public int Seed { get; init; }

        /// <summary>The path with array indices as [*], to group the same difference across samples.</summary>
        public string Shape => Index.Replace(Path, "[*]");

        public override string ToString()
        {
            var where = Target.Length == 0 ? Path : Target + " (seed " + Seed + ") " + Path;
            return Kind == DifferenceKind.Exception
                ? "[" + Kind + "] " + where + ": " + Returned + "; sent " + Clip(Sent)
                : "[" + Kind + "] " + where + ": sent " + Clip(Sent ?? "(absent)") + ", returned " + Clip(Returned ?? "(absent)");
        }

        internal static string Clip(string? text, int length = 300)
            => text is null ? "(none)" : text.Length <= length ? text : text.Substring(0, length) + "...";
    }
}
