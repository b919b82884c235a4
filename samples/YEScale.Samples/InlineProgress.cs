using System;

namespace YEScale.Samples
{
    /// <summary>
    /// Reports on the caller's thread, in order. <see cref="Progress{T}"/> posts to the thread pool instead, so its lines
    /// can appear after the code that follows the wait has already printed.
    /// </summary>
    internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
