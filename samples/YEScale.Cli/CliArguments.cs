using System;
using System.Collections.Generic;
using System.Globalization;

namespace YEScale.Cli
{
    /// <summary>
    /// The command line: a command, positional values, and options (<c>--name value</c> or <c>--name=value</c>;
    /// flags take no value). <c>--</c> ends the options, so a prompt may start with dashes.
    /// </summary>
    internal sealed class CliArguments
    {
        private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
        {
            "--json", "--wait", "--camerafixed", "--instrumental", "--lyrics", "--loop", "--help", "--version",
        };

        private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal)
        {
            "--family", "--image", "--end-image", "--cloth", "--model", "--duration", "--resolution", "--ratio", "--size",
            "--negative", "--mode", "--bot", "--title", "--tags", "--count", "--output",
            "--base-url", "--key", "--journal", "--interval", "--timeout", "--request-timeout", "--task",
            "--access-key", "--account-url",
        };

        private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

        private CliArguments(string? command)
        {
            Command = command;
        }

        /// <summary>The first word, or null when the line has only options (<c>yescale --help</c>).</summary>
        public string? Command { get; }

        public List<string> Positional { get; } = new();

        public static CliArguments Parse(string[] args)
        {
            var start = 0;
            string? command = null;
            if (args.Length > 0 && !args[0].StartsWith('-'))
            {
                command = args[0];
                start = 1;
            }

            var parsed = new CliArguments(command);
            var optionsEnded = false;
            for (var i = start; i < args.Length; i++)
            {
                var arg = args[i];
                if (optionsEnded || arg == "-" || !arg.StartsWith('-'))
                {
                    parsed.Positional.Add(arg);
                    continue;
                }

                if (arg == "--")
                {
                    optionsEnded = true;
                    continue;
                }

                if (arg is "-h" or "-?")
                {
                    arg = "--help";
                }

                string? inlineValue = null;
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    inlineValue = arg[(equals + 1)..];
                    arg = arg[..equals];
                }

                string value;
                if (Flags.Contains(arg))
                {
                    if (inlineValue != null)
                    {
                        throw new UsageException($"Option {arg} takes no value.");
                    }

                    value = "true";
                }
                else if (ValueOptions.Contains(arg))
                {
                    if (inlineValue != null)
                    {
                        value = inlineValue;
                    }
                    else if (i + 1 < args.Length)
                    {
                        value = args[++i];
                    }
                    else
                    {
                        throw new UsageException($"Option {arg} needs a value.");
                    }
                }
                else
                {
                    // Only the name is echoed: a mistyped `--kye=sk-...` must not print the key.
                    throw new UsageException($"Unknown option '{arg}'.");
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

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new UsageException($"Option {name} needs a positive whole number, not '{text}'.");
        }

        /// <summary>A positive number of seconds (fractions allowed: <c>--interval 0.05</c>).</summary>
        public TimeSpan? GetSeconds(string name)
        {
            var text = Get(name);
            if (text is null)
            {
                return null;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value < TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(value)
                : throw new UsageException($"Option {name} needs a positive number of seconds, not '{text}'.");
        }
    }

    /// <summary>The command line is wrong; the message says how.</summary>
    internal sealed class UsageException : Exception
    {
        public UsageException(string message, bool showUsage = false)
            : base(message)
        {
            ShowUsage = showUsage;
        }

        /// <summary>Whether the whole usage text helps (no or unknown command) rather than a pointer to --help.</summary>
        public bool ShowUsage { get; }
    }
}
