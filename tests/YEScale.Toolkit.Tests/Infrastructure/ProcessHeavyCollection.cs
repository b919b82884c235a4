using Xunit;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    /// <summary>
    /// Tests that build projects or start processes. They load the CPU heavily, and on a 2-core machine that would
    /// distort the timing other tests measure (cancellation within 200 ms, Retry-After, requests per second), so they
    /// run on their own, after the parallel tests.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessHeavyCollection
    {
        public const string Name = "Process-heavy tests";
    }
}
