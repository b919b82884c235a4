using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Simulator
{
    /// <summary>Runs only where ffprobe is installed (Debian: <c>apt-get install ffmpeg</c>; <c>.ci/run</c> installs it).</summary>
    public sealed class RequiresFfprobeFactAttribute : FactAttribute
    {
        public RequiresFfprobeFactAttribute()
        {
            if (!MediaFileTests.FfprobeFound)
            {
                Skip = "ffprobe is not installed (Debian: apt-get install ffmpeg); .ci/run installs it";
            }
        }
    }

    /// <summary>
    /// The files a finished task downloads are real media a decoder this project did not write opens: ffprobe names
    /// their codec and ffmpeg decodes every frame without an error.
    /// </summary>
    [Collection(ProcessHeavyCollection.Name)]
    public class MediaFileTests
    {
        public static bool FfprobeFound { get; } = Run("ffprobe", "-version").ExitCode == 0;

        [RequiresFfprobeFact]
        public async Task A_video_an_image_and_a_song_downloaded_from_finished_tasks_decode()
        {
            await using var service = await SimulatedService.StartAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var folder = Directory.CreateTempSubdirectory("yescale-media-").FullName;
            try
            {
                var videoHandle = await service.Client.Seedance.CreateGenerationAsync(SimulatedService.Request("a decodable boat"), cancellationToken: timeout.Token);
                var imageHandle = await service.Client.Midjourney.SubmitImagineAsync(new YEScale.MidjourneyImagineRequest { BotType = YEScale.MidjourneyBotType.MIDJOURNEY, Prompt = "a decodable lighthouse" }, cancellationToken: timeout.Token);
                var songHandle = await service.Client.Suno.SubmitMusicAsync(new YEScale.SunoMusicRequest { GptDescriptionPrompt = "a decodable song", Mv = "chirp-v4" }, cancellationToken: timeout.Token);
                await videoHandle.WaitAsync(timeout.Token);
                await imageHandle.WaitAsync(timeout.Token);
                await songHandle.WaitAsync(timeout.Token);

                await Save(folder, "video.mp4", s => videoHandle.DownloadAsync(s, timeout.Token));
                await Save(folder, "image.png", s => imageHandle.DownloadAsync(s, timeout.Token));
                await Save(folder, "song.mp3", s => songHandle.DownloadAsync(s, timeout.Token));

                Assert.Equal("h264", Codec(Path.Combine(folder, "video.mp4")));
                Assert.Equal("png", Codec(Path.Combine(folder, "image.png")));
                Assert.Equal("mp3", Codec(Path.Combine(folder, "song.mp3")));
                foreach (var file in new[] { "video.mp4", "image.png", "song.mp3" })
                {
                    var (code, output) = Run("ffmpeg", "-v", "error", "-i", Path.Combine(folder, file), "-f", "null", "-");
                    Assert.True(code == 0 && output.Trim().Length == 0, file + " does not decode cleanly: " + output);
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static async Task Save(string folder, string name, Func<Stream, Task> download)
        {
            await using var file = File.Create(Path.Combine(folder, name));
            await download(file);
        }

        private static string Codec(string path)
        {
            var (code, output) = Run("ffprobe", "-v", "error", "-select_streams", "0", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path);
            Assert.True(code == 0, Path.GetFileName(path) + ": ffprobe failed: " + output);
            return output.Trim();
        }

        private static (int ExitCode, string Output) Run(string tool, params string[] args)
            => ToolProcess.Run(tool, null, TimeSpan.FromMinutes(1), null, args);
    }
}
