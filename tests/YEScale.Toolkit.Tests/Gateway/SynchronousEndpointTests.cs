using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using YEScale;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Gateway
{
    /// <summary>
    /// The endpoints that answer at once (embeddings, images, audio, Claude, Gemini, task lists), through the generated
    /// client against the simulator, which answers each with the spec's own example: what arrives typed is what the spec says.
    /// </summary>
    public class SynchronousEndpointTests
    {
        [Fact]
        public async Task Embeddings_come_back_as_typed_vectors()
        {
            await using var service = await SimulatedService.StartAsync();

            var result = await service.Client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "text-embedding-3-small", Input = "The food was delicious." });

            var embedding = Assert.Single(result.Data);
            Assert.Equal(8, embedding.EmbeddingValue.AsSingleList!.Count);
            Assert.Equal(1.0, Math.Sqrt(embedding.EmbeddingValue.AsSingleList.Sum(v => (double)v * v)), 3);
            Assert.True(result.Usage!.TotalTokens > 0);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Embeddings_come_one_per_input_in_order_as_numbers_or_base64()
        {
            await using var service = await SimulatedService.StartAsync();
            var texts = new List<string> { "first text", "second text", "first text" };

            var floats = await service.Client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "text-embedding-3-small", Input = texts, Dimensions = 16 });
            var packed = await service.Client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "text-embedding-3-small", Input = texts, Dimensions = 16, EncodingFormat = EmbeddingRequestEncodingFormat.Base64 });

            Assert.Equal(new[] { 0, 1, 2 }, floats.Data.Select(d => d.Index));
            var vectors = floats.Data.Select(d => d.EmbeddingValue.AsSingleList!.ToArray()).ToList();
            Assert.All(vectors, v => Assert.Equal(16, v.Length));
            Assert.Equal(vectors[0], vectors[2]);
            Assert.NotEqual(vectors[0], vectors[1]);
            // The same floats, little-endian float32 in base64, as the official SDKs ask for them.
            var decoded = packed.Data.Select(d => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(d.EmbeddingValue.AsBytes!).ToArray()).ToList();
            Assert.Equal(vectors, decoded);
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task QWEN_image_models_generate_and_edit_through_the_DALL_E_format_routes()
        {
            // YEScale's menu lists qwen-image and qwen-image-edit without readable pages; the spec sends them by model id.
            await using var service = await SimulatedService.StartAsync();

            var generated = await service.Client.Images.CreateAsync(new ImageGenerationRequest { Model = "qwen-image", Prompt = "A paper boat", Size = "1024x1024" });
            var edited = await service.Client.Images.EditAsync(new ImageEditRequest
            {
                Image = FileUpload.FromBytes(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "boat.png", "image/png"),
                Prompt = "Make the boat red",
                Model = "qwen-image-edit",
            });

            Assert.NotNull(Assert.Single(generated.Data).Url);
            Assert.NotNull(Assert.Single(edited.Data).Url);
            Assert.Contains("\"model\":\"qwen-image\"", service.Exchanges.Single(e => e.PathAndQuery == "/v1/images/generations").RequestBody);
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Ideogram_3_generate_edit_and_remix_send_multipart_forms_and_come_back_as_image_links()
        {
            await using var service = await SimulatedService.StartAsync();
            var png = FileUpload.FromBytes(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "boat.png", "image/png");

            var generated = await service.Client.Images.GenerateIdeogramAsync(new IdeogramGenerateRequest { Prompt = "A paper boat on a rainy street", AspectRatio = "16x9", NumImages = 1 });
            var edited = await service.Client.Images.EditIdeogramAsync(new IdeogramEditRequest { Image = png, Mask = png, Prompt = "A red paper boat" });
            var remixed = await service.Client.Images.RemixIdeogramAsync(new IdeogramRemixRequest { Image = png, Prompt = "The paper boat as a watercolor", ImageWeight = 50 });

            Assert.EndsWith("/generate.png", Assert.Single(generated.Data).Url);
            Assert.EndsWith("/edit.png", Assert.Single(edited.Data).Url);
            Assert.EndsWith("/remix.png", Assert.Single(remixed.Data).Url);
            var forms = service.Simulator.Requests.Where(r => r.Path.StartsWith("/ideogram/", System.StringComparison.Ordinal)).ToList();
            Assert.Equal(3, forms.Count);
            Assert.All(forms, r => Assert.Equal(200, r.StatusCode));
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Legacy_completions_come_back_typed()
        {
            await using var service = await SimulatedService.StartAsync();

            var result = await service.Client.Chat.CreateCompletionAsync(new CompletionRequest { Model = "gpt-3.5-turbo-instruct", Prompt = new[] { "Say this is a test" } });

            Assert.Equal("\n\nThis is indeed a test.", Assert.Single(result.Choices).Text);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Image_generation_and_multipart_image_edit_come_back_as_image_links()
        {
            await using var service = await SimulatedService.StartAsync();

            var generated = await service.Client.Images.CreateAsync(new ImageGenerationRequest { Model = "dall-e-3", Prompt = "An otter", ResponseFormat = "url" });
            var edited = await service.Client.Images.EditAsync(new ImageEditRequest
            {
                Image = FileUpload.FromBytes(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "otter.png", "image/png"),
                Prompt = "Add a hat",
                Model = "gpt-image-1",
            });

            Assert.Equal("https://cdn.yescale.io/images/2025/07/02/otter.png", Assert.Single(generated.Data).Url);
            Assert.Equal("https://cdn.yescale.io/images/2025/07/02/edited.png", Assert.Single(edited.Data).Url);
            Assert.All(service.Simulator.Requests.Where(r => r.Path.StartsWith("/v1/images/", System.StringComparison.Ordinal)), r => Assert.Equal(200, r.StatusCode));

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Speech_comes_back_as_audio_bytes_and_transcription_as_text()
        {
            await using var service = await SimulatedService.StartAsync();

            var audio = await service.Client.Audio.CreateSpeechAsync(new SpeechRequest { Model = "tts-1", Input = "Hello", Voice = "alloy" });
            var transcription = await service.Client.Audio.CreateTranscriptionAsync(new TranscriptionRequest { File = FileUpload.FromBytes(audio, "hello.mp3", "audio/mpeg"), Model = "whisper-1" });
            var translation = await service.Client.Audio.CreateTranslationAsync(new TranslationRequest { File = FileUpload.FromBytes(audio, "hallo.mp3", "audio/mpeg"), Model = "whisper-1" });

            Assert.NotEmpty(audio);
            Assert.Equal("Imagine the wildest idea that you've ever had.", transcription.Text);
            Assert.Equal("Hello, my name is Wolfgang and I come from Germany.", translation.Text);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Claude_and_Gemini_formats_come_back_typed()
        {
            await using var service = await SimulatedService.StartAsync();

            var claude = await service.Client.Claude.CreateMessageAsync(new ClaudeMessageRequest
            {
                Model = "claude-sonnet-4-20250514",
                MaxTokens = 256,
                Messages = new List<ClaudeInputMessage> { new() { Role = "user", Content = "Hello, Claude" } },
            });

            // The model id is a path segment followed by ":generateContent" in the same segment.
            var gemini = await service.Client.Gemini.GenerateContentAsync("gemini-2.5-flash", new GeminiContentRequest
            {
                Contents = new List<GeminiContent> { new() { Role = "user", Parts = new List<GeminiPart> { new() { Text = "Write a story." } } } },
            });

            Assert.Equal("Hi! My name is Claude.", Assert.Single(claude.Content).Text);
            Assert.Equal("end_turn", claude.StopReason);
            Assert.StartsWith("Once upon a time", gemini.Candidates![0].Content!.Parts![0].Text);
            Assert.Contains(service.Simulator.Requests, r => r.Path == "/v1beta/models/gemini-2.5-flash:generateContent" && r.StatusCode == 200);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }

        [Fact]
        public async Task Task_lists_and_the_Minimax_file_lookup_come_back_typed()
        {
            await using var service = await SimulatedService.StartAsync();

            var midjourney = await service.Client.Midjourney.ListTasksAsync(new MidjourneyTaskListRequest { Ids = new List<string> { "1751427271123456" } });
            var suno = await service.Client.Suno.ListTasksAsync(new SunoTaskListRequest { Ids = new List<string> { "736a6f88-bd29-4b1e-b110-37132a5325ac" } });
            var file = await service.Client.Minimax.GetFileAsync("205258526306433");

            Assert.Equal("IN_PROGRESS", Assert.Single(midjourney).Status.ToString());
            Assert.Equal("45%", Assert.Single(suno.Data!).Progress);
            Assert.Equal("https://cdn.yescale.io/minimax/205258526306433.mp4", file.File!.DownloadUrl);

            // Everything sent and answered, judged by NJsonSchema against spec/ (not by this project's code).
            service.AssertExchangesConformToSpec();
        }
    }
}
