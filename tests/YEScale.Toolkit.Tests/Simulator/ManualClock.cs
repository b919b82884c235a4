using System;
using System.Threading;

namespace YEScale.Toolkit.Tests.Simulator
{
    /// <summary>
    /// A clock that moves only when told, for exact lifecycle, Retry-After and rate-window checks. Timers are left to the
    /// base class (real time): no test here combines it with a delayed fault.
    /// </summary>
    internal sealed class ManualClock : TimeProvider
    {
        private readonly DateTimeOffset _start;
        private long _elapsedTicks;

        public ManualClock(DateTimeOffset start)
        {
            _start = start;
        }

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => _start + Elapsed;

        public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);

        public void SetElapsed(TimeSpan elapsed) => Interlocked.Exchange(ref _elapsedTicks, elapsed.Ticks);
    }
}
