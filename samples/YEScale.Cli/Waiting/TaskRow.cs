using System;
using System.Diagnostics;
using YEScale.Cli.Families;

namespace YEScale.Cli.Waiting
{
    /// <summary>Where one waited-for task stands, from the tool's point of view.</summary>
    internal enum RowState
    {
        Waiting,
        Succeeded,
        Failed,
        TimedOut,
        Error,
        Interrupted,
    }

    /// <summary>
    /// One task being waited for: the last status seen and how the wait ended. Only the waiter's event loop
    /// changes it, so reporters read it without locks.
    /// </summary>
    internal sealed class TaskRow
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _finishedAfter;

        public TaskRow(TaskFamily family, string id)
        {
            Family = family;
            Id = id;
        }

        public TaskFamily Family { get; }

        public string Id { get; }

        /// <summary>The task as the command line names it: <c>kling:ID</c>, or the bare id of a Seedance task.</summary>
        public string Reference => Family.Reference(Id);

        /// <summary>The status word as YEScale sent it; null before the first answer.</summary>
        public string? Status { get; set; }

        /// <summary>Progress such as <c>45%</c>, when the spec says where the service reports it.</summary>
        public string? Progress { get; set; }

        public RowState State { get; private set; }

        /// <summary>Time since the wait started; frozen once it ended.</summary>
        public TimeSpan Elapsed => _finishedAfter ?? _clock.Elapsed;

        /// <summary>The result's link (video, image, music), once the task has succeeded, when its answer has one.</summary>
        public string? ResultUrl { get; set; }

        /// <summary>Where the result was saved, with --output.</summary>
        public string? SavedPath { get; set; }

        /// <summary>Why the wait ended without a result (not set when interrupted).</summary>
        public CliFailure? Failure { get; private set; }

        /// <summary>Why saving the result failed, after the task itself succeeded.</summary>
        public CliFailure? SaveFailure { get; set; }

        public bool IsFinished => State != RowState.Waiting;

        public void Finish(RowState state, CliFailure? failure = null)
        {
            _finishedAfter ??= _clock.Elapsed;
            State = state;
            Failure = failure;
        }
    }
}
