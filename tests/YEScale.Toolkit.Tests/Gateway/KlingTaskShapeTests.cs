using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Gateway
{
    /// <summary>
    /// Kling's task answers come in Kling's own shape (<c>code</c> 0, <c>data.task_status</c>, <c>data.task_result</c>) or
    /// in a relay's envelope (<c>code: "success"</c>, <c>data.status</c>, <c>data.result_url</c>); the spec lists both
    /// pointers and words, and waiting, downloading and failure details work with either, over 127.0.0.1.
    /// </summary>
    public class KlingTaskShapeTests
    {
        private const string TaskId = "CjhQ2mgHjpMAAAAAAF5nSg";

        private static readonly ApiClientOptions Options = new()
        {
            ApiKey = "sk-kling-shapes",
            TaskWait = new TaskWaitOptions { Interval = TimeSpan.FromMilliseconds(20), BackoffFactor = 1, Jitter = 0 },
        };

        private static Task<LoopbackServer> Server(params Func<Uri, string>[] answers)
            => ScriptedTaskServer.StartAsync("{\"code\":0,\"message\":\"SUCCEED\",\"data\":{\"task_id\":\"" + TaskId + "\",\"task_status\":\"submitted\"}}", answers);

        private static string Envelope(string status, string extra) => "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"" + TaskId + "\",\"status\":\"" + status + "\"" + extra + "}}";

        private static string Native(string status, string extra) => "{\"code\":0,\"message\":\"SUCCEED\",\"data\":{\"task_id\":\"" + TaskId + "\",\"task_status\":\"" + status + "\"" + extra + "}}";

        [Theory]
        [InlineData("envelope")]
        [InlineData("native")]
        public async Task An_image_task_is_waited_for_and_downloaded_in_either_shape(string shape)
        {
            Func<Uri, string>[] answers = shape == "envelope"
                ? new Func<Uri, string>[] { _ => Envelope("IN_PROGRESS", ",\"progress\":\"40%\""), server => Envelope("SUCCESS", ",\"result_url\":\"" + server + "files/envelope.png\"") }
                : new Func<Uri, string>[] { _ => Native("processing", string.Empty), server => Native("succeed", ",\"task_result\":{\"images\":[{\"index\":0,\"url\":\"" + server + "files/native.png\"}]}") };
            await using var server = await Server(answers);
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, Options);

            var taskHandle = await client.Kling.CreateImageAsync(new YEScale.KlingImageRequest { Prompt = "a paper boat" });
            var task = await taskHandle.WaitAsync();
            using var saved = new MemoryStream();
            await taskHandle.DownloadAsync(saved);

            Assert.Equal(ScriptedTaskServer.ResultBytes, saved.ToArray());
            Assert.Contains(server.Requests, r => r.Path == "/files/" + shape + ".png");
            Assert.Equal(shape == "envelope", task.Code.IsString);
        }

        [Fact]
        public async Task A_failed_task_in_the_envelope_carries_its_reason()
        {
            await using var server = await Server(_ => Envelope("FAILURE", ",\"fail_reason\":\"prompt rejected\""));
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, Options);

            var failure = await Assert.ThrowsAsync<TaskFailedException<YEScale.KlingImageTask>>(() => client.Kling.WaitForImageAsync(TaskId));

            Assert.Equal("FAILURE", failure.Status);
            Assert.Equal("prompt rejected", failure.Error);
            Assert.Equal(TaskId, failure.TaskId);
        }
    }
}
