using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using YEScale.Account;
using YEScale.Cli.Families;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli.Waiting
{
    /// <summary>
    /// Redirected output: one line per event, "ID: what", so a log or `grep` reads it easily and nothing is
    /// redrawn. Hints meant for a person go to standard error, keeping standard output clean for pipes.
    /// </summary>
    internal sealed class PlainReporter : IReporter
    {
        private readonly TextWriter _out;
        private readonly TextWriter _error;

        public PlainReporter(TextWriter output, TextWriter error)
        {
            _out = output;
            _error = error;
        }

        public bool WantsTicks => false;

        public void Submitted(TaskFamily family, string taskId) => _out.WriteLine($"{taskId}: submitted");

        public void SubmittedWithoutWait(IReadOnlyList<string> references) =>
            _error.WriteLine($"The task{(references.Count == 1 ? " runs" : "s run")} at YEScale; follow with: yescale wait {string.Join(' ', references)}");

        public void Task(TaskFamily family, ApiTask task)
        {
            foreach (var line in TaskText.Lines(family, task))
            {
                _out.WriteLine(line);
            }
        }

        public void Balance(YEScaleUser account)
        {
            foreach (var line in BalanceText.Lines(account))
            {
                _out.WriteLine(line);
            }
        }

        public void Saved(TaskFamily family, string taskId, string path) => _out.WriteLine($"{taskId}: saved {path}");

        public void NothingToResume() => _out.WriteLine("No unfinished tasks in the journal.");

        public void OutcomeUnknown(UnknownSubmitEntry entry, string excerpt, string hint) =>
            _out.WriteLine($"{entry.SubmitId}: outcome unknown: sent {CliFailure.Time(entry.SentAt)}, \"{excerpt}\"; it was not submitted again. {hint}");

        public void Resolved(string submitId, string? taskId) =>
            _out.WriteLine(taskId is null
                ? $"{submitId}: resolved: forgotten, no task recorded"
                : $"{submitId}: resolved as task {taskId}: recorded in the journal; 'yescale resume' (or 'yescale wait {taskId}') follows it");

        public void CommandFailed(CliFailure failure)
        {
        }

        public Task RunWaitAsync(IReadOnlyList<TaskRow> rows, Func<Task> loop) => loop();

        public void Tick()
        {
        }

        public void StatusChanged(TaskRow row) =>
            _out.WriteLine($"{row.Id}: {row.Status ?? "unknown"}{(row.Progress is null ? string.Empty : " " + row.Progress)} ({Seconds(row.Elapsed)})");

        public void Finished(TaskRow row)
        {
            var line = row.State switch
            {
                RowState.Succeeded => $"{row.Id}: succeeded after {Seconds(row.Elapsed)}{(row.ResultUrl is null ? string.Empty : ": " + row.ResultUrl)}",
                RowState.Failed => $"{row.Id}: {row.Status} after {Seconds(row.Elapsed)}: {row.Failure!.Summary}",
                RowState.TimedOut => $"{row.Id}: timed out after {Seconds(row.Elapsed)}: {row.Failure!.Summary}",
                RowState.Interrupted => $"{row.Id}: stopped waiting after {Seconds(row.Elapsed)} (still '{row.Status ?? "unknown"}'; the task goes on)",
                _ => $"{row.Id}: error after {Seconds(row.Elapsed)}: {row.Failure!.Summary}",
            };
            _out.WriteLine(line);
        }

        public void SaveFailed(TaskRow row) => _out.WriteLine($"{row.Id}: not saved: {row.SaveFailure!.Summary}");

        internal static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
    }
}
