using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using YEScale.Cli.Families;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli.Waiting
{
    /// <summary>
    /// Waits for several tasks at once, of any families, with each family's typed watch (the generated handle's
    /// <c>WatchAsync</c>), one watch per task, and hands every change to the reporter from a single loop. The watches run
    /// concurrently; the loop is the only place rows change and the reporter is called, so neither needs locks. Every
    /// poll goes through the tool's one HttpClient, whose ThrottlingHandler keeps all of them, of every family, within
    /// one rate limit.
    /// </summary>
    internal sealed class TaskWaiter
    {
        private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(125);

        private readonly YEScaleClient _client;
        private readonly HttpClient _http;
        private readonly IReporter _reporter;
        private readonly Func<Exception, CliFailure> _describe;

        public TaskWaiter(YEScaleClient client, HttpClient http, IReporter reporter, Func<Exception, CliFailure> describe)
        {
            _client = client;
            _http = http;
            _reporter = reporter;
            _describe = describe;
        }

        /// <summary>Waits until every task has ended (or the wait was cancelled) and returns their rows.</summary>
        /// <param name="tasks">The tasks; duplicates (the same family and id) are waited for once.</param>
        /// <param name="savePathOf">Where to save a succeeded task's result, given its row and result link; null saves nothing.</param>
        /// <param name="cancellationToken">Ctrl+C: stops the waits, never the tasks.</param>
        public async Task<IReadOnlyList<TaskRow>> WaitAsync(IEnumerable<TaskTarget> tasks, Func<TaskRow, string?, string>? savePathOf, CancellationToken cancellationToken)
        {
            var rows = tasks.Distinct().Select(task => new TaskRow(task.Family, task.Id)).ToList();
            var events = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
            var following = rows.Count;

            async Task Follow(TaskRow row)
            {
                try
                {
                    await FollowAsync(row, savePathOf, change => events.Writer.TryWrite(change), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    events.Writer.TryWrite(() => following--);
                }
            }

            async Task Loop()
            {
                var followers = rows.Select(row => Task.Run(() => Follow(row), CancellationToken.None)).ToList();
                Task<bool>? ready = null;
                while (following > 0)
                {
                    ready ??= events.Reader.WaitToReadAsync(CancellationToken.None).AsTask();
                    if (_reporter.WantsTicks)
                    {
                        await Task.WhenAny(ready, Task.Delay(TickInterval, CancellationToken.None)).ConfigureAwait(false);
                    }
                    else
                    {
                        await ready.ConfigureAwait(false);
                    }

                    if (ready.IsCompleted)
                    {
                        ready = null;
                    }

                    while (events.Reader.TryRead(out var change))
                    {
                        change();
                    }

                    _reporter.Tick();
                }

                await Task.WhenAll(followers).ConfigureAwait(false);
            }

            await _reporter.RunWaitAsync(rows, Loop).ConfigureAwait(false);
            return rows;
        }

        /// <summary>Watches one task to its end, then saves its result if asked; every change is posted, not applied.</summary>
        private async Task FollowAsync(TaskRow row, Func<TaskRow, string?, string>? savePathOf, Action<Action> post, CancellationToken cancellationToken)
        {
            var handle = row.Family.Handle(_client, row.Id);
            try
            {
                // The watch yields the first answer and each change; its last snapshot is the finished task.
                await foreach (var snapshot in row.Family.WatchAsync(handle, cancellationToken).ConfigureAwait(false))
                {
                    if (snapshot.State == TaskState.Pending)
                    {
                        post(() =>
                        {
                            row.Status = snapshot.Status;
                            row.Progress = snapshot.Progress;
                            _reporter.StatusChanged(row);
                        });
                    }
                    else
                    {
                        post(() =>
                        {
                            row.Status = snapshot.Status;
                            row.Progress = snapshot.Progress;
                        });
                    }
                }
            }
            catch (Exception exception)
            {
                post(() =>
                {
                    if (exception is TaskFailedException failed)
                    {
                        row.Status = failed.Status;
                    }

                    if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
                    {
                        row.Finish(RowState.Interrupted);
                    }
                    else
                    {
                        var failure = _describe(exception);
                        row.Finish(failure.ExitCode switch
                        {
                            ExitCodes.TaskFailed => RowState.Failed,
                            ExitCodes.Timeout => RowState.TimedOut,
                            _ => RowState.Error,
                        }, failure);
                    }

                    _reporter.Finished(row);
                });
                return;
            }

            var resultUrl = handle.ResultUrl;
            post(() =>
            {
                row.ResultUrl = resultUrl;
                row.Finish(RowState.Succeeded);
                _reporter.Finished(row);
            });

            if (savePathOf is null)
            {
                return;
            }

            try
            {
                var path = Path.GetFullPath(savePathOf(row, resultUrl));
                await SaveAsync(_client, _http, row.Family, handle, path, cancellationToken).ConfigureAwait(false);
                post(() =>
                {
                    row.SavedPath = path;
                    _reporter.Saved(row.Family, row.Id, path);
                });
            }
            catch (Exception exception)
            {
                post(() =>
                {
                    row.SaveFailure = exception is OperationCanceledException && cancellationToken.IsCancellationRequested
                        ? CliFailure.Interrupted("The download was stopped.", null) with { Summary = "download stopped" }
                        : _describe(exception);
                    _reporter.SaveFailed(row);
                });
            }
        }

        /// <summary>Downloads a succeeded task's result to <paramref name="path"/>; a partial file is removed, never left looking complete.</summary>
        /// <param name="client">The client.</param>
        /// <param name="http">The tool's HTTP client, for families whose link is found outside the task's answer.</param>
        /// <param name="family">The task's family.</param>
        /// <param name="task">The task's handle, updated since it succeeded (it holds the result's link).</param>
        /// <param name="path">The file to write.</param>
        /// <param name="cancellationToken">Stops the download.</param>
        public static async Task SaveAsync(YEScaleClient client, HttpClient http, TaskFamily family, ApiTask task, string path, CancellationToken cancellationToken)
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            try
            {
                await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await family.DownloadAsync(client, task, http, file, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                TryDelete(path);
                throw;
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: the error that caused this is the one worth reporting.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>A task to wait for: its family (which route fetches it) and its id.</summary>
    internal sealed record TaskTarget(TaskFamily Family, string Id);
}
