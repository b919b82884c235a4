using System.Collections.Generic;
using System.ComponentModel;

namespace YEScale.Toolkit.Polling
{
    /// <summary>
    /// Helpers for the code the generator writes to read a task's status, progress and result through a JSON pointer
    /// (the <c>x-yescale-task</c> extension). Not meant to be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class TaskPath
    {
        /// <summary>
        /// The item at <paramref name="index"/>, or null when the list is null or too short: a task that has not
        /// finished usually has no result list yet, and reading it must not throw.
        /// </summary>
        public static T? ItemAt<T>(IList<T>? list, int index)
            => list != null && index >= 0 && index < list.Count ? list[index] : default;
    }
}
