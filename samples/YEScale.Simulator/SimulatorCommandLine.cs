using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace YEScale.Simulator
{
    /// <summary>Reads the standalone simulator's settings (see Program.cs for the syntax); public so tests can check the binding.</summary>
    public static class SimulatorCommandLine
    {
        public const string EnvironmentPrefix = "YESCALE_SIMULATOR_";

        public const int DefaultPort = 5080;

        // Settings with no empty value of their type (strings and nullables have one): an empty one is refused.
        private static readonly (string Key, Type Type)[] NonEmptySettings =
        {
            ("QueuedFor", typeof(TimeSpan)),
            ("RunningFor", typeof(TimeSpan)),
            ("StreamChunkDelay", typeof(TimeSpan)),
            ("Faults:RateLimitProbability", typeof(double)),
            ("Faults:RetryAfterAsDate", typeof(bool)),
            ("Faults:ServerErrorProbability", typeof(double)),
            ("Faults:ServiceUnavailableProbability", typeof(double)),
            ("Faults:SlowProbability", typeof(double)),
            ("Faults:SlowDelay", typeof(TimeSpan)),
            ("Faults:DropConnectionProbability", typeof(double)),
            ("Faults:MalformedJsonProbability", typeof(double)),
            ("Faults:DropAfterAcceptingProbability", typeof(double)),
            ("Faults:ServerErrorAfterAcceptingProbability", typeof(double)),
            ("Faults:SlowAfterAcceptingProbability", typeof(double)),
            ("Faults:SlowBodyProbability", typeof(double)),
            ("Faults:FailureProbability", typeof(double)),
        };

        /// <summary>
        /// Environment variables (prefixed <see cref="EnvironmentPrefix"/>), then the positional <c>[port] [api-key]</c>,
        /// then <c>--Key=value</c> switches; later ones win.
        /// </summary>
        public static IConfigurationRoot BuildConfiguration(IReadOnlyList<string> args, bool includeEnvironment = true)
        {
            ArgumentNullException.ThrowIfNull(args);

            // Positional values only lead the line; anything that looks like a switch ends them.
            var positional = args.TakeWhile(a => !a.StartsWith('-') && !a.StartsWith('/') && !a.Contains('=')).Take(2).ToArray();
            var legacy = new Dictionary<string, string?>();
            if (positional.Length > 0)
            {
                legacy["Port"] = positional[0];
            }

            if (positional.Length > 1)
            {
                legacy["ApiKey"] = positional[1];
            }

            var builder = new ConfigurationBuilder();
            if (includeEnvironment)
            {
                builder.AddEnvironmentVariables(EnvironmentPrefix);
            }

            return builder
                .AddInMemoryCollection(legacy)
                .AddCommandLine(args.Skip(positional.Length).ToArray())
                .Build();
        }

        /// <summary>Binds and validates the options; throws <see cref="InvalidOperationException"/> or <see cref="ArgumentException"/> on a bad value.</summary>
        public static SimulatorOptions ReadOptions(IConfiguration configuration)
        {
            ArgumentNullException.ThrowIfNull(configuration);
            var options = configuration.Get<SimulatorOptions>() ?? new SimulatorOptions();
            options.Faults = configuration.GetSection("Faults").Get<FaultOptions>() ?? new FaultOptions();
            ApplyEmptyValues(configuration, options);
            options.Validate();
            return options;
        }

        /// <summary>The port to listen on: <c>Port</c>, else <see cref="DefaultPort"/>; 0 picks a free one.</summary>
        public static int ReadPort(IConfiguration configuration)
        {
            ArgumentNullException.ThrowIfNull(configuration);
            var port = configuration.GetValue<int?>("Port") ?? DefaultPort;
            return port is >= 0 and <= 65535 ? port : throw new ArgumentOutOfRangeException("Port", port, "Port must be 0 to 65535.");
        }

        // Get<T> is bound by the configuration binding source generator (no reflection, so Native AOT can publish it),
        // which skips empty values. The reflection binder it replaced cleared a nullable setting and refused an empty
        // number, time or flag; both meanings are kept: "--Faults:RetryAfter=" sends no Retry-After (and "--Faults:RetryAfterMs=" no retry-after-ms), "--QueuedFor=" is an error.
        private static void ApplyEmptyValues(IConfiguration configuration, SimulatorOptions options)
        {
            foreach (var (key, type) in NonEmptySettings)
            {
                if (configuration[key] is { Length: 0 })
                {
                    throw new InvalidOperationException(
                        $"Failed to convert configuration value '' at '{key}' to type '{type}'.",
                        new FormatException($"An empty value is not a valid {type.Name}."));
                }
            }

            if (configuration["Faults:RetryAfter"] is { Length: 0 })
            {
                options.Faults.RetryAfter = null;
            }

            if (configuration["Faults:RetryAfterMs"] is { Length: 0 })
            {
                options.Faults.RetryAfterMs = null;
            }
        }
    }
}
