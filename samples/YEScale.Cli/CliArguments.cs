using System;
using System.Collections.Generic;
using System.Globalization;

namespace YEScale.Cli
{
    /// <summary>The command line: a command, positional values, and --name value options (flags have no value).</summary>
    internal sealed class CliArguments
    {
        private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--json", "--wait", "--camerafixed", "--help" };

        private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

        private CliArguments(string command)
        {
            Command = command;
        }

        public string Command { get; }

        public List<string> Positional { get; } = new();

        public static CliArguments Parse(string[] args)
        {
            if (args.Length == 0)
            {
                throw new UsageException("No command given.");
            }

            var parsed = new CliArguments(args[0]);
            for (var i = 1; i < args.Length; i++)
            {
                var arg = args[i];
                if (!arg.StartsWith("--", StringComparison.Ordinal))
                {
                    parsed.Positional.Add(arg);
                    continue;
                }

                var value = "true";
                if (!Flags.Contains(arg))
                {
                    if (i + 1 >= args.Length)
                    {
                        throw new UsageException($"Option {arg} needs a value.");
                    }

                    value = args[++i];
                }

                if (!parsed._options.TryGetValue(arg, out var values))
                {
                    parsed._options[arg] = values = new List<string>();
                }

                values.Add(value);
            }

            return parsed;
        }

        public bool Has(string name) => _options.ContainsKey(name);

        public string? Get(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

        public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out var values) ? values : Array.Empty<string>();

        public int? GetInt(string name)
        {
            var text = Get(name);
            if (text is null)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new UsageException($"Option {name} needs a whole number, not '{text}'.");
        }

        public double? GetSeconds(string name)
        {
            var text = Get(name);
            if (text is null)
            {
                return null;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw new UsageException($"Option {name} needs a number of seconds, not '{text}'.");
        }
    }

    /// <summary>The command line is wrong; the message says how.</summary>
    internal sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }
}
