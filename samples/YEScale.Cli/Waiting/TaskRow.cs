using System;
using System.Diagnostics;

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

        public TaskRow(string id)
        {
            Id = id;
        }

        public string Id { get; }

        /// <summary>The status word as YEScale sent it; null before the first answer.</summary>
        public string? Status { get; set; }

        /// <summary>Progress such as <c>45%</c>, when the spec says where the service reports it.</summary>
        public string? Progress { get; set; }

        public RowState State { get; private set; }

        /// <summary>Time since the wait started; frozen once it ended.</summary>
        public TimeSpan Elapsed => _finishedAfter ?? _clock.Elapsed;

        public string? VideoUrl { get; set; }

        /// <summary>Where the video was saved, with --output.</summary>
        public string? SavedPath { get; set; }

        /// <summary>Why the wait ended without a video (not set when interrupted).</summary>
        public CliFailure? Failure { get; private set; }

        /// <summary>Why saving the video failed, after the task itself succeeded.</summary>
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
