using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Infrastructure;
using YEScale.Toolkit.Tests.RelayTasks;

namespace YEScale.Toolkit.Tests.Polling
{
    /// <summary>
    /// A different task API (status under data/, upper-case words, progress text) gets working wait methods from the
    /// same extension: the semantics come from the spec, not from names in the generator.
    /// </summary>
    public class SpecDrivenTaskTests
    {
        private static TaskWaitOptions Fast => new() { Interval = TimeSpan.FromMilliseconds(20), BackoffFactor = 1, Jitter = 0 };

        /// <summary>A server that answers the submit with a task id and each fetch with the next answer of a script.</summary>
        private static Task<LoopbackServer> ScriptedServer(params string[] answers)
            => ScriptedTaskServer.StartAsync("{\"code\":\"success\",\"data\":\"music-1\"}", answers.Select(answer => (Func<Uri, string>)(_ => answer)).ToArray());

        private static string Envelope(string status, string progress, string? extra = null)
            => "{\"code\":\"success\",\"data\":{\"task_id\":\"music-1\",\"status\":\"" + status + "\",\"progress\":\"" + progress + "\"" + (extra ?? string.Empty) + "}}";

        [Fact]
        public async Task Submit_and_wait_follows_the_link_and_reports_progress_changes()
        {
            await using var server = await ScriptedServer(
                Envelope("SUBMITTED", "0%"),
                Envelope("IN_PROGRESS", "40%"),
                Envelope("IN_PROGRESS", "40%"),
                Envelope("IN_PROGRESS", "80%"),
                Envelope("SUCCESS", "100%", ",\"result_url\":\"https://cdn.example/music-1.mp3\""));
            using var http = server.CreateHttpClient();
            var client = new RelayTasksClient(http, new ApiClientOptions { TaskWait = Fast });
            var seen = new List<(string? Status, string? Progress)>();

            var task = await (await client.SubmitMusicAsync(new SubmitMusicRequest { Prompt = "lofi" })).WaitAsync(null, new Progress(seen));

            Assert.Equal("https://cdn.example/music-1.mp3", task.Data!.ResultUrl);
            Assert.Equal(
                new (string?, string?)[] { ("SUBMITTED", "0%"), ("IN_PROGRESS", "40%"), ("IN_PROGRESS", "80%"), ("SUCCESS", "100%") },
                seen);
            Assert.All(server.Requests.Where(r => r.Method == "GET"), r => Assert.Equal("/music/fetch/music-1", r.RawTarget));
        }

        [Fact]
        public async Task The_failure_word_and_reason_come_from_the_spec()
        {
            await using var server = await ScriptedServer(
                Envelope("IN_PROGRESS", "10%"),
                Envelope("failure", "10%", ",\"fail_reason\":\"prompt rejected\""));
            using var http = server.CreateHttpClient();
            var client = new RelayTasksClient(http, new ApiClientOptions { TaskWait = Fast });

            var exception = await Assert.ThrowsAsync<TaskFailedException<RelayTasks.TaskEnvelope>>(() => client.WaitForMusicAsync("music-1"));

            Assert.Equal("failure", exception.Status);
            Assert.Equal("prompt rejected", exception.Error);
            Assert.Equal("music-1", exception.TaskId);
        }

        [Fact]
        public async Task A_status_the_spec_does_not_list_is_pending_even_when_it_sounds_final()
        {
            await using var server = await ScriptedServer(
                Envelope("succeeded", "100%"),
                Envelope("SUCCESS", "100%"));
            using var http = server.CreateHttpClient();
            var client = new RelayTasksClient(http, new ApiClientOptions { TaskWait = Fast });

            var task = await client.WaitForMusicAsync("music-1");

            // "succeeded" is YEScale's word, not this spec's; the wait went on until SUCCESS.
            Assert.Equal("SUCCESS", task.Data!.Status);
            Assert.Equal(2, server.Requests.Count);
        }

        private sealed class Progress : IProgress<TaskSnapshot<RelayTasks.TaskEnvelope>>
        {
            private readonly List<(string?, string?)> _seen;

            public Progress(List<(string?, string?)> seen) => _seen = seen;

            public void Report(TaskSnapshot<RelayTasks.TaskEnvelope> value) => _seen.Add((value.Status, value.Progress));
        }
    }
}
