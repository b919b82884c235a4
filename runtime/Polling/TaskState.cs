namespace YEScale.Toolkit.Polling
{
    /// <summary>Where a task is in its lifecycle, as its status word says.</summary>
    public enum TaskState
    {
        /// <summary>Not finished: queued, running, or a status the spec does not list.</summary>
        Pending,

        /// <summary>Finished with a result.</summary>
        Succeeded,

        /// <summary>Finished without a result (failed, cancelled, expired...).</summary>
        Failed,
    }
}
