using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace YEScale.Simulator
{
    /// <summary>
    /// An in-process simulation of YEScale's Seedance task API on 127.0.0.1: submit, fetch, download.
    /// Answers are shaped like the documentation's example; tasks go queued, running, then succeeded (or failed).
    /// </summary>
    public sealed class YEScaleSimulator : IAsyncDisposable
    {
        /// <summary>The task id of the documentation page's example, always present and already succeeded.</summary>
        public const string ExampleTaskId = "cgt-20250702113430-gvkhb";

        private readonly ConcurrentDictionary<string, SimulatedTask> _tasks = new(StringComparer.Ordinal);
        private readonly SimulatorOptions _options;
        private readonly TimeProvider _time;
        private WebApplication? _app;
        private int _requestCount;

        public YEScaleSimulator(SimulatorOptions? options = null, TimeProvider? timeProvider = null)
        {
            _options = options ?? new SimulatorOptions();
            _time = timeProvider ?? TimeProvider.System;
            var exampleCreated = DateTimeOffset.FromUnixTimeSeconds(1751427271);
            _tasks[ExampleTaskId] = new SimulatedTask(
                ExampleTaskId,
                "doubao-seedance-1-0-pro-250528",
                new[]
                {
                    new SimulatedContentItem("text", "A 20-year-old girl, with an oval face, delicate features, long black hair, fair skin, and ambient light, wearing a short white skirt, sitting on a bench beside the street, smiling and shaking her hair --resolution 480p --duration 5", null, null),
                    new SimulatedContentItem("image_url", null, "https://p2.a.kwimgs.com/bs2/upload-ylab-stunt/ai_portal/1731125871/6N0QrAnAeU/409-f054fa25c21a.png", null),
                },
                exampleCreated,
                willFail: false);
        }

        /// <summary>Where the simulator listens, once started.</summary>
        public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

        /// <summary>How many HTTP requests the simulator has answered.</summary>
        public int RequestCount => Volatile.Read(ref _requestCount);

        /// <summary>The tasks submitted so far (and the example).</summary>
        public IReadOnlyCollection<SimulatedTask> Tasks => _tasks.Values.ToList();

        /// <summary>Starts listening on 127.0.0.1 (port 0 picks a free one).</summary>
        public async Task<Uri> StartAsync(int port = 0, CancellationToken cancellationToken = default)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            _app = builder.Build();
            Map(_app);
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            BaseAddress = new Uri(address.TrimEnd('/') + "/");
            return BaseAddress;
        }

        /// <summary>Maps the simulated endpoints onto an application.</summary>
        public void Map(IEndpointRouteBuilder endpoints)
        {
            endpoints.MapPost("/seedance/generations", (Func<HttpContext, Task<IResult>>)SubmitAsync);
            endpoints.MapGet("/seedance/generations/{task_id}", Fetch);
            endpoints.MapGet("/files/{task_id}.mp4", Download);
        }

        private bool Authorized(HttpContext context)
        {
            Interlocked.Increment(ref _requestCount);
            return _options.ApiKey is null || context.Request.Headers.Authorization.ToString() == "Bearer " + _options.ApiKey;
        }

        private async Task<IResult> SubmitAsync(HttpContext context)
        {
            if (!Authorized(context))
            {
                return Unauthorized();
            }

            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException)
            {
                return InvalidRequest("The request body is not valid JSON.");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
                {
                    return InvalidRequest("'model' (string) and 'content' (non-empty array) are required.");
                }

                var items = new List<SimulatedContentItem>();
                foreach (var item in content.EnumerateArray())
                {
                    var type = item.TryGetProperty("type", out var t) ? t.GetString() : null;
                    if (type is not ("text" or "image_url"))
                    {
                        return InvalidRequest("Every content item needs a 'type' of 'text' or 'image_url'.");
                    }

                    items.Add(new SimulatedContentItem(
                        type,
                        item.TryGetProperty("text", out var text) ? text.GetString() : null,
                        item.TryGetProperty("image_url", out var image) && image.TryGetProperty("url", out var url) ? url.GetString() : null,
                        item.TryGetProperty("role", out var role) ? role.GetString() : null));
                }

                var now = _time.GetUtcNow();
                var id = "cgt-" + now.ToString("yyyyMMddHHmmss") + "-" + RandomSuffix();
                var willFail = items.Any(i => i.Text?.Contains(_options.FailWhenPromptContains, StringComparison.Ordinal) == true);
                _tasks[id] = new SimulatedTask(id, model.GetString()!, items, now, willFail);
                return Json(200, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", id);
                    writer.WriteEndObject();
                });
            }
        }

        private IResult Fetch(HttpContext context, string task_id)
        {
            if (!Authorized(context))
            {
                return Unauthorized();
            }

            if (!_tasks.TryGetValue(task_id, out var task))
            {
                return Json(404, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("code", "task_not_exist");
                    writer.WriteString("message", "task_not_exist");
                    writer.WriteNull("data");
                    writer.WriteEndObject();
                });
            }

            var now = _time.GetUtcNow();
            var status = task.StatusAt(now, _options);
            var baseUri = $"{context.Request.Scheme}://{context.Request.Host}";
            var updatedAt = task.Id == ExampleTaskId ? DateTimeOffset.FromUnixTimeSeconds(1751427302) : task.UpdatedAt(now, _options);
            return Json(200, writer => WriteTask(writer, task, status, updatedAt, baseUri));
        }

        private IResult Download(HttpContext context, string task_id)
        {
            if (!_tasks.TryGetValue(task_id, out var task) || task.StatusAt(_time.GetUtcNow(), _options) != "succeeded")
            {
                return Results.NotFound();
            }

            Interlocked.Increment(ref _requestCount);
            return Results.Bytes(PlaceholderVideo.Bytes, "video/mp4");
        }

        private static void WriteTask(Utf8JsonWriter writer, SimulatedTask task, string status, DateTimeOffset updatedAt, string baseUri)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("content");
            if (status == "succeeded")
            {
                writer.WriteString("video_url", task.Id == ExampleTaskId
                    ? "https://ark-content-generation-cn-beijing.tos-cn-beijing.volces.com/doubao-seedance-1-0-pro/02175142727180900000000000000000000ffffac15f035351d73.mp4"
                    : $"{baseUri}/files/{Uri.EscapeDataString(task.Id)}.mp4");
            }

            writer.WriteEndObject();
            writer.WriteNumber("created_at", task.CreatedAt.ToUnixTimeSeconds());
            writer.WriteString("id", task.Id);
            writer.WriteString("message", "YEScale - Seedance Video Generation - Fetch");
            writer.WriteString("model", task.Model);
            writer.WriteStartObject("request");
            writer.WriteStartArray("content");
            foreach (var item in task.Content)
            {
                writer.WriteStartObject();
                if (item.Text != null)
                {
                    writer.WriteString("text", item.Text);
                }

                if (item.ImageUrl != null)
                {
                    writer.WriteStartObject("image_url");
                    writer.WriteString("url", item.ImageUrl);
                    writer.WriteEndObject();
                }

                if (item.Role != null)
                {
                    writer.WriteString("role", item.Role);
                }

                writer.WriteString("type", item.Type);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("model", task.Model);
            writer.WriteEndObject();
            writer.WriteString("status", status);
            if (status == "failed")
            {
                writer.WriteStartObject("error");
                writer.WriteString("code", "OutputVideoSensitiveContentDetected");
                writer.WriteString("message", "The generated video may contain sensitive content.");
                writer.WriteEndObject();
            }

            writer.WriteNumber("updated_at", updatedAt.ToUnixTimeSeconds());
            writer.WriteStartObject("usage");
            var tokens = status == "succeeded" ? (task.Id == ExampleTaskId ? 47311 : 108900) : 0;
            writer.WriteNumber("completion_tokens", tokens);
            writer.WriteNumber("total_tokens", tokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static IResult Unauthorized() => Json(401, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", "Invalid token");
            writer.WriteString("type", "yescale_api_error");
            writer.WriteString("code", "invalid_api_key");
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

        private static IResult InvalidRequest(string message) => Json(400, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", "invalid_request_error");
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

        private static IResult Json(int status, Action<Utf8JsonWriter> write)
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer);
            }

            return Results.Text(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), "application/json", System.Text.Encoding.UTF8, status);
        }

        private static string RandomSuffix()
        {
            const string letters = "abcdefghijklmnopqrstuvwxyz0123456789";
            return string.Create(5, 0, (span, _) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = letters[Random.Shared.Next(letters.Length)];
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            if (_app != null)
            {
                await _app.StopAsync().ConfigureAwait(false);
                await _app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
