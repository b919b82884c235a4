using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Samples
{
    /// <summary>Images: one synchronous generation (OpenAI format), then a Midjourney task waited for and downloaded.</summary>
    internal static class ImageSample
    {
        public static async Task RunAsync(YEScaleClient client, CancellationToken cancellationToken)
        {
            var images = await client.Images.CreateAsync(
                new ImageGenerationRequest { Model = "gpt-image-1", Prompt = "A lighthouse on a cliff at dawn, watercolor", Size = "1024x1024" },
                cancellationToken);
            Console.WriteLine($"gpt-image-1: {images.Data[0].Url ?? "(base64 image)"}");

            // Midjourney is a task: submit, wait (its status words and result place come from the spec), download.
            var imagine = await client.Midjourney.SubmitImagineAsync(
                new MidjourneyImagineRequest { BotType = MidjourneyBotType.MIDJOURNEY, Prompt = "a lighthouse on a cliff at dawn, watercolor --ar 16:9" },
                cancellationToken: cancellationToken);
            var task = await imagine.WaitAsync(null, new InlineProgress<Toolkit.Polling.TaskSnapshot<MidjourneyTask>>(s => Console.WriteLine($"  {s.Status} {s.Progress}")), cancellationToken);
            var path = Path.Combine(Path.GetTempPath(), $"midjourney-{imagine.Id}.png");
            await imagine.DownloadAsync(path, cancellationToken);

            Console.WriteLine($"Midjourney: {task.ImageUrl} -> {path}");
        }
    }
}
