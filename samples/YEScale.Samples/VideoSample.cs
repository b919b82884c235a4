using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Samples
{
    /// <summary>Video: a Kling text-to-video task, submitted, watched until it has finished, then downloaded.</summary>
    internal static class VideoSample
    {
        public static async Task RunAsync(YEScaleClient client, CancellationToken cancellationToken)
        {
            var submitted = await client.Kling.CreateTextToVideoAsync(
                new KlingTextToVideoRequest { ModelName = "kling-v2-1-master", Prompt = "A paper boat sailing down a rainy city street", Duration = "5" },
                cancellationToken);

            // Keep the id: the task is billed, and it can be waited for again after a restart.
            // (submitted.ToToken() names the kind too: client.Tasks.FromToken gives the handle back.)
            Console.WriteLine($"Submitted {submitted.Id}");
            await foreach (var snapshot in submitted.WatchAsync(cancellationToken: cancellationToken))
            {
                Console.WriteLine($"  {snapshot.Elapsed.TotalSeconds,4:0.0} s  {snapshot.Status}");
            }

            var path = Path.Combine(Path.GetTempPath(), $"kling-{submitted.Id}.mp4");
            await submitted.DownloadAsync(path, cancellationToken);

            Console.WriteLine($"Saved {path} ({new FileInfo(path).Length} bytes)");
        }
    }
}
