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
    /// YEScale Media answers are known in two shapes: YEScale's own page puts results in <c>results</c> (with
    /// <c>created_at</c>/<c>updated_at</c>), public client code reads <c>task_result</c>. The spec lists both result
    /// pointers, and waiting and downloading work with either, over a real server on 127.0.0.1.
    /// </summary>
    public class MediaTaskShapeTests
    {
        private const string TaskId = "yescale-flux-kontext[max]-44bd60a4b5c6";

        private static readonly ApiClientOptions Options = new()
        {
            ApiKey = "sk-media-shapes",
            TaskWait = new TaskWaitOptions { Interval = TimeSpan.FromMilliseconds(20), BackoffFactor = 1, Jitter = 0 },
        };

        /// <summary>The submit answer exactly as YEScale's page shows it, then the script of query answers; /files/ serves the result.</summary>
        private static Task<LoopbackServer> Server(params Func<Uri, string>[] answers)
            => ScriptedTaskServer.StartAsync("{\"created_at\":1761576676,\"progress\":\"0%\",\"results\":{},\"status\":\"SUBMITTED\",\"task_id\":\"" + TaskId + "\",\"updated_at\":1761576676}", answers);

        private static string Pending(Uri _) => "{\"task_id\":\"" + TaskId + "\",\"status\":\"PROCESSING\",\"progress\":\"40%\"}";

        private static string PageShape(Uri server) => "{\"task_id\":\"" + TaskId + "\",\"status\":\"SUCCESS\",\"progress\":\"100%\",\"created_at\":1761576676,\"updated_at\":1761576700,\"results\":{\"url\":\"" + server + "files/page.png\"}}";

        private static string ClientCodeShape(Uri server) => "{\"task_id\":\"" + TaskId + "\",\"status\":\"SUCCESS\",\"progress\":\"100%\",\"submit_time\":1761576676,\"finish_time\":1761576700,\"task_result\":{\"url\":\"" + server + "files/client.png\",\"url_expires_at\":1762181500}}";

        [Fact]
        public async Task The_submit_answer_of_YEScales_page_reads_with_its_SUBMITTED_status_and_empty_results()
        {
            await using var server = await Server(PageShape);
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, Options);

            var submitted = await client.Media.SubmitTaskAsync(new YEScale.MediaTaskRequest { Model = "flux-kontext[max]", Prompt = "Add text: Bogia" });
            var created = submitted.SubmitAnswer;
            Assert.Equal(TaskId, submitted.Id);

            Assert.Equal(TaskId, created.TaskId);
            Assert.Equal(YEScale.MediaTaskStatus.SUBMITTED, created.Status);
            Assert.True(created.Status!.Value.IsKnown);
            Assert.Equal("0%", created.Progress);
            Assert.NotNull(created.Results);
            Assert.Null(created.Results!.Url);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1761576676), created.CreatedAt);
        }

        [Theory]
        [InlineData("results", "page.png")]
        [InlineData("task_result", "client.png")]
        public async Task Waiting_and_downloading_work_with_either_result_shape(string shape, string file)
        {
            await using var server = await Server(Pending, shape == "results" ? PageShape : ClientCodeShape);
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, Options);

            var taskHandle = await client.Media.SubmitTaskAsync(new YEScale.MediaTaskRequest { Model = "flux-kontext[max]", Prompt = "Add text: Bogia" });
            var task = await taskHandle.WaitAsync();
            using var saved = new MemoryStream();
            await taskHandle.DownloadAsync(saved);

            Assert.Equal(YEScale.MediaTaskStatus.SUCCESS, task.Status);
            Assert.Equal(ScriptedTaskServer.ResultBytes, saved.ToArray());
            Assert.Contains(server.Requests, r => r.Path == "/files/" + file);
            // The result link points at storage: the key is not sent there.
            Assert.DoesNotContain("Authorization", server.Requests.Single(r => r.Path == "/files/" + file).Headers.Keys);
        }
    }
}
