using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;
using YEScale.Account;
using YEScale.Cli.Families;
using YEScale.Cli.Waiting;
using YEScale.Toolkit;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli
{
    /// <summary>The tool's commands over the generated YEScale client (and, for `balance`, the account client).</summary>
    internal sealed class CliApp
    {
        /// <summary>Polls may not exceed this many per second across all the tasks one run follows (the toolkit's batch default).</summary>
        private const int RequestsPerSecond = 10;

        private const int MaxConcurrentRequests = 8;

        private static readonly string[] Commands = { "submit", "get", "wait", "download", "resume", "resolve", "balance" };

        public static readonly string Usage = $"""
            yescale: submit, follow and download YEScale tasks (video, images, music), and show the account's balance.

            Usage:
              yescale submit PROMPT... [--family F] [--wait [--output DIR]]
                                                         submit one task per prompt (and wait for them);
                                                         the family's options are listed below
              yescale get TASK                           show a task
              yescale wait TASK... [--output DIR]        wait for tasks, of any families (and save their results)
              yescale download TASK [--output FILE|DIR]  save a task's result (waiting for it first)
              yescale resume [--output DIR]              wait for every task the journal lists as unfinished, of every
                                                         family, and list the submits whose outcome is unknown
              yescale resolve SUBMIT_ID [--task TASK_ID] settle a submit whose outcome is unknown: --task
                                                         follows the task it created, else it is forgotten
              yescale balance [--access-key KEY]         the account's balance, what it has spent, its requests

            A TASK is its id, for a task of --family (default: seedance), or FAMILY:ID, such as kling:8a1b...
            (several families in one wait). Results are saved as ID.mp4, ID.png, ID.mp3... as the result's link says.

            Families and their submit options:
            {FamilyTable()}

            Options:
              --family F          the family of submits and of bare task ids (default: seedance)
              --key KEY           the API key (default: YESCALE_API_KEY)
              --base-url URL      the API address (default: YESCALE_BASE_URL, else {YEScaleClient.DefaultBaseAddress})
              --access-key KEY    balance: the dashboard's Access Key, not an API key (default: YESCALE_ACCESS_KEY)
              --account-url URL   balance: the account API's address
                                  (default: YESCALE_ACCOUNT_URL, else {YEScaleAccountClient.DefaultBaseAddress})
              --journal FILE      where submitted tasks are recorded for 'resume'
                                  (default: YESCALE_JOURNAL, else {FileTaskJournal.DefaultPath})
              --json              write JSON lines (one object per event) instead of text
              --interval SECONDS  the first delay between polls; it grows from there (default 2)
              --timeout SECONDS   stop waiting for a task after this long; the task goes on (default 1800)
              --request-timeout SECONDS
                                  the longest wait for one answer from YEScale, per try (default 600)
              --help, --version

            While waiting, a terminal shows a live table; redirected output gets one line per status change.
            All the tasks of one run share one rate limit ({RequestsPerSecond} requests per second, {MaxConcurrentRequests} at once).
            Ctrl+C stops waiting, never the tasks: 'yescale resume' picks them up again. A submit whose answer
            was lost is never sent again: it stays in the journal as outcome unknown until 'yescale resolve'.

            {ExitCodes.Table}
            """;

        private readonly CliArguments _args;
        private readonly Settings _settings;
        private readonly YEScaleClient _client;
        private readonly HttpClient _http;
        private readonly ITaskJournal _journal;
        private readonly IReporter _reporter;
        private readonly TextWriter _error;

        private CliApp(CliArguments args, Settings settings, YEScaleClient client, HttpClient http, ITaskJournal journal, IReporter reporter, TextWriter error)
        {
            _args = args;
            _settings = settings;
            _client = client;
            _http = http;
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

                // Checked before anything is sent or opened: a mistyped family must not reach YEScale as some other route.
                if (parsed.Get("--family") is { } family && TaskFamilies.Find(family) is null)
                {
                    throw new UsageException($"Unknown family '{family}'. The families are: {TaskFamilies.Names}.");
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

            using var http = CreateHttpClient();
            if (parsed.Command == "balance")
            {
                return await BalanceAsync(parsed, settings, http, reporter, error, cancellationToken).ConfigureAwait(false);
            }

            var context = new CliFailure.Context(settings.BaseAddress, settings.ApiKey != null, settings.JournalPath);
            FileTaskJournal? journal = null;
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
                var app = new CliApp(parsed, settings, client, http, journal, reporter, error);
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

        /// <summary>The usage text's table of families: name, what it makes, and the options its submit reads.</summary>
        private static string FamilyTable()
        {
            var width = TaskFamilies.All.Max(family => family.Name.Length) + 2;
            var lines = TaskFamilies.All.Select(family =>
            {
                var aliases = family.Aliases.Count == 0 ? string.Empty : $" (also {string.Join(", ", family.Aliases)})";
                var prompt = family.Prompt switch
                {
                    PromptUse.None => "no prompt; ",
                    PromptUse.Optional => "prompt optional; ",
                    _ => string.Empty,
                };
                var required = family.RequiredOptions.Select(required => required.Option).ToList();
                var options = family.Options.Select(option => required.Contains(option) ? option + " (required)" : option);
                return $"  {family.Name.PadRight(width)}{family.Title}{aliases}: {prompt}{string.Join(' ', options)}";
            });
            return string.Join(Environment.NewLine, lines);
        }

        private static HttpClient CreateHttpClient()
        {
            // A dead address fails in seconds rather than after the whole request timeout. The toolkit's own timeout
            // (ApiClientOptions.Timeout, --request-timeout) bounds each try, headers and body, so HttpClient's is off.
            // One client for the whole run: its throttle is the one rate limit every task of every family shares.
            var sockets = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) };
            return new HttpClient(new ThrottlingHandler(sockets, RequestsPerSecond, MaxConcurrentRequests)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <summary>
        /// `yescale balance`: the account API lives on its own host and takes the dashboard's Access Key (YEScale page
        /// doc-7023075), so it has its own client, address and credential; no task journal is opened.
        /// </summary>
        private static async Task<int> BalanceAsync(CliArguments args, Settings settings, HttpClient http, IReporter reporter, TextWriter error, CancellationToken cancellationToken)
        {
            var context = new CliFailure.Context(settings.AccountAddress, settings.AccessKey != null, null)
            {
                KeyName = "Access Key",
                KeySource = "--access-key KEY or set YESCALE_ACCESS_KEY (the dashboard's Access Key, not an API key)",
                AddressSource = "--account-url or YESCALE_ACCOUNT_URL",
            };
            CliFailure failure;
            try
            {
                if (args.Positional.Count > 0)
                {
                    throw new UsageException("balance takes no arguments: yescale balance [--access-key KEY] [--json]");
                }

                var options = new ApiClientOptions { BaseAddress = settings.AccountAddress, ApiKey = settings.AccessKey };
                if (settings.RequestTimeout is { } requestTimeout)
                {
                    options.Timeout = requestTimeout;
                }

                var answer = await new YEScaleAccountClient(http, options).GetUserAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

                // The account API says "no" inside a 200 answer: success false with a message.
                if (answer.Success == false)
                {
                    failure = new CliFailure(
                        ExitCodes.ApiError,
                        "rejected",
                        $"YEScale's account API refused the request: {(string.IsNullOrWhiteSpace(answer.Message) ? "no reason given" : answer.Message.Trim().TrimEnd('.'))}.",
                        "Check the Access Key in your YEScale dashboard (--access-key KEY or YESCALE_ACCESS_KEY).");
                }
                else
                {
                    reporter.Balance(answer.Data);
                    return ExitCodes.Success;
                }
            }
            catch (Exception exception)
            {
                failure = exception is OperationCanceledException && cancellationToken.IsCancellationRequested
                    ? CliFailure.Interrupted("Interrupted.", null)
                    : CliFailure.Describe(exception, context);
            }

            failure = Redact(Redact(failure, settings.AccessKey), settings.ApiKey);
            WriteFailure(error, failure);
            reporter.CommandFailed(failure);
            return failure.ExitCode;
        }

        private Task<int> RunCommandAsync(CancellationToken cancellationToken) => _args.Command switch
        {
            "submit" => SubmitAsync(cancellationToken),
            "get" => GetAsync(cancellationToken),
            "wait" => WaitAsync(RequireIds().Select(Target).ToList(), OutputDirectory(), cancellationToken),
            "download" => DownloadAsync(cancellationToken),
            "resume" => ResumeAsync(cancellationToken),
            "resolve" => ResolveAsync(cancellationToken),
            _ => throw new UsageException($"Unknown command '{_args.Command}'."),
        };

        private async Task<int> SubmitAsync(CancellationToken cancellationToken)
        {
            var family = FamilyOption();
            var example = ReferenceEquals(family, TaskFamilies.Default) ? "yescale submit" : $"yescale submit --family {family.Name}";
            if (family.Prompt == PromptUse.Required && _args.Positional.Count == 0)
            {
                throw new UsageException($"submit needs at least one prompt, such as: {example} \"A paper boat on a rainy street\"");
            }

            if (family.Prompt == PromptUse.None && _args.Positional.Count > 0)
            {
                throw new UsageException($"{family.Name} submits take no prompt, only options: {string.Join(' ', family.Options)}.");
            }

            // An option the family's request has no place for is refused: silently dropping --duration would bill a
            // task that is not the one asked for.
            foreach (var option in SubmitInputs.AllOptions)
            {
                if (_args.Has(option) && !family.Options.Contains(option, StringComparer.Ordinal))
                {
                    throw new UsageException($"{family.Name} submits take no {option}; their options are: {string.Join(' ', family.Options)}.");
                }
            }

            foreach (var (option, meaning) in family.RequiredOptions)
            {
                if (!_args.Has(option))
                {
                    throw new UsageException($"{family.Name} submits need {option} ({meaning}).");
                }
            }

            var wait = _args.Has("--wait");
            if (!wait && _args.Has("--output"))
            {
                throw new UsageException("--output with submit needs --wait: the result exists only once the task has finished.");
            }

            var inputs = SubmitInputs.From(_args);
            IReadOnlyList<string?> prompts = _args.Positional.Count > 0 ? _args.Positional : new string?[] { null };
            var submitted = new List<TaskTarget>();
            try
            {
                foreach (var prompt in prompts)
                {
                    var task = await family.SubmitAsync(_client, inputs, prompt, cancellationToken).ConfigureAwait(false);
                    submitted.Add(new TaskTarget(family, task.Id));
                    _reporter.Submitted(family, task.Id);
                }
            }
            catch (Exception) when (submitted.Count > 0)
            {
                // The ones that made it are billed and journaled: say so before the error itself.
                _error.WriteLine($"note: submitted before the error: {string.Join(' ', submitted.Select(task => task.Family.Reference(task.Id)))} (recorded in the journal; 'yescale resume' waits for them).");
                throw;
            }

            if (!wait)
            {
                _reporter.SubmittedWithoutWait(submitted.Select(task => task.Family.Reference(task.Id)).ToList());
                return ExitCodes.Success;
            }

            return await WaitAsync(submitted, OutputDirectory(), cancellationToken).ConfigureAwait(false);
        }

        private async Task<int> GetAsync(CancellationToken cancellationToken)
        {
            var target = Target(RequireOneId());
            var task = target.Family.Handle(_client, target.Id);
            await target.Family.UpdateAsync(task, cancellationToken).ConfigureAwait(false);
            _reporter.Task(target.Family, task);
            return ExitCodes.Success;
        }

        private async Task<int> ResumeAsync(CancellationToken cancellationToken)
        {
            if (_args.Positional.Count > 0)
            {
                throw new UsageException("resume takes no task ids (it reads them from the journal); to wait for given tasks use: yescale wait TASK...");
            }

            // A submit whose outcome is unknown is listed, never sent again: only the account's tasks can say whether it
            // created one ('yescale resolve' settles it). They keep the exit code at OutcomeUnknown until then.
            // Every kind the journal holds, as the client's Tasks.ResumeAsync reads it, but with a watch per task so the
            // display shows each one's progress rather than only its end.
            var unknown = await _journal.GetOutcomeUnknownAsync(null, cancellationToken).ConfigureAwait(false);
            foreach (var entry in unknown)
            {
                _reporter.OutcomeUnknown(entry, SubmitText.Excerpt(entry.Body), CliFailure.ResolveHint(entry.SubmitId));
            }

            var targets = new List<TaskTarget>();
            foreach (var entry in await _journal.GetUnfinishedAsync(null, cancellationToken).ConfigureAwait(false))
            {
                if (TaskFamilies.OfKind(entry.Operation) is { } family)
                {
                    targets.Add(new TaskTarget(family, entry.TaskId));
                }
                else
                {
                    // A journal may be shared with programs built from other specs: their tasks are theirs to follow.
                    _error.WriteLine($"note: the journal holds task {entry.TaskId} of kind '{entry.Operation}', which this tool does not know; it was left as it is.");
                }
            }

            if (targets.Count == 0)
            {
                if (unknown.Count == 0)
                {
                    _reporter.NothingToResume();
                    return ExitCodes.Success;
                }

                return ExitCodes.OutcomeUnknown;
            }

            var code = await WaitAsync(targets, OutputDirectory(), cancellationToken).ConfigureAwait(false);
            return unknown.Count == 0 ? code : Math.Max(code, ExitCodes.OutcomeUnknown);
        }

        /// <summary>
        /// Ends an outcome-unknown record. With --task, the task the submit created (found in the dashboard) is checked
        /// at YEScale and recorded as submitted first, so 'resume' follows it; without, the record is simply dropped.
        /// The record names its kind, so no --family is needed.
        /// </summary>
        private async Task<int> ResolveAsync(CancellationToken cancellationToken)
        {
            if (_args.Positional.Count != 1)
            {
                throw new UsageException("resolve takes one submit id (as 'yescale resume' lists it), such as: yescale resolve submit-0123abcd --task cgt-20250702113430-gvkhb");
            }

            var submitId = _args.Positional[0];
            var unknown = await _journal.GetOutcomeUnknownAsync(null, cancellationToken).ConfigureAwait(false);
            var entry = unknown.FirstOrDefault(entry => string.Equals(entry.SubmitId, submitId, StringComparison.Ordinal))
                ?? throw new UsageException($"The journal {_settings.JournalPath} has no submit '{submitId}' with an unknown outcome; 'yescale resume' lists those it has.");

            string? reference = null;
            if (_args.Get("--task") is { } taskId)
            {
                var family = TaskFamilies.OfKind(entry.Operation)
                    ?? throw new UsageException($"Submit {submitId} is of kind '{entry.Operation}', which this tool does not know; resolve it without --task, or with the program that sent it.");

                // The id must name a task YEScale has (a typo would otherwise be waited for until it 404s).
                var task = family.Handle(_client, taskId);
                await family.UpdateAsync(task, cancellationToken).ConfigureAwait(false);
                await _journal.RecordSubmittedAsync(new TaskJournalEntry(task.Id, entry.Operation, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
                reference = family.Reference(task.Id);
            }

            await _journal.ResolveOutcomeUnknownAsync(entry.Operation, submitId, cancellationToken).ConfigureAwait(false);
            _reporter.Resolved(submitId, reference);
            return ExitCodes.Success;
        }

        private async Task<int> DownloadAsync(CancellationToken cancellationToken)
        {
            var target = Target(RequireOneId());
            var output = _args.Get("--output");
            var task = target.Family.Handle(_client, target.Id);
            await target.Family.UpdateAsync(task, cancellationToken).ConfigureAwait(false);
            switch (task.State)
            {
                case TaskState.Succeeded:
                    var full = Path.GetFullPath(DownloadPath(output, target.Family, target.Id, task.ResultUrl));
                    await TaskWaiter.SaveAsync(_client, _http, target.Family, task, full, cancellationToken).ConfigureAwait(false);
                    _reporter.Saved(target.Family, target.Id, full);
                    return ExitCodes.Success;
                case TaskState.Failed:
                    throw target.Family.Failed(task);
                default:
                    // Still running: wait for it with the same display as `wait`, then save.
                    return await WaitAsync(new[] { target }, (row, resultUrl) => DownloadPath(output, row.Family, row.Id, resultUrl), cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Where `download` saves: <c>ID.EXT</c> (the extension the result's link has, else the family's), inside
        /// <paramref name="output"/> when it is a directory (or ends in a separator), else <paramref name="output"/> itself.
        /// </summary>
        private static string DownloadPath(string? output, TaskFamily family, string id, string? resultUrl)
        {
            var name = id + "." + family.ExtensionOf(resultUrl);
            return output is null ? name
                : Directory.Exists(output) || output.EndsWith(Path.DirectorySeparatorChar) || output.EndsWith(Path.AltDirectorySeparatorChar) ? Path.Combine(output, name)
                : output;
        }

        private Task<int> WaitAsync(IReadOnlyList<TaskTarget> tasks, string? outputDirectory, CancellationToken cancellationToken) =>
            WaitAsync(tasks, outputDirectory is null ? null : (row, resultUrl) => Path.Combine(outputDirectory, row.Id + "." + row.Family.ExtensionOf(resultUrl)), cancellationToken);

        private async Task<int> WaitAsync(IReadOnlyList<TaskTarget> tasks, Func<TaskRow, string?, string>? savePathOf, CancellationToken cancellationToken)
        {
            var context = new CliFailure.Context(_settings.BaseAddress, _settings.ApiKey != null, _settings.JournalPath);
            var waiter = new TaskWaiter(_client, _http, _reporter, exception => Redact(CliFailure.Describe(exception, context), _settings.ApiKey));
            var rows = await waiter.WaitAsync(tasks, savePathOf, cancellationToken).ConfigureAwait(false);

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

                if (failed[0].Failure!.HintFor(failed.Select(row => row.Reference).ToList()) is { } hint)
                {
                    _error.WriteLine("hint: " + hint);
                }
            }

            foreach (var row in rows)
            {
                if (row.SaveFailure is { ExitCode: not ExitCodes.Cancelled } saveFailure)
                {
                    WriteFailure(_error, saveFailure with { Message = $"Task {row.Id} succeeded, but its {row.Family.ResultNoun} could not be saved: {saveFailure.Message}" });
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                var open = rows.Where(row => row.State == RowState.Interrupted).Select(row => row.Reference).ToList();
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

        /// <summary>The family --family names (checked when the line was parsed), else Seedance.</summary>
        private TaskFamily FamilyOption() => _args.Get("--family") is { } name ? TaskFamilies.Find(name)! : TaskFamilies.Default;

        /// <summary>
        /// A task as the command line names it: <c>FAMILY:ID</c> when the text before the first colon is a family, else
        /// an id of --family's family (an id that itself holds a colon stays whole).
        /// </summary>
        private TaskTarget Target(string reference)
        {
            var colon = reference.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && colon < reference.Length - 1 && TaskFamilies.Find(reference[..colon]) is { } family)
            {
                return new TaskTarget(family, reference[(colon + 1)..]);
            }

            return new TaskTarget(FamilyOption(), reference);
        }

        private IReadOnlyList<string> RequireIds()
        {
            if (_args.Positional.Count == 0)
            {
                throw new UsageException($"{_args.Command} needs a task id, such as: yescale {_args.Command} cgt-20250702113430-gvkhb (or FAMILY:ID for another family)");
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
        private sealed record Settings(Uri BaseAddress, string? ApiKey, string JournalPath, TaskWaitOptions Wait, TimeSpan? RequestTimeout, Uri AccountAddress, string? AccessKey)
        {
            public static Settings From(CliArguments args)
            {
                var baseAddress = Address(args.Get("--base-url") ?? Environment.GetEnvironmentVariable("YESCALE_BASE_URL"), YEScaleClient.DefaultBaseAddress!, "base URL", "https://api.yescale.io/");
                var accountAddress = Address(args.Get("--account-url") ?? Environment.GetEnvironmentVariable("YESCALE_ACCOUNT_URL"), YEScaleAccountClient.DefaultBaseAddress!, "account URL", "https://yescale.bogia.app/");

                var wait = new TaskWaitOptions();
                if (args.GetSeconds("--interval") is { } interval)
                {
                    wait.Interval = interval;
                }

                if (args.GetSeconds("--timeout") is { } timeout)
                {
                    wait.Timeout = timeout;
                }

                var journal = args.Get("--journal") ?? Environment.GetEnvironmentVariable("YESCALE_JOURNAL");
                return new Settings(
                    baseAddress,
                    Secret(args.Get("--key") ?? Environment.GetEnvironmentVariable("YESCALE_API_KEY")),
                    string.IsNullOrWhiteSpace(journal) ? FileTaskJournal.DefaultPath : journal,
                    wait,
                    args.GetSeconds("--request-timeout"),
                    accountAddress,
                    Secret(args.Get("--access-key") ?? Environment.GetEnvironmentVariable("YESCALE_ACCESS_KEY")));
            }

            private static string? Secret(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

            private static Uri Address(string? text, Uri fallback, string what, string example)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    return fallback;
                }

                return Uri.TryCreate(text, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps)
                    ? address
                    : throw new UsageException($"The {what} must be an absolute http:// or https:// address, such as {example}.");
            }
        }
    }
}
