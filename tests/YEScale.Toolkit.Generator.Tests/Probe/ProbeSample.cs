using System.Collections.Generic;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>Which way a value travels: answers carry read-only members, requests carry write-only ones.</summary>
    internal enum ProbeDirection
    {
        Response,
        Request,
    }

    /// <summary>Strings the generated client types, so that they come back spelled differently but meaning the same.</summary>
    internal enum StringKind
    {
        /// <summary><c>format: date-time</c>: compared as the same instant and offset.</summary>
        DateTime,

        /// <summary><c>format: uuid</c>: compared ignoring case.</summary>
        Uuid,

        /// <summary><c>format: byte</c>: compared as the same bytes.</summary>
        Bytes,
    }

    /// <summary>What the sampler knows about the JSON it wrote, by JSON path (<c>$.a[0].b</c>).</summary>
    internal sealed class SampleAnnotations
    {
        /// <summary>Strings whose value the client types (see <see cref="StringKind"/>).</summary>
        public Dictionary<string, StringKind> Strings { get; } = new Dictionary<string, StringKind>(System.StringComparer.Ordinal);

        /// <summary>
        /// Members whose absence or presence on the way back is the client's documented policy, not a bug: read-only
        /// members of an answer (never written into a request) and required write-only members left out of an answer.
        /// </summary>
        public HashSet<string> PolicyMembers { get; } = new HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>True when recursion hit the hard depth limit and a value was cut short (it may not fit its schema).</summary>
        public bool Truncated { get; set; }
    }

    /// <summary>One random JSON value and what the sampler knows about it.</summary>
    internal sealed record ProbeSample(byte[] Json, SampleAnnotations Annotations)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Json);
    }
}
