using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace YEScale.Cli.Families
{
    /// <summary>
    /// The submit options of the command line, read once; each family takes the ones it lists
    /// (<see cref="TaskFamily.Options"/>) into its own request.
    /// </summary>
    internal sealed class SubmitInputs
    {
        /// <summary>Every option some family's submit reads, for the check that a family is not given one it would ignore.</summary>
        public static readonly IReadOnlyList<string> AllOptions = new[]
        {
            "--model", "--image", "--end-image", "--cloth", "--duration", "--resolution", "--ratio", "--size", "--negative",
            "--mode", "--bot", "--title", "--tags", "--count", "--camerafixed", "--instrumental", "--lyrics", "--loop",
        };

        private SubmitInputs()
        {
        }

        public string? Model { get; private init; }

        /// <summary>--image, in order: the first is the first frame (or the person, for a try-on).</summary>
        public IReadOnlyList<string> Images { get; private init; } = new List<string>();

        public string? FirstImage => Images.Count > 0 ? Images[0] : null;

        public string? EndImage { get; private init; }

        public string? Cloth { get; private init; }

        public int? Duration { get; private init; }

        /// <summary>The duration as the text some APIs take (Kling's <c>"5"</c>).</summary>
        public string? DurationText => Duration?.ToString(CultureInfo.InvariantCulture);

        public string? Resolution { get; private init; }

        public string? Ratio { get; private init; }

        public string? Size { get; private init; }

        public string? Negative { get; private init; }

        public string? Mode { get; private init; }

        public string? Bot { get; private init; }

        public string? Title { get; private init; }

        public string? Tags { get; private init; }

        public int? Count { get; private init; }

        public bool CameraFixed { get; private init; }

        public bool Instrumental { get; private init; }

        /// <summary>Suno: the prompts are lyrics (custom mode), not a description of the song.</summary>
        public bool Lyrics { get; private init; }

        public bool Loop { get; private init; }

        public static SubmitInputs From(CliArguments args) => new()
        {
            Model = args.Get("--model"),
            Images = args.GetAll("--image").ToList(),
            EndImage = args.Get("--end-image"),
            Cloth = args.Get("--cloth"),
            Duration = args.GetInt("--duration"),
            Resolution = args.Get("--resolution"),
            Ratio = args.Get("--ratio"),
            Size = args.Get("--size"),
            Negative = args.Get("--negative"),
            Mode = args.Get("--mode"),
            Bot = args.Get("--bot"),
            Title = args.Get("--title"),
            Tags = args.Get("--tags"),
            Count = args.GetInt("--count"),
            CameraFixed = args.Has("--camerafixed"),
            Instrumental = args.Has("--instrumental"),
            Lyrics = args.Has("--lyrics"),
            Loop = args.Has("--loop"),
        };
    }
}
