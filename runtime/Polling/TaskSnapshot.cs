using System;

namespace YEScale.Toolkit.Polling
{
    /// <summary>A task as one poll saw it.</summary>
    public sealed class TaskSnapshot<T>
    {
        /// <summary>Creates a snapshot.</summary>
        public TaskSnapshot(string taskId, T value, string? status, TaskState state, string? progress, int poll, TimeSpan elapsed)
        {
            TaskId = taskId;
            Value = value;
            Status = status;
            State = state;
            Progress = progress;
            Poll = poll;
            Elapsed = elapsed;
        }

        /// <summary>The task's id.</summary>
        public string TaskId { get; }

        /// <summary>The answer, as the client's model.</summary>
        public T Value { get; }

        /// <summary>The status word, as the service sent it.</summary>
        public string? Status { get; }

        /// <summary>What the status means.</summary>
        public TaskState State { get; }

        /// <summary>Progress as the service reports it (such as <c>45%</c>), when the spec says where it is.</summary>
        public string? Progress { get; }

        /// <summary>How many polls have been answered so far, this one included.</summary>
        public int Poll { get; }

        /// <summary>Time since the wait started.</summary>
        public TimeSpan Elapsed { get; }

        /// <inheritdoc />
        public override string ToString() => $"{TaskId}: {Status ?? "(no status)"}{(Progress is null ? string.Empty : " " + Progress)} after {Elapsed.TotalSeconds:0.0} s";
    }
}
