using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using YEScale;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Gateway
{
    /// <summary>
    /// Every task-style model in the shipped spec, through the generated client against the simulator over 127.0.0.1:
    /// submit and wait (the status words and result place come from each query's x-yescale-task), download the result,
    /// and a failing task surfaces as <see cref="TaskFailedException"/> with the model's own failure detail.
    /// </summary>
    public class TaskFamilyTests
    {
        /// <summary>How one family is submitted and waited for, what its spec calls success, and the model its query answers with.</summary>
        public sealed record Family(
            string Name,
            string SucceededWord,
            Type SnapshotType,
            Func<YEScaleClient, string, CancellationToken, Task<Finished>> SubmitAndWait)
        {
            public override string ToString() => Name;
        }

        /// <summary>A finished task: its final status word and, when the spec names a result, a way to download it.</summary>
        public sealed record Finished(string? Status, Func<Stream, CancellationToken, Task>? Download);

        private static readonly Family[] Families =
        {
            new("Seedance", "succeeded", typeof(SeedanceGeneration), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Seedance.CreateGenerationAsync(SimulatedService.Request(prompt), cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Status.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Midjourney imagine", "SUCCESS", typeof(MidjourneyTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Midjourney.SubmitImagineAsync(new MidjourneyImagineRequest { BotType = MidjourneyBotType.MIDJOURNEY, Prompt = prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Status?.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Midjourney action", "SUCCESS", typeof(MidjourneyTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Midjourney.SubmitActionAsync(new MidjourneyActionRequest { TaskId = "1751427271123456", CustomId = "MJ::JOB::upsample::1::" + prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Status?.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Midjourney change", "SUCCESS", typeof(MidjourneyTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Midjourney.SubmitChangeAsync(new MidjourneyChangeRequest { Action = MidjourneyChangeRequestAction.UPSCALE, Index = 2, TaskId = "1751427271123456", State = prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Status?.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Midjourney blend", "SUCCESS", typeof(MidjourneyTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Midjourney.SubmitBlendAsync(new MidjourneyBlendRequest { Base64Array = new List<string> { "data:image/png;base64,iVBORw0KGgo=", prompt } }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Status?.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Midjourney describe", "SUCCESS", typeof(MidjourneyTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Midjourney.SubmitDescribeAsync(new MidjourneyDescribeRequest { BotType = MidjourneyBotType.MIDJOURNEY, Base64 = "data:image/png;base64," + prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Status?.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Kling image", "succeed", typeof(KlingImageTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Kling.CreateImageAsync(new KlingImageRequest { Prompt = prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Data?.TaskStatus.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Kolors virtual try-on", "succeed", typeof(KlingImageTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Kling.CreateKolorsTryOnAsync(new KolorsTryOnRequest { ModelName = "kolors-virtual-try-on-v1-5", HumanImage = "https://example.com/person.png", ClothImage = "https://example.com/" + prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Data?.TaskStatus.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Kling text to video", "succeed", typeof(KlingVideoTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Kling.CreateTextToVideoAsync(new KlingTextToVideoRequest { Prompt = prompt, Duration = "5" }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Data?.TaskStatus.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Kling image to video", "succeed", typeof(KlingVideoTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Kling.CreateImageToVideoAsync(new KlingImageToVideoRequest { ModelName = "kling-v1-6", Image = "https://example.com/frame.png", Prompt = prompt, Mode = "std", CameraControl = new() { Type = KlingCameraControlType.Simple, Config = new() { Zoom = 5 } } }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Data?.TaskStatus.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Runway", "SUCCEEDED", typeof(RunwayTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Runway.CreateVideoAsync(new RunwayVideoRequest { PromptImage = "https://example.com/frame.png", PromptText = prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Status.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Luma", "completed", typeof(LumaGeneration), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Luma.CreateGenerationAsync(new LumaGenerationRequest { UserPrompt = prompt, ExpandPrompt = true, AspectRatio = "16:9" }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.State?.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Generic video (Pika, Veo)", "SUCCESS", typeof(TaskEnvelope), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Video.CreateGenerationAsync(new VideoGenerationRequest { Model = "veo3", Prompt = prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Data?.Status?.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("OpenAI-format video", "completed", typeof(VideoJob), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Video.CreateJobAsync(new VideoJobRequest { Model = "sora-2", Prompt = prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Status.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("Minimax", "Success", typeof(MinimaxVideoTask), async (client, prompt, ct) =>
            {
                // The task id travels in the query string here, and the result is a file id, not a link: no download.
                var taskHandle = await client.Minimax.CreateVideoAsync(new MinimaxVideoRequest { Model = "MiniMax-Hailuo-02", Prompt = prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Status?.ToString(), null);
            }),
            new("Suno", "SUCCESS", typeof(SunoTaskResponse), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Suno.SubmitMusicAsync(new SunoMusicRequest { GptDescriptionPrompt = prompt, Mv = "chirp-v4" }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Data?.Status?.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
            new("YEScale Media", "SUCCESS", typeof(MediaTask), async (client, prompt, ct) =>
            {
                var taskHandle = await client.Media.SubmitTaskAsync(new MediaTaskRequest { Model = "veo-3.1", Prompt = prompt }, cancellationToken: ct);
                var task = await taskHandle.WaitAsync(ct);
                return new Finished(task.Status.ToString(), (file, c) => taskHandle.DownloadAsync(file, c));
            }),
        };

        public static TheoryData<Family> AllFamilies() => new(Families);

        [Theory]
        [MemberData(nameof(AllFamilies))]
        public async Task Each_task_model_submits_waits_until_its_success_word_and_downloads_its_result(Family family)
        {
            await using var service = await SimulatedService.StartAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

            var finished = await family.SubmitAndWait(service.Client, "A paper boat on a rainy street", timeout.Token);

            Assert.Equal(family.SucceededWord, finished.Status);
            if (finished.Download != null)
            {
                using var file = new MemoryStream();
                await finished.Download(file, timeout.Token);
                Assert.True(file.Length > 0, "The downloaded result is empty.");
            }

            // Waiting polled the query more than once: the task really went through its pending words first.
            Assert.True(service.Simulator.Requests.Count(r => r.Method == "GET" && r.IsTaskEndpoint) >= 2);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Theory]
        [MemberData(nameof(AllFamilies))]
        public async Task Each_task_model_reports_a_failed_task_with_its_id_and_failure_detail(Family family)
        {
            await using var service = await SimulatedService.StartAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

            var failure = await Assert.ThrowsAsync(
                typeof(TaskFailedException<>).MakeGenericType(family.SnapshotType),
                () => family.SubmitAndWait(service.Client, "A boat that sinks [fail]", timeout.Token));

            var failed = (TaskFailedException)failure;
            Assert.False(string.IsNullOrEmpty(failed.TaskId));
            Assert.Contains(failed.TaskId, service.Simulator.Tasks.Select(t => t.Id));
            Assert.NotNull(failed.Status);
            Assert.NotEqual(family.SucceededWord, failed.Status);

            // Every family's x-yescale-task names where its failure detail is; the exception carries it.
            Assert.False(string.IsNullOrWhiteSpace(failed.Error), "No failure detail for " + family.Name);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }
    }
}
