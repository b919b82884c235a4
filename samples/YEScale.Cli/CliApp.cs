using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;
using YEScale.Cli.Waiting;
using YEScale.Toolkit;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Seedance;

namespace YEScale.Cli
{
    /// <summary>The tool's commands over the generated YEScale client.</summary>
    internal sealed class CliApp
    {
        public const string DefaultModel = "doubao-seedance-1-0-pro-250528";

        /// <summary>The spec's operationId for fetching a Seedance task: the task journal files Seedance tasks under it.</summary>
        public const string FetchOperation = "getSeedanceGeneration";

        /// <summary>Polls may not exceed this many per second across all the tasks one run follows (the toolkit's batch default).</summary>
        private const int RequestsPerSecond = 10;

        private const int MaxConcurrentRequests = 8;

        private static readonly string[] Commands = { "submit", "get", "wait", "download", "resume", "resolve" };

        public static readonly string Usage = $"""
            yescale: submit, follow and download YEScale Seedance video tasks.

            Usage:
              yescale submit PROMPT... [--wait [--output DIR]]   submit one task per prompt (and wait for them)
                  [--image URL]... [--model ID] [--duration 5|10] [--resolution 480p|1080p]
                  [--ratio 16:9|4:3|1:1|3:4|9:16|21:9|9:21|keep_ratio|adaptive] [--camerafixed]
              yescale get TASK_ID                                show a task
              yescale wait TASK_ID... [--output DIR]             wait for tasks (and save their videos)
              yescale download TASK_ID [--output FILE|DIR]       save a task's video (waiting for it first)
              yescale resume [--output DIR]                      wait for every task the journal lists as unfinished,
                                                                 and list the submits whose outcome is unknown
              yescale resolve SUBMIT_ID [--task TASK_ID]         settle a submit whose outcome is unknown: --task
                                                                 follows the task it created, else it is forgotten

            Options:
              --key KEY           the API key (default: YESCALE_API_KEY)
              --base-url URL      the API address (default: YESCALE_BASE_URL, else {YEScaleClient.DefaultBaseAddress})
              --journal FILE      where submitted tasks are recorded for 'resume'
                                  (default: YESCALE_JOURNAL, else {FileTaskJournal.DefaultPath})
              --json              write JSON lines (one object per event) instead of text
              --interval SECONDS  the first delay between polls; it grows from there (default 2)
              --timeout SECONDS   stop waiting for a task after this long; the task goes on (default 1800)
              --request-timeout SECONDS
                                  the longest wait for one answer from YEScale, per try (default 600)
              --help, --version

            While waiting, a terminal shows a live table; redirected output gets one line per status change.
            Ctrl+C stops waiting, never the tasks: 'yescale resume' picks them up again. A submit whose answer
            was lost is never sent again: it stays in the journal as outcome unknown until 'yescale resolve'.

            {ExitCodes.Table}
            """;

        private readonly CliArguments _args;
        private readonly Settings _settings;
        private readonly YEScaleClient _client;
        private readonly ITaskJournal _journal;
        private readonly IReporter _reporter;
        private readonly TextWriter _error;

        private CliApp(CliArguments args, Settings settings, YEScaleClient client, ITaskJournal journal, IReporter reporter, TextWriter error)
        {
            _args = args;
            _settings = settings;
            _client = client;
            _journal = journal;
            _reporter = reporter;
            _error = error;
        }

        /// <summary>The version the package was built as (without any source revision suffix).</summary>
        public static string Version
        {
            get
            {
                var version = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
                var plus = version.IndexOf('+', StringComparison.Ordinal);
                return plus < 0 ? version : version[..plus];
            }
        }

        /// <summary>Runs one command line and returns the exit code.</summary>
        /// <param name="args">The command line.</param>
        /// <param name="output">Standard output: results, as text or JSON lines.</param>
        /// <param name="error">Standard error: what went wrong and what to do about it.</param>
        /// <param name="terminal">The console for a live display when standard output is an interactive terminal; null otherwise.</param>
        /// <param name="cancellationToken">Ctrl+C.</param>
        public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IAnsiConsole? terminal, CancellationToken cancellationToken)
        {
            // Known before parsing, so even a malformed command line answers in the form that was asked for.
            var json = args.TakeWhile(arg => arg != "--").Contains("--json");
            IReporter reporter = json ? new JsonReporter(output) : terminal != null ? new TerminalReporter(terminal) : new PlainReporter(output, error);

            CliArguments parsed;
            Settings settings;
            try
            {
                parsed = CliArguments.Parse(args);
                if (parsed.Has("--version"))
                {
                    output.WriteLine("yescale " + Version);
                    return ExitCodes.Success;
                }

                if (parsed.Has("--help") || parsed.Command == "help")
                {
                    output.WriteLine(Usage);
                    return ExitCodes.Success;
                }

                if (parsed.Command is null)
                {
                    throw new UsageException("No command given.", showUsage: true);
                }

                if (!Commands.Contains(parsed.Command, StringComparer.Ordinal))
                {
                    throw new UsageException($"Unknown command '{parsed.Command}'. The commands are: {string.Join(", ", Commands)}.", showUsage: true);
                }

                if (parsed.Has("--task") && parsed.Command != "resolve")
                {
                    throw new UsageException("--task goes with resolve: yescale resolve SUBMIT_ID --task TASK_ID");
                }

                settings = Settings.From(parsed);
            }
            catch (UsageException exception)
            {
                var failure = CliFailure.Usage(exception.Message);
                if (exception.ShowUsage)
                {
                    error.WriteLine("error: " + failure.Message);
                    error.WriteLine();
                    error.WriteLine(Usage);
                }
                else
                {
                    WriteFailure(error, failure);
                }

                reporter.CommandFailed(failure);
                return failure.ExitCode;
            }

            var context = new CliFailure.Context(settings.BaseAddress, settings.ApiKey != null, settings.JournalPath);
            FileTaskJournal? journal = null;
            using var http = CreateHttpClient();
            try
            {
                journal = new FileTaskJournal(settings.JournalPath);
                var options = new ApiClientOptions
                {
                    BaseAddress = settings.BaseAddress,
                    ApiKey = settings.ApiKey,
                    TaskWait = settings.Wait,
                    TaskJournal = journal,
                };
                if (settings.RequestTimeout is { } requestTimeout)
                {
                    options.Timeout = requestTimeout;
                }

                var client = new YEScaleClient(http, options);
                var app = new CliApp(parsed, settings, client, journal, reporter, error);
                return await app.RunCommandAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                var failure = exception is OperationCanceledException && cancellationToken.IsCancellationRequested
                    ? CliFailure.Interrupted("Interrupted.", "Tasks already submitted are in the task journal: 'yescale resume' waits for them.")
                    : CliFailure.Describe(exception, context);
                failure = Redact(failure, settings.ApiKey);
                WriteFailure(error, failure);
                reporter.CommandFailed(failure);
                return failure.ExitCode;
            }
            finally
            {
                journal?.Dispose();
            }
        }

        private static HttpClient CreateHttpClient()
        {
            // A dead address fails in seconds rather than after the whole request timeout. The toolkit's own timeout
            // (ApiClientOptions.Timeout, --request-timeout) bounds each try, headers and body, so HttpClient's is off.
            var sockets = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) };
            return new HttpClient(new ThrottlingHandler(sockets, RequestsPerSecond, MaxConcurrentRequests)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        private Task<int> RunCommandAsync(CancellationToken cancellationToken) => _args.Command switch
        {
            "submit" => SubmitAsync(cancellationToken),
            "get" => GetAsync(cancellationToken),
            "wait" => WaitAsync(RequireIds(), OutputDirectory(), cancellationToken),
            "download" => DownloadAsync(cancellationToken),
            "resume" => ResumeAsync(cancellationToken),
            "resolve" => ResolveAsync(cancellationToken),
            _ => throw new UsageException($"Unknown command '{_args.Command}'."),
        };

        private async Task<int> SubmitAsync(CancellationToken cancellationToken)
        {
            if (_args.Positional.Count == 0)
            {
                throw new UsageException("submit needs at least one prompt, such as: yescale submit \"A paper boat on a rainy street\"");
            }

            var wait = _args.Has("--wait");
            if (!wait && _args.Has("--output"))
            {
                throw new UsageException("--output with submit needs --wait: the video exists only once the task has finished.");
            }

            var parameters = new SeedanceParameters
            {
                Duration = _args.GetInt("--duration"),
                Resolution = _args.Get("--resolution") is { } resolution ? new SeedanceResolution(resolution) : null,
                Ratio = _args.Get("--ratio") is { } ratio ? new SeedanceRatio(ratio) : null,
                CameraFixed = _args.Has("--camerafixed") ? true : null,
            };
            var outputDirectory = OutputDirectory();
            var ids = new List<string>();
            try
            {
                foreach (var prompt in _args.Positional)
                {
                    var content = new List<SeedanceContentItem> { new() { Type = SeedanceContentType.Text, Text = SeedancePrompt.Build(prompt, parameters) } };
                    content.AddRange(_args.GetAll("--image").Select(url => new SeedanceContentItem { Type = SeedanceContentType.ImageUrl, ImageUrl = new SeedanceImageUrl { Url = url } }));
                    var created = await _client.Seedance.CreateGenerationAsync(new SeedanceGenerationCreate { Model = _args.Get("--model") ?? DefaultModel, Content = content }, cancellationToken).ConfigureAwait(false);
                    ids.Add(created.Id);
                    _reporter.Submitted(created.Id);
                }
            }
            catch (Exception) when (ids.Count > 0)
            {
                // The ones that made it are billed and journaled: say so before the error itself.
                _error.WriteLine($"note: submitted before the error: {string.Join(' ', ids)} (recorded in the journal; 'yescale resume' waits for them).");
                throw;
            }

            if (!wait)
            {
                _reporter.SubmittedWithoutWait(ids);
                return ExitCodes.Success;
            }

            return await WaitAsync(ids, outputDirectory, cancellationToken).ConfigureAwait(false);
        }

        private async Task<int> GetAsync(CancellationToken cancellationToken)
        {
            var id = RequireOneId();
            var task = await _client.Seedance.GetGenerationAsync(id, cancellationToken).ConfigureAwait(false);
            _reporter.Task(task);
            return ExitCodes.Success;
        }

        private async Task<int> ResumeAsync(CancellationToken cancellationToken)
        {
            if (_args.Positional.Count > 0)
            {
                throw new UsageException("resume takes no task ids (it reads them from the journal); to wait for given tasks use: yescale wait TASK_ID...");
            }

            // A submit whose outcome is unknown is listed, never sent again: only the account's tasks can say whether it
            // created one ('yescale resolve' settles it). They keep the exit code at OutcomeUnknown until then.
            var unknown = await _journal.GetOutcomeUnknownAsync(FetchOperation, cancellationToken).ConfigureAwait(false);
            foreach (var entry in unknown)
            {
                _reporter.OutcomeUnknown(entry, SubmitText.Excerpt(entry.Body), CliFailure.ResolveHint(entry.SubmitId));
            }

            var unfinished = await _journal.GetUnfinishedAsync(FetchOperation, cancellationToken).ConfigureAwait(false);
            if (unfinished.Count == 0)
            {
                if (unknown.Count == 0)
                {
                    _reporter.NothingToResume();
                    return ExitCodes.Success;
                }

                return ExitCodes.OutcomeUnknown;
            }

            var code = await WaitAsync(unfinished.Select(entry => entry.TaskId).ToList(), OutputDirectory(), cancellationToken).ConfigureAwait(false);
            return unknown.Count == 0 ? code : Math.Max(code, ExitCodes.OutcomeUnknown);
        }

        /// <summary>
        /// Ends an outcome-unknown record. With --task, the task the submit created (found in the dashboard) is checked
        /// at YEScale and recorded as submitted first, so 'resume' follows it; without, the record is simply dropped.
        /// </summary>
        private async Task<int> ResolveAsync(CancellationToken cancellationToken)
        {
            if (_args.Positional.Count != 1)
            {
                throw new UsageException("resolve takes one submit id (as 'yescale resume' lists it), such as: yescale resolve submit-0123abcd --task cgt-20250702113430-gvkhb");
            }

            var submitId = _args.Positional[0];
            var unknown = await _journal.GetOutcomeUnknownAsync(FetchOperation, cancellationToken).ConfigureAwait(false);
            if (!unknown.Any(entry => string.Equals(entry.SubmitId, submitId, StringComparison.Ordinal)))
            {
                throw new UsageException($"The journal {_settings.JournalPath} has no submit '{submitId}' with an unknown outcome; 'yescale resume' lists those it has.");
            }

            var taskId = _args.Get("--task");
            if (taskId != null)
            {
                // The id must name a task YEScale has (a typo would otherwise be waited for until it 404s).
                var task = await _client.Seedance.GetGenerationAsync(taskId, cancellationToken).ConfigureAwait(false);
                await _journal.RecordSubmittedAsync(new TaskJournalEntry(task.Id, FetchOperation, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
            }

            await _journal.ResolveOutcomeUnknownAsync(FetchOperation, submitId, cancellationToken).ConfigureAwait(false);
            _reporter.Resolved(submitId, taskId);
            return ExitCodes.Success;
        }

        private async Task<int> DownloadAsync(CancellationToken cancellationToken)
        {
            var id = RequireOneId();
            var output = _args.Get("--output");

            // An existing directory (or a path ending in a separator) gets the video under the task's name.
            var path = output is null ? id + ".mp4"
                : Directory.Exists(output) || output.EndsWith(Path.DirectorySeparatorChar) || output.EndsWith(Path.AltDirectorySeparatorChar) ? Path.Combine(output, id + ".mp4")
                : output;
            var task = await _client.Seedance.GetGenerationAsync(id, cancellationToken).ConfigureAwait(false);
            switch (TaskText.Outcome(task.Status))
            {
                case true:
                    var full = Path.GetFullPath(path);
                    await TaskWaiter.SaveAsync(_client, task, full, cancellationToken).ConfigureAwait(false);
                    _reporter.Saved(id, full);
                    return ExitCodes.Success;
                case false:
                    throw new TaskFailedException<SeedanceGeneration>(id, FetchOperation, task.Status.ToString(), null, task);
                default:
                    // Still running: wait for it with the same display as `wait`, then save.
                    return await WaitAsync(new[] { id }, _ => path, cancellationToken).ConfigureAwait(false);
            }
        }

        private Task<int> WaitAsync(IReadOnlyList<string> ids, string? outputDirectory, CancellationToken cancellationToken) =>
            WaitAsync(ids, outputDirectory is null ? null : id => Path.Combine(outputDirectory, id + ".mp4"), cancellationToken);

        private async Task<int> WaitAsync(IReadOnlyList<string> ids, Func<string, string>? savePathOf, CancellationToken cancellationToken)
        {
            var context = new CliFailure.Context(_settings.BaseAddress, _settings.ApiKey != null, _settings.JournalPath);
            var waiter = new TaskWaiter(_client, _reporter, exception => Redact(CliFailure.Describe(exception, context), _settings.ApiKey));
            var rows = await waiter.WaitAsync(ids, savePathOf, cancellationToken).ConfigureAwait(false);

            // One line per failure, message and hint; several tasks that failed the same way share one hint line:
            // five timeouts need one "wait again" line, not five.
            foreach (var group in rows.Where(row => row.Failure != null).GroupBy(row => row.Failure!.Kind, StringComparer.Ordinal))
            {
                var failed = group.ToList();
                if (failed.Count == 1)
                {
                    WriteFailure(_error, failed[0].Failure!);
                    continue;
                }

                foreach (var row in failed)
                {
                    _error.WriteLine("error: " + (row.Failure! with { Hint = null }).Line);
                }

                if (failed[0].Failure!.HintFor(failed.Select(row => row.Id).ToList()) is { } hint)
                {
                    _error.WriteLine("hint: " + hint);
                }
            }

            foreach (var row in rows)
            {
                if (row.SaveFailure is { ExitCode: not ExitCodes.Cancelled } saveFailure)
                {
                    WriteFailure(_error, saveFailure with { Message = $"Task {row.Id} succeeded, but its video could not be saved: {saveFailure.Message}" });
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                var open = rows.Where(row => row.State == RowState.Interrupted).Select(row => row.Id).ToList();
                var stopped = CliFailure.Interrupted(
                    open.Count == 0
                        ? "Stopped waiting."
                        : $"Stopped waiting. {(open.Count == 1 ? "The task goes on at YEScale and stays" : $"The {open.Count} unfinished tasks go on at YEScale and stay")} in the task journal.",
                    open.Count == 0 ? null : $"Pick {(open.Count == 1 ? "it" : "them")} up again with 'yescale resume', or 'yescale wait {string.Join(' ', open)}'.");
                WriteFailure(_error, stopped);
                return ExitCodes.Cancelled;
            }

            // The most serious kind wins when tasks end differently, so one code describes the run.
            var codes = rows.Select(row => row.Failure?.ExitCode ?? ExitCodes.Success)
                .Concat(rows.Select(row => row.SaveFailure?.ExitCode ?? ExitCodes.Success));
            return codes.DefaultIfEmpty(ExitCodes.Success).Max();
        }

        private string? OutputDirectory() => _args.Get("--output");

        private IReadOnlyList<string> RequireIds()
        {
            if (_args.Positional.Count == 0)
            {
                throw new UsageException($"{_args.Command} needs a task id, such as: yescale {_args.Command} cgt-20250702113430-gvkhb");
            }

            return _args.Positional;
        }

        private string RequireOneId()
        {
            var ids = RequireIds();
            return ids.Count == 1 ? ids[0] : throw new UsageException($"{_args.Command} takes one task id, not {ids.Count}.");
        }

        /// <summary>The failure on one line of standard error: what happened, then what to do.</summary>
        private static void WriteFailure(TextWriter error, CliFailure failure) =>
            error.WriteLine((failure.ExitCode == ExitCodes.Cancelled ? string.Empty : "error: ") + failure.Line);

        /// <summary>
        /// The toolkit already keeps the key out of its exceptions; this also covers text the tool builds itself
        /// (a server that quotes the key in some other shape is caught here as well).
        /// </summary>
        private static CliFailure Redact(CliFailure failure, string? key)
        {
            if (string.IsNullOrEmpty(key) || key.Length < 4)
            {
                return failure;
            }

            string Clean(string text) => text.Replace(key, "***", StringComparison.Ordinal);
            return failure with
            {
                Message = Clean(failure.Message),
                Hint = failure.Hint is null ? null : Clean(failure.Hint),
                Summary = Clean(failure.Summary),
            };
        }

        /// <summary>What the options and environment say, checked before anything is sent.</summary>
        private sealed record Settings(Uri BaseAddress, string? ApiKey, string JournalPath, TaskWaitOptions Wait, TimeSpan? RequestTimeout)
        {
            public static Settings From(CliArguments args)
            {
                var baseUrl = args.Get("--base-url") ?? Environment.GetEnvironmentVariable("YESCALE_BASE_URL");
                var baseAddress = YEScaleClient.DefaultBaseAddress!;
                if (!string.IsNullOrWhiteSpace(baseUrl)
                    && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out baseAddress) || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps)))
                {
                    throw new UsageException("The base URL must be an absolute http:// or https:// address, such as https://api.yescale.io/.");
                }

                var wait = new TaskWaitOptions();
                if (args.GetSeconds("--interval") is { } interval)
                {
                    wait.Interval = interval;
                }

                if (args.GetSeconds("--timeout") is { } timeout)
                {
                    wait.Timeout = timeout;
                }

                var key = args.Get("--key") ?? Environment.GetEnvironmentVariable("YESCALE_API_KEY");
                var journal = args.Get("--journal") ?? Environment.GetEnvironmentVariable("YESCALE_JOURNAL");
                return new Settings(
                    baseAddress,
                    string.IsNullOrWhiteSpace(key) ? null : key.Trim(),
                    string.IsNullOrWhiteSpace(journal) ? FileTaskJournal.DefaultPath : journal,
                    wait,
                    args.GetSeconds("--request-timeout"));
            }
        }
    }
}
