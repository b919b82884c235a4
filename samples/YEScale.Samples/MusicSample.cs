using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Samples
{
    /// <summary>Music: a Suno task submitted and waited for, its clips listed and the first downloaded.</summary>
    internal static class MusicSample
    {
        public static async Task RunAsync(YEScaleClient client, CancellationToken cancellationToken)
        {
            var music = await client.Suno.SubmitMusicAsync(
                new SunoMusicRequest { GptDescriptionPrompt = "an upbeat synth-pop song about summer nights", Mv = "chirp-v4" },
                cancellationToken: cancellationToken);
            var task = await music.WaitAsync(null, new InlineProgress<Toolkit.Polling.TaskSnapshot<SunoTaskResponse>>(s => Console.WriteLine($"  {s.Status} {s.Progress}")), cancellationToken);

            foreach (var clip in task.Data?.Data ?? Array.Empty<SunoClip>())
            {
                Console.WriteLine($"Clip {clip.Title ?? clip.Id}: {clip.AudioUrl}");
            }

            var path = Path.Combine(Path.GetTempPath(), $"suno-{music.Id}.mp3");
            await music.DownloadAsync(path, cancellationToken);

            Console.WriteLine($"Saved {path} ({new FileInfo(path).Length} bytes)");
        }
    }
}
