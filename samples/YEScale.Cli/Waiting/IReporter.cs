using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using YEScale.Account;
using YEScale.Cli.Families;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli.Waiting
{
    /// <summary>
    /// Everything the tool writes to standard output, in one of three forms: a live table on a terminal
    /// (<see cref="TerminalReporter"/>), one plain line per event when redirected (<see cref="PlainReporter"/>),
    /// or JSON lines with --json (<see cref="JsonReporter"/>). Errors' explanations go to standard error separately.
    /// </summary>
    internal interface IReporter
    {
        /// <summary>Whether <see cref="Tick"/> should be called a few times a second (a live display's clock).</summary>
        bool WantsTicks { get; }

        void Submitted(TaskFamily family, string taskId);

        /// <summary>After submitting without --wait: how to follow the tasks, by their references (never on stdout when it is piped).</summary>
        void SubmittedWithoutWait(IReadOnlyList<string> references);

        /// <summary>`yescale get`: the task as its last fetch saw it.</summary>
        void Task(TaskFamily family, ApiTask task);

        /// <summary>`yescale balance`: the account's balance and spending.</summary>
        void Balance(YEScaleUser account);

        void Saved(TaskFamily family, string taskId, string path);

        void NothingToResume();

        /// <summary>
        /// resume: a submit the journal holds as outcome unknown (it may have created a task; it is never sent again),
        /// with its prompt or body <paramref name="excerpt"/> and what to do about it.
        /// </summary>
        void OutcomeUnknown(UnknownSubmitEntry entry, string excerpt, string hint);

        /// <summary>resolve: the outcome-unknown record was ended; <paramref name="taskId"/> is the task it became, if any.</summary>
        void Resolved(string submitId, string? taskId);

        /// <summary>A failure that ended the command (its explanation is already on standard error).</summary>
        void CommandFailed(CliFailure failure);

        /// <summary>Runs the wait loop inside whatever the display needs around it.</summary>
        Task RunWaitAsync(IReadOnlyList<TaskRow> rows, Func<Task> loop);

        void Tick();

        /// <summary>A waited-for task changed status or progress and is still pending.</summary>
        void StatusChanged(TaskRow row);

        /// <summary>A wait ended: see <see cref="TaskRow.State"/>.</summary>
        void Finished(TaskRow row);

        void SaveFailed(TaskRow row);
    }
}
