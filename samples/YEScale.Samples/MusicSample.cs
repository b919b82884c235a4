using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Samples
{
    /// <summary>Music: a Suno task submitted and waited for in one call, its clips listed and the first downloaded.</summary>
    internal static class MusicSample
    {
        public static async Task RunAsync(YEScaleClient client, CancellationToken cancellationToken)
        {
            var task = await client.SubmitSunoMusicAndWaitAsync(
                new SunoMusicRequest { GptDescriptionPrompt = "an upbeat synth-pop song about summer nights", Mv = "chirp-v4" },
                progress: new InlineProgress<Toolkit.Polling.TaskSnapshot<SunoTaskResponse>>(s => Console.WriteLine($"  {s.Status} {s.Progress}")),
                cancellationToken: cancellationToken);

            foreach (var clip in task.Data?.Data ?? Array.Empty<SunoClip>())
            {
                Console.WriteLine($"Clip {clip.Title ?? clip.Id}: {clip.AudioUrl}");
            }

            var path = Path.Combine(Path.GetTempPath(), $"suno-{task.Data?.TaskId}.mp3");
            await using (var file = File.Create(path))
            {
                await client.DownloadSunoTaskResultAsync(task, file, cancellationToken);
            }

            Console.WriteLine($"Saved {path} ({new FileInfo(path).Length} bytes)");
        }
    }
}
