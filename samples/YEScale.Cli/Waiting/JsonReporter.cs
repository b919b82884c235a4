using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using YEScale.Account;
using YEScale.Cli.Families;
using YEScale.Toolkit.Json;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli.Waiting
{
    /// <summary>--json: standard output carries nothing but JSON lines, one per event, for scripts and other programs.</summary>
    internal sealed class JsonReporter : IReporter
    {
        private readonly TextWriter _out;

        public JsonReporter(TextWriter output)
        {
            _out = output;
        }

        public bool WantsTicks => false;

        public void Submitted(TaskFamily family, string taskId) => JsonLine.Write(_out, "submitted", w =>
        {
            w.WriteString("id", taskId);
            w.WriteString("family", family.Name);
        });

        public void SubmittedWithoutWait(IReadOnlyList<string> references)
        {
            // The submitted events already said everything a program needs.
        }

        // The task exactly as the generated converter writes it, so scripts see YEScale's own field names.
        public void Task(TaskFamily family, ApiTask task) => _out.WriteLine(family.ToJson(task));

        // Credits as YEScale counts them and US dollars beside them; never the access token the answer also holds.
        public void Balance(YEScaleUser account) => JsonLine.Write(_out, "balance", w =>
        {
            w.WriteNumber("quota", account.Quota);
            w.WriteNumber("quota_usd", account.QuotaUsd);
            w.WriteNumber("used_quota", account.UsedQuota);
            w.WriteNumber("used_quota_usd", account.UsedQuotaUsd);
            if (account.RequestCount is { } requests)
            {
                w.WriteNumber("request_count", requests);
            }

            w.WriteIfSet("username", account.Username);
            w.WriteIfSet("display_name", account.DisplayName);
            w.WriteIfSet("email", account.Email);
        });

        public void Saved(TaskFamily family, string taskId, string path) => JsonLine.Write(_out, "saved", w =>
        {
            w.WriteString("id", taskId);
            w.WriteString("family", family.Name);
            w.WriteString("path", path);
        });

        public void NothingToResume() => JsonLine.Write(_out, "nothing_to_resume", _ => { });

        public void OutcomeUnknown(UnknownSubmitEntry entry, string excerpt, string hint) => JsonLine.Write(_out, "outcome_unknown", w =>
        {
            w.WriteString("submit_id", entry.SubmitId);
            w.WriteIfSet("family", TaskFamilies.OfKind(entry.Operation)?.Name);
            w.WriteString("sent_at", entry.SentAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("prompt", excerpt);
            w.WriteString("request", entry.Method + " " + entry.Path);
            w.WriteString("failure", entry.Failure);
            w.WriteNumber("exit_code", ExitCodes.OutcomeUnknown);
            w.WriteString("hint", hint);
        });

        public void Resolved(string submitId, string? taskId) => JsonLine.Write(_out, "resolved", w =>
        {
            w.WriteString("submit_id", submitId);
            w.WriteIfSet("id", taskId);
        });

        public void CommandFailed(CliFailure failure) => JsonLine.Write(_out, "error", w =>
        {
            w.WriteString("kind", failure.Kind);
            w.WriteNumber("exit_code", failure.ExitCode);
            w.WriteString("message", failure.Message);
            w.WriteIfSet("hint", failure.Hint);
            w.WriteIfSet("submit_id", failure.SubmitId);
        });

        public Task RunWaitAsync(IReadOnlyList<TaskRow> rows, Func<Task> loop) => loop();

        public void Tick()
        {
        }

        public void StatusChanged(TaskRow row) => JsonLine.Write(_out, "status", w =>
        {
            w.WriteString("id", row.Id);
            w.WriteString("family", row.Family.Name);
            w.WriteIfSet("status", row.Status);
            w.WriteIfSet("progress", row.Progress);
            w.WriteSeconds("elapsed", row.Elapsed);
        });

        public void Finished(TaskRow row)
        {
            var kind = row.State switch
            {
                RowState.Succeeded => "succeeded",
                RowState.Failed => "failed",
                RowState.TimedOut => "timeout",
                RowState.Interrupted => "interrupted",
                _ => "error",
            };
            JsonLine.Write(_out, kind, w =>
            {
                w.WriteString("id", row.Id);
                w.WriteString("family", row.Family.Name);
                w.WriteIfSet("status", row.Status);
                w.WriteSeconds("elapsed", row.Elapsed);
                w.WriteIfSet("result_url", row.ResultUrl);

                // Kept for video families under its first name, which scripts written for Seedance read.
                if (row.Family.ResultNoun == "video")
                {
                    w.WriteIfSet("video_url", row.ResultUrl);
                }
                if (row.Failure is { } failure)
                {
                    w.WriteString("kind", failure.Kind);
                    w.WriteNumber("exit_code", failure.ExitCode);
                    w.WriteString("error", failure.Summary);
                    w.WriteString("message", failure.Message);
                }
                else if (row.State == RowState.Interrupted)
                {
                    w.WriteNumber("exit_code", ExitCodes.Cancelled);
                }
            });
        }

        public void SaveFailed(TaskRow row) => JsonLine.Write(_out, "error", w =>
        {
            w.WriteString("id", row.Id);
            w.WriteString("family", row.Family.Name);
            w.WriteString("kind", row.SaveFailure!.Kind);
            w.WriteNumber("exit_code", row.SaveFailure.ExitCode);
            w.WriteString("message", row.SaveFailure.Message);
        });
    }
}
