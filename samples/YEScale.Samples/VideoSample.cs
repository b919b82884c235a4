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
            var submitted = await client.CreateKlingTextToVideoAsync(
                new KlingTextToVideoRequest { ModelName = "kling-v2-1-master", Prompt = "A paper boat sailing down a rainy city street", Duration = "5" },
                cancellationToken);

            // Keep the id: the task is billed, and it can be waited for again after a restart.
            var taskId = submitted.Data!.TaskId;
            Console.WriteLine($"Submitted {taskId}");
            KlingVideoTask? task = null;
            await foreach (var snapshot in client.WatchKlingTextToVideoAsync(taskId, cancellationToken: cancellationToken))
            {
                Console.WriteLine($"  {snapshot.Elapsed.TotalSeconds,4:0.0} s  {snapshot.Status}");
                task = snapshot.Value;
            }

            var path = Path.Combine(Path.GetTempPath(), $"kling-{taskId}.mp4");
            await using (var file = File.Create(path))
            {
                await client.DownloadKlingTextToVideoResultAsync(task!, file, cancellationToken);
            }

            Console.WriteLine($"Saved {path} ({new FileInfo(path).Length} bytes)");
        }
    }
}
