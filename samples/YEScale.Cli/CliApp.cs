using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using YEScale.Toolkit;
using YEScale.Toolkit.Json;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Seedance;

namespace YEScale.Cli
{
    /// <summary>The tool's commands over the generated YEScale client.</summary>
    internal sealed class CliApp
    {
        public const string DefaultModel = "doubao-seedance-1-0-pro-250528";

        public const string Usage = """
            yescale: submit, follow and download YEScale Seedance video tasks.

            yescale submit PROMPT... [--image URL]... [--model ID] [--duration 5|10] [--resolution 480p|1080p]
                                     [--ratio 16:9|...] [--camerafixed] [--wait] [--output DIR]
            yescale get TASK_ID
            yescale wait TASK_ID...
            yescale download TASK_ID [--output FILE]
            yescale resume                     wait for every task the journal lists as unfinished

            Common options: --base-url URL (or YESCALE_BASE_URL), --key KEY (or YESCALE_API_KEY),
            --journal FILE (or YESCALE_JOURNAL; default: the user's local application data), --json (JSON lines),
            --interval SECONDS (first poll interval), --timeout SECONDS (per task).

            Exit codes: 0 success, 1 a task failed, 2 usage, 3 bad key, 4 timeout, 5 network, 6 other API error.
            """;

        private readonly CliArguments _args;
        private readonly TextWriter _out;
        private readonly YEScaleClient _client;
        private readonly bool _json;

        private CliApp(CliArguments args, TextWriter output, YEScaleClient client)
        {
            _args = args;
            _out = output;
            _client = client;
            _json = args.Has("--json");
        }

        public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
        {
            CliArguments parsed;
            try
            {
                parsed = CliArguments.Parse(args);
                if (parsed.Command is "help" or "--help" || parsed.Has("--help"))
                {
                    output.WriteLine(Usage);
                    return ExitCodes.Success;
                }
            }
            catch (UsageException exception)
            {
                error.WriteLine(exception.Message);
                error.WriteLine(Usage);
                return ExitCodes.Usage;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
            try
            {
                var options = CreateOptions(parsed);
                var app = new CliApp(parsed, output, new YEScaleClient(http, options));
                return await app.RunCommandAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (UsageException exception)
            {
                error.WriteLine(exception.Message);
                return ExitCodes.Usage;
            }
            catch (Exception exception)
            {
                var (code, message) = Describe(exception);
                error.WriteLine(message);
                return code;
            }
        }

        /// <summary>The exit code and one-line message for a failure.</summary>
        internal static (int Code, string Message) Describe(Exception exception) => exception switch
        {
            TaskFailedException failed => (ExitCodes.TaskFailed, failed.Message),
            TaskTimeoutException timeout => (ExitCodes.Timeout, timeout.Message),
            TaskWaitCanceledException or OperationCanceledException => (ExitCodes.Cancelled, exception.Message),
            ApiException { Status: 401 or 403 } api => (ExitCodes.Unauthorized, $"The API key was refused ({api.Status}): {api.ErrorMessage ?? api.Content}. Set YESCALE_API_KEY or pass --key."),
            ApiException api => (ExitCodes.ApiError, api.Message),
            TaskPollingException { InnerException: HttpRequestException network } polling => (ExitCodes.Network, $"{polling.Message} (network: {network.Message})"),
            TaskPollingException polling => (ExitCodes.ApiError, polling.Message),
            HttpRequestException network => (ExitCodes.Network, $"Could not reach YEScale: {network.Message}"),
            TaskJournalException journal => (ExitCodes.ApiError, journal.Message),
            _ => (ExitCodes.ApiError, exception.Message),
        };

        private static ApiClientOptions CreateOptions(CliArguments args)
        {
            var baseUrl = args.Get("--base-url") ?? Environment.GetEnvironmentVariable("YESCALE_BASE_URL");
            Uri? baseAddress = null;
            if (!string.IsNullOrWhiteSpace(baseUrl) && !Uri.TryCreate(baseUrl, UriKind.Absolute, out baseAddress))
            {
                throw new UsageException($"'{baseUrl}' is not an absolute URL.");
            }

            var wait = new TaskWaitOptions();
            if (args.GetSeconds("--interval") is { } interval)
            {
                wait.Interval = TimeSpan.FromSeconds(interval);
            }

            if (args.GetSeconds("--timeout") is { } timeout)
            {
                wait.Timeout = TimeSpan.FromSeconds(timeout);
            }

            return new ApiClientOptions
            {
                BaseAddress = baseAddress,
                ApiKey = args.Get("--key") ?? Environment.GetEnvironmentVariable("YESCALE_API_KEY"),
                TaskWait = wait,
                TaskJournal = new FileTaskJournal(args.Get("--journal") ?? Environment.GetEnvironmentVariable("YESCALE_JOURNAL") ?? FileTaskJournal.DefaultPath),
            };
        }

        private Task<int> RunCommandAsync(CancellationToken cancellationToken) => _args.Command switch
        {
            "submit" => SubmitAsync(cancellationToken),
            "get" => GetAsync(cancellationToken),
            "wait" => WaitAsync(RequireIds(), cancellationToken),
            "download" => DownloadAsync(cancellationToken),
            "resume" => ReportAsync(_client.ResumeSeedanceGenerationsAsync(cancellationToken: cancellationToken), cancellationToken),
            _ => throw new UsageException($"Unknown command '{_args.Command}'. Commands: submit, get, wait, download, resume."),
        };

        private async Task<int> SubmitAsync(CancellationToken cancellationToken)
        {
            if (_args.Positional.Count == 0)
            {
                throw new UsageException("submit needs at least one prompt.");
            }

            var parameters = new SeedanceParameters
            {
                Duration = _args.GetInt("--duration"),
                Resolution = _args.Get("--resolution") is { } resolution ? new SeedanceResolution(resolution) : null,
                Ratio = _args.Get("--ratio") is { } ratio ? new SeedanceRatio(ratio) : null,
                CameraFixed = _args.Has("--camerafixed") ? true : null,
            };
            var ids = new List<string>();
            foreach (var prompt in _args.Positional)
            {
                var content = new List<SeedanceContentItem> { new() { Type = SeedanceContentType.Text, Text = SeedancePrompt.Build(prompt, parameters) } };
                content.AddRange(_args.GetAll("--image").Select(url => new SeedanceContentItem { Type = SeedanceContentType.ImageUrl, ImageUrl = new SeedanceImageUrl { Url = url } }));
                var created = await _client.CreateSeedanceGenerationAsync(new SeedanceGenerationCreate { Model = _args.Get("--model") ?? DefaultModel, Content = content }, cancellationToken).ConfigureAwait(false);
                ids.Add(created.Id);
                WriteEvent("submitted", created.Id, $"submitted {created.Id}");
            }

            return _args.Has("--wait") ? await WaitAsync(ids, cancellationToken).ConfigureAwait(false) : ExitCodes.Success;
        }

        private async Task<int> GetAsync(CancellationToken cancellationToken)
        {
            var id = RequireIds().Single();
            var task = await _client.GetSeedanceGenerationAsync(id, cancellationToken).ConfigureAwait(false);
            if (_json)
            {
                _out.WriteLine(ApiJson.ToJsonString(task, SeedanceGenerationJsonConverter.Instance));
            }
            else
            {
                _out.WriteLine($"{task.Id}: {task.Status} (model {task.Model}, updated {DateTimeOffset.FromUnixTimeSeconds(task.UpdatedAt):u})");
                if (!string.IsNullOrEmpty(task.Content?.VideoUrl))
                {
                    _out.WriteLine($"video: {task.Content.VideoUrl}");
                }
            }

            return ExitCodes.Success;
        }

        private Task<int> WaitAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
            => ReportAsync(_client.WaitForSeedanceGenerationsAsync(ids, new TaskBatchOptions { Wait = null }, cancellationToken), cancellationToken);

        private async Task<int> ReportAsync(IAsyncEnumerable<TaskOutcome<SeedanceGeneration>> outcomes, CancellationToken cancellationToken)
        {
            var exitCode = ExitCodes.Success;
            var count = 0;
            await foreach (var outcome in outcomes.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                count++;
                if (outcome.Succeeded)
                {
                    WriteEvent("succeeded", outcome.TaskId, $"{outcome.TaskId}: succeeded {outcome.Value.Content?.VideoUrl}", outcome.Value.Content?.VideoUrl);
                    if (_args.Get("--output") is { } directory && _args.Command == "submit")
                    {
                        await SaveAsync(outcome.Value, Path.Combine(directory, outcome.TaskId + ".mp4"), cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                var (code, message) = Describe(outcome.Exception!);
                WriteEvent("failed", outcome.TaskId, $"{outcome.TaskId}: {message}", error: message);
                exitCode = Math.Max(exitCode, code);
            }

            if (count == 0 && !_json)
            {
                _out.WriteLine("No unfinished tasks.");
            }

            return exitCode;
        }

        private async Task<int> DownloadAsync(CancellationToken cancellationToken)
        {
            var id = RequireIds().Single();
            var task = await _client.GetSeedanceGenerationAsync(id, cancellationToken).ConfigureAwait(false);
            if (task.Status != SeedanceTaskStatus.Succeeded)
            {
                _out.WriteLine($"{id} is {task.Status}; only a succeeded task has a video to download.");
                return ExitCodes.TaskFailed;
            }

            await SaveAsync(task, _args.Get("--output") ?? id + ".mp4", cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        private async Task SaveAsync(SeedanceGeneration task, string path, CancellationToken cancellationToken)
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await using (var file = File.Create(full))
            {
                await _client.DownloadSeedanceGenerationResultAsync(task, file, cancellationToken).ConfigureAwait(false);
            }

            WriteEvent("saved", task.Id, $"{task.Id}: saved {full}", path: full);
        }

        private IReadOnlyList<string> RequireIds()
        {
            if (_args.Positional.Count == 0)
            {
                throw new UsageException($"{_args.Command} needs a task id.");
            }

            return _args.Positional;
        }

        private void WriteEvent(string kind, string taskId, string text, string? videoUrl = null, string? error = null, string? path = null)
        {
            if (!_json)
            {
                _out.WriteLine(text);
                return;
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("event", kind);
                writer.WriteString("id", taskId);
                if (videoUrl != null)
                {
                    writer.WriteString("video_url", videoUrl);
                }

                if (error != null)
                {
                    writer.WriteString("error", error);
                }

                if (path != null)
                {
                    writer.WriteString("path", path);
                }

                writer.WriteEndObject();
            }

            _out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }
}
