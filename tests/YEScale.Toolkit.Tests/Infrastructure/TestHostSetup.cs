using System.Runtime.CompilerServices;
using System.Threading;

namespace YEScale.Toolkit.Tests.Infrastructure
{
    internal static class TestHostSetup
    {
        /// <summary>
        /// The test host blocks some thread-pool threads (the runner waits synchronously), and on a 2-core machine the
        /// pool starts with 2: the in-process Kestrel server and the client then stall ~0.5 s per injected thread, which
        /// distorts every timing these tests measure. A larger floor makes the first second as fast as the rest.
        /// </summary>
        [ModuleInitializer]
        internal static void RaiseThreadPoolFloor()
        {
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(System.Math.Max(workers, 32), System.Math.Max(io, 32));
        }
    }
}
