using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using YEScale.Cli.Waiting;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Seedance;

namespace YEScale.Cli.Families
{
    /// <summary>
    /// Every task family the tool speaks, one per fetch operation of the spec, each with its submit's main inputs. A
    /// family is one kind because a task id alone does not say which route fetches it (Kling's text-to-video and
    /// image-to-video tasks live under different paths).
    /// </summary>
    internal static class TaskFamilies
    {
        public const string DefaultSeedanceModel = "doubao-seedance-1-0-pro-250528";

        /// <summary>The family of `yescale submit PROMPT` and of bare ids, as before families existed.</summary>
        public static readonly TaskFamily Default = new TaskFamily<SeedanceGeneration>(
            "seedance", "getSeedanceGeneration", "ByteDance Seedance video", "video", "mp4", SeedanceGenerationJsonConverter.Instance,
            async (client, inputs, prompt, ct) =>
            {
                var parameters = new SeedanceParameters
                {
                    Duration = inputs.Duration,
                    Resolution = inputs.Resolution is { } resolution ? new SeedanceResolution(resolution) : null,
                    Ratio = inputs.Ratio is { } ratio ? new SeedanceRatio(ratio) : null,
                    CameraFixed = inputs.CameraFixed ? true : null,
                };
                var content = new List<SeedanceContentItem> { new() { Type = SeedanceContentType.Text, Text = SeedancePrompt.Build(prompt!, parameters) } };
                content.AddRange(inputs.Images.Select(url => new SeedanceContentItem { Type = SeedanceContentType.ImageUrl, ImageUrl = new SeedanceImageUrl { Url = url } }));
                return await client.Seedance.CreateGenerationAsync(new SeedanceGenerationCreate { Model = inputs.Model ?? DefaultSeedanceModel, Content = content }, cancellationToken: ct).ConfigureAwait(false);
            })
        {
            Options = new[] { "--model", "--image", "--duration", "--resolution", "--ratio", "--camerafixed" },
            TypedFields = TaskText.Fields,
        };

        public static readonly IReadOnlyList<TaskFamily> All = new TaskFamily[]
        {
            Default,
            new TaskFamily<KlingVideoTask>(
                "kling", "getKlingTextToVideo", "Kling text to video", "video", "mp4", KlingVideoTaskJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Kling.CreateTextToVideoAsync(
                    new KlingTextToVideoRequest
                    {
                        Prompt = prompt!,
                        ModelName = inputs.Model,
                        NegativePrompt = inputs.Negative,
                        Mode = inputs.Mode,
                        AspectRatio = inputs.Ratio,
                        Duration = inputs.DurationText,
                    },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Options = new[] { "--model", "--negative", "--mode", "--ratio", "--duration" },
            },
            new TaskFamily<KlingVideoTask>(
                "kling-i2v", "getKlingImageToVideo", "Kling image to video", "video", "mp4", KlingVideoTaskJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Kling.CreateImageToVideoAsync(
                    new KlingImageToVideoRequest
                    {
                        Prompt = prompt!,
                        Image = inputs.FirstImage!,
                        ImageTail = inputs.EndImage,

                        // Both required by YEScale's page; these are the first model it lists and the faster mode.
                        ModelName = inputs.Model ?? "kling-v1-6",
                        Mode = inputs.Mode ?? "std",
                        NegativePrompt = inputs.Negative,
                        Duration = inputs.DurationText,
                    },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Options = new[] { "--image", "--end-image", "--model", "--mode", "--negative", "--duration" },
                RequiredOptions = new[] { ("--image", "the first frame") },
            },
            new TaskFamily<KlingImageTask>(
                "kling-image", "getKlingImage", "Kling image", "image", "png", KlingImageTaskJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Kling.CreateImageAsync(
                    new KlingImageRequest
                    {
                        Prompt = prompt!,
                        Image = inputs.FirstImage,
                        NegativePrompt = inputs.Negative,
                        AspectRatio = inputs.Ratio,
                        N = inputs.Count,
                    },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Options = new[] { "--image", "--negative", "--ratio", "--count" },
            },
            new TaskFamily<KlingImageTask>(
                "kolors-tryon", "getKolorsTryOn", "Kolors virtual try-on", "image", "png", KlingImageTaskJsonConverter.Instance,
                async (client, inputs, _, ct) => await client.Kling.CreateKolorsTryOnAsync(
                    new KolorsTryOnRequest { HumanImage = inputs.FirstImage!, ClothImage = inputs.Cloth!, ModelName = inputs.Model },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Prompt = PromptUse.None,
                Options = new[] { "--image", "--cloth", "--model" },
                RequiredOptions = new[] { ("--image", "the person's photo"), ("--cloth", "the garment") },
            },
            new TaskFamily<MidjourneyTask>(
                "midjourney", "getMidjourneyTask", "Midjourney imagine", "image", "png", MidjourneyTaskJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Midjourney.SubmitImagineAsync(
                    new MidjourneyImagineRequest
                    {
                        Prompt = prompt!,

                        // Required by YEScale's page; Midjourney's own bot unless Niji is asked for.
                        BotType = inputs.Bot is { } bot ? new MidjourneyBotType(bot) : MidjourneyBotType.MIDJOURNEY,
                        Base64Array = inputs.Images.Count > 0 ? inputs.Images.ToList() : null,
                    },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Aliases = new[] { "mj" },
                Options = new[] { "--bot", "--image" },
            },
            new TaskFamily<SunoTaskResponse>(
                "suno", "getSunoTask", "Suno music", "music", "mp3", SunoTaskResponseJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Suno.SubmitMusicAsync(
                    new SunoMusicRequest
                    {
                        // A description lets Suno write the lyrics; with --lyrics the text is the lyrics (custom mode).
                        GptDescriptionPrompt = inputs.Lyrics ? null : prompt,
                        Prompt = inputs.Lyrics ? prompt : null,
                        Mv = inputs.Model,
                        Title = inputs.Title,
                        Tags = inputs.Tags,
                        MakeInstrumental = inputs.Instrumental ? true : null,
                    },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Options = new[] { "--model", "--title", "--tags", "--lyrics", "--instrumental" },
            },
            new TaskFamily<TaskEnvelope>(
                "video", "getVideoGeneration", "the generic video route (veo, pika...)", "video", "mp4", TaskEnvelopeJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Video.CreateGenerationAsync(
                    new VideoGenerationRequest { Model = inputs.Model!, Prompt = prompt!, Image = inputs.FirstImage, Duration = inputs.Duration },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Options = new[] { "--model", "--image", "--duration" },
                RequiredOptions = new[] { ("--model", "the model, such as veo3 or pika-2.2") },
            },
            new TaskFamily<VideoJob>(
                "openai-video", "getVideo", "OpenAI-format video (sora)", "video", "mp4", VideoJobJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Video.CreateJobAsync(
                    new VideoJobRequest
                    {
                        Model = inputs.Model ?? "sora-2",
                        Prompt = prompt!,
                        Seconds = inputs.DurationText,
                        Size = inputs.Size,
                        InputReference = inputs.FirstImage,
                    },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Aliases = new[] { "sora" },
                Options = new[] { "--model", "--duration", "--size", "--image" },
            },
            new TaskFamily<MediaTask>(
                "media", "getMediaTask", "YEScale Media (images and videos)", "result", "bin", MediaTaskJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Media.SubmitTaskAsync(
                    new MediaTaskRequest
                    {
                        Model = inputs.Model!,
                        Prompt = prompt!,
                        Config = new MediaTaskConfig
                        {
                            AspectRatio = inputs.Ratio,
                            Size = inputs.Size,
                            Duration = inputs.Duration,
                            Images = inputs.Images.Count > 0 ? inputs.Images.ToList() : null,
                        },
                    },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Options = new[] { "--model", "--ratio", "--size", "--duration", "--image" },
                RequiredOptions = new[] { ("--model", "the model, such as nano-banana-2 or veo-3.1") },
            },
            new TaskFamily<RunwayTask>(
                "runway", "getRunwayTask", "Runway image to video", "video", "mp4", RunwayTaskJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Runway.CreateVideoAsync(
                    new RunwayVideoRequest { PromptImage = inputs.FirstImage!, PromptText = prompt, Model = inputs.Model, Ratio = inputs.Ratio, Duration = inputs.Duration },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Prompt = PromptUse.Optional,
                Options = new[] { "--image", "--model", "--ratio", "--duration" },
                RequiredOptions = new[] { ("--image", "the first frame") },
            },
            new TaskFamily<LumaGeneration>(
                "luma", "getLumaGeneration", "Luma video", "video", "mp4", LumaGenerationJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Luma.CreateGenerationAsync(
                    new LumaGenerationRequest
                    {
                        UserPrompt = prompt!,
                        ImageUrl = inputs.FirstImage,
                        ImageEndUrl = inputs.EndImage,
                        AspectRatio = inputs.Ratio,
                        Loop = inputs.Loop ? true : null,
                    },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Options = new[] { "--image", "--end-image", "--ratio", "--loop" },
            },
            new TaskFamily<MinimaxVideoTask>(
                "hailuo", "getMinimaxVideo", "Minimax Hailuo video", "video", "mp4", MinimaxVideoTaskJsonConverter.Instance,
                async (client, inputs, prompt, ct) => await client.Minimax.CreateVideoAsync(
                    new MinimaxVideoRequest
                    {
                        // Required by YEScale's page; its example's model.
                        Model = inputs.Model ?? "MiniMax-Hailuo-02",
                        Prompt = prompt!,
                        FirstFrameImage = inputs.FirstImage,
                        Duration = inputs.Duration,
                        Resolution = inputs.Resolution,
                    },
                    cancellationToken: ct).ConfigureAwait(false))
            {
                Aliases = new[] { "minimax" },
                Options = new[] { "--model", "--image", "--duration", "--resolution" },
                Download = DownloadMinimaxFileAsync,
            },
        };

        /// <summary>The names --family takes, for messages.</summary>
        public static string Names => string.Join(", ", All.Select(family => family.Name));

        /// <summary>The family named <paramref name="name"/> (or one of its aliases), ignoring case; null when there is none.</summary>
        public static TaskFamily? Find(string name) =>
            All.FirstOrDefault(family => string.Equals(family.Name, name, StringComparison.OrdinalIgnoreCase)
                || family.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));

        /// <summary>The family whose tasks the operation <paramref name="kind"/> fetches (as the journal and exceptions name it).</summary>
        public static TaskFamily? OfKind(string? kind) => All.FirstOrDefault(family => string.Equals(family.Kind, kind, StringComparison.Ordinal));

        /// <summary>How a task is named on the command line, by the operation that fetches it: <c>kling:ID</c>, or the bare id.</summary>
        public static string Reference(string? kind, string taskId) => OfKind(kind)?.Reference(taskId) ?? taskId;

        /// <summary>
        /// Hailuo's answer names a file, not a link: the file's record gives the link, which is fetched without the API
        /// key (it points at storage, as every result link does).
        /// </summary>
        private static async Task DownloadMinimaxFileAsync(YEScaleClient client, MinimaxVideoTask task, HttpClient http, Stream destination, CancellationToken cancellationToken)
        {
            var fileId = task.FileId ?? throw new InvalidOperationException($"Hailuo task {task.TaskId} has no file id yet: wait for it first.");
            var file = await client.Minimax.GetFileAsync(fileId, cancellationToken: cancellationToken).ConfigureAwait(false);
            var url = file.File?.DownloadUrl ?? throw new InvalidOperationException($"Hailuo file {fileId} has no download link.");
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new IOException($"The storage host answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} for Hailuo file {fileId}.");
                }

                await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                // Told apart from YEScale being unreachable: the link points at a storage host, not at --base-url.
                var host = Uri.TryCreate(url, UriKind.Absolute, out var link) ? link.Host : url;
                throw new IOException($"Hailuo file {fileId} could not be fetched from {host}: {exception.Message.TrimEnd('.')}.", exception);
            }
        }
    }
}
