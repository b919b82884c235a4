using System;
using System.IO;

namespace YEScale.Demo
{
    /// <summary>Where the demo talks to and with which key: command line first, then environment variables.</summary>
    internal sealed record DemoSettings(Uri? BaseAddress, string? ApiKey, string? TaskId, string OutputDirectory, string JournalPath)
    {
        public const string BaseUrlVariable = "YESCALE_BASE_URL";
        public const string ApiKeyVariable = "YESCALE_API_KEY";

        /// <summary>The task journal `yescale` reads, used when the demo talks to the real service.</summary>
        public const string JournalVariable = "YESCALE_JOURNAL";

        /// <summary>True when the demo should start its own simulator: no key means no real service to talk to.</summary>
        public bool UseSimulator => ApiKey is null;

        public static DemoSettings Parse(string[] args)
        {
            string? baseUrl = Environment.GetEnvironmentVariable(BaseUrlVariable);
            string? key = Environment.GetEnvironmentVariable(ApiKeyVariable);
            string? taskId = null;
            string? journal = Environment.GetEnvironmentVariable(JournalVariable);
            var output = Path.Combine(Path.GetTempPath(), "yescale-demo");
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--base-url": baseUrl = value; i++; break;
                    case "--key": key = value; i++; break;
                    case "--task-id": taskId = value; i++; break;
                    case "--output": output = value ?? output; i++; break;
                    case "--journal": journal = value; i++; break;
                    default: throw new ArgumentException($"Unknown argument '{args[i]}'. Use --base-url URL, --key KEY, --task-id ID (wait for an existing task), --output DIR, --journal FILE.");
                }
            }

            Uri? baseAddress = null;
            if (!string.IsNullOrWhiteSpace(baseUrl) && !Uri.TryCreate(baseUrl, UriKind.Absolute, out baseAddress))
            {
                throw new ArgumentException($"'{baseUrl}' is not an absolute URL.");
            }

            return new DemoSettings(
                baseAddress,
                string.IsNullOrWhiteSpace(key) ? null : key,
                taskId,
                output,
                string.IsNullOrWhiteSpace(journal) ? YEScale.Toolkit.Polling.FileTaskJournal.DefaultPath : journal);
        }
    }
}
