using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Polling;

namespace YEScale.Toolkit.Tests.Polling
{
    /// <summary>The JSON Lines journal: what it writes, what it reads back, and what it survives.</summary>
    public sealed class FileTaskJournalTests : IDisposable
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 7, 2, 3, 34, 31, TimeSpan.Zero);

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "yescale-journal-" + Guid.NewGuid().ToString("N"));

        private string JournalPath => Path.Combine(_directory, "tasks.jsonl");

        public void Dispose()
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }

        [Fact]
        public async Task A_submitted_task_is_unfinished_until_it_is_recorded_finished()
        {
            using var journal = new FileTaskJournal(JournalPath);
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-1", "getSeedanceGeneration", T0));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-2", "getSeedanceGeneration", T0.AddSeconds(1)));

            var before = await journal.GetUnfinishedAsync();
            await journal.RecordFinishedAsync("getSeedanceGeneration", "cgt-1", "succeeded");
            var after = await journal.GetUnfinishedAsync();

            Assert.Equal(new[] { "cgt-1", "cgt-2" }, before.Select(e => e.TaskId));
            var left = Assert.Single(after);
            Assert.Equal(new TaskJournalEntry("cgt-2", "getSeedanceGeneration", T0.AddSeconds(1)), left);
        }

        [Fact]
        public async Task Records_are_single_json_lines_in_the_documented_shape()
        {
            using var journal = new FileTaskJournal(JournalPath);
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-1", "getSeedanceGeneration", T0));
            await journal.RecordFinishedAsync("getSeedanceGeneration", "cgt-1", "succeeded");

            var text = File.ReadAllText(JournalPath);
            Assert.EndsWith("\n", text);
            var lines = text.TrimEnd('\n').Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.Equal("{\"event\":\"submitted\",\"operation\":\"getSeedanceGeneration\",\"taskId\":\"cgt-1\",\"at\":\"2025-07-02T03:34:31.0000000+00:00\"}", lines[0]);
            using var finished = JsonDocument.Parse(lines[1]);
            Assert.Equal("finished", finished.RootElement.GetProperty("event").GetString());
            Assert.Equal("getSeedanceGeneration", finished.RootElement.GetProperty("operation").GetString());
            Assert.Equal("cgt-1", finished.RootElement.GetProperty("taskId").GetString());
            Assert.Equal("succeeded", finished.RootElement.GetProperty("outcome").GetString());
            Assert.True(finished.RootElement.GetProperty("at").TryGetDateTimeOffset(out _));
        }

        [Fact]
        public async Task Records_survive_reopening_the_file_with_a_new_instance()
        {
            using (var first = new FileTaskJournal(JournalPath))
            {
                await first.RecordSubmittedAsync(new TaskJournalEntry("cgt-1", "getSeedanceGeneration", T0));
                await first.RecordSubmittedAsync(new TaskJournalEntry("cgt-2", "getSeedanceGeneration", T0.AddSeconds(1)));
                await first.RecordFinishedAsync("getSeedanceGeneration", "cgt-2", "failed");
            }

            using var second = new FileTaskJournal(JournalPath);
            var unfinished = await second.GetUnfinishedAsync();

            Assert.Equal(new TaskJournalEntry("cgt-1", "getSeedanceGeneration", T0), Assert.Single(unfinished));
        }

        [Fact]
        public async Task A_torn_last_line_is_skipped_and_later_appends_still_work()
        {
            using var journal = new FileTaskJournal(JournalPath);
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-1", "getSeedanceGeneration", T0));

            // What a process killed in the middle of a write leaves behind: half a record and no newline.
            using (var crashed = new FileStream(JournalPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                var half = Encoding.UTF8.GetBytes("{\"event\":\"submitted\",\"operation\":\"getSeedanceGeneration\",\"taskId\":\"cgt-tor");
                crashed.Write(half, 0, half.Length);
            }

            var afterCrash = await journal.GetUnfinishedAsync();
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-2", "getSeedanceGeneration", T0.AddSeconds(1)));
            await journal.RecordFinishedAsync("getSeedanceGeneration", "cgt-1", "succeeded");
            using var reopened = new FileTaskJournal(JournalPath);
            var later = await reopened.GetUnfinishedAsync();

            Assert.Equal("cgt-1", Assert.Single(afterCrash).TaskId);
            Assert.Equal("cgt-2", Assert.Single(later).TaskId);

            // The fragment keeps its own line; the next record was not glued onto it.
            var lines = File.ReadAllText(JournalPath).TrimEnd('\n').Split('\n');
            Assert.Equal(4, lines.Length);
            Assert.EndsWith("cgt-tor", lines[1]);
            Assert.Contains("\"taskId\":\"cgt-2\"", lines[2]);
        }

        [Fact]
        public async Task Empty_lines_and_lines_that_are_not_records_are_skipped()
        {
            using var journal = new FileTaskJournal(JournalPath);
            var at = "\"at\":\"2025-07-02T03:34:31.0000000+00:00\"";
            File.WriteAllText(JournalPath, string.Join("\n",
                "",
                "   ",
                "not json",
                "{}",
                "[1,2]",
                "{\"event\":\"submitted\",\"operation\":\"op\",\"taskId\":42," + at + "}",
                "{\"event\":\"submitted\",\"operation\":\"op\",\"taskId\":\"\"," + at + "}",
                "{\"event\":\"submitted\",\"operation\":\"op\",\"taskId\":\"no-time\"}",
                "{\"event\":\"submitted\",\"operation\":\"op\",\"taskId\":\"bad-time\",\"at\":\"yesterday\"}",
                "{\"event\":\"submitted\",\"operation\":\"op\",\"taskId\":\"twice\"," + at + "}{\"event\":\"x\"}",
                "{\"event\":\"renamed\",\"operation\":\"op\",\"taskId\":\"good\"," + at + "}",
                "{\"event\":\"submitted\",\"operation\":\"op\",\"taskId\":\"good\",\"extra\":{\"nested\":[1]}," + at + "}\r",
                "{\"event\":\"finished\",\"operation\":\"op\",\"taskId\":\"good\"," + at + "}",
                "") + "\n");

            var unfinished = await journal.GetUnfinishedAsync();

            // Only the well-formed submission counts; the finished record without an outcome is not a record.
            Assert.Equal("good", Assert.Single(unfinished).TaskId);
        }

        [Fact]
        public async Task Two_instances_appending_concurrently_from_many_tasks_lose_no_record()
        {
            using var first = new FileTaskJournal(JournalPath);
            using var second = new FileTaskJournal(JournalPath);
            const int PerInstance = 200;

            var writes = Enumerable.Range(0, PerInstance * 2).Select(i => Task.Run(async () =>
            {
                var journal = i % 2 == 0 ? first : second;
                await journal.RecordSubmittedAsync(new TaskJournalEntry("task-" + i, "getSeedanceGeneration", T0.AddSeconds(i)));
                if (i % 3 == 0)
                {
                    await journal.RecordFinishedAsync("getSeedanceGeneration", "task-" + i, "succeeded");
                }
            }));
            await Task.WhenAll(writes);

            var expected = Enumerable.Range(0, PerInstance * 2).Where(i => i % 3 != 0).Select(i => "task-" + i);
            Assert.Equal(expected, (await first.GetUnfinishedAsync()).Select(e => e.TaskId));
            var lines = File.ReadAllText(JournalPath).TrimEnd('\n').Split('\n');
            Assert.Equal(PerInstance * 2 + Enumerable.Range(0, PerInstance * 2).Count(i => i % 3 == 0), lines.Length);
            Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
        }

        [Fact]
        public async Task An_append_waits_while_another_writer_holds_the_lock_file()
        {
            using var journal = new FileTaskJournal(JournalPath);
            Task append;

            // Another process mid-append holds the companion lock file exclusively.
            using (new FileStream(JournalPath + ".lock", FileMode.OpenOrCreate, FileAccess.Write, FileShare.None))
            {
                append = journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-1", "getSeedanceGeneration", T0));
                await Task.Delay(200);
                Assert.False(append.IsCompleted);
                Assert.False(File.Exists(JournalPath));
            }

            await append.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("cgt-1", Assert.Single(await journal.GetUnfinishedAsync()).TaskId);
        }

        [Fact]
        public async Task Waiting_for_the_lock_file_honours_cancellation()
        {
            using var journal = new FileTaskJournal(JournalPath);
            using var held = new FileStream(JournalPath + ".lock", FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-1", "getSeedanceGeneration", T0), timeout.Token));
            Assert.False(File.Exists(JournalPath));
        }

        [Fact]
        public async Task Appends_work_while_another_handle_has_the_file_open_for_reading_and_writing()
        {
            using var journal = new FileTaskJournal(JournalPath);
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-1", "getSeedanceGeneration", T0));

            // Stands in for another process reading or appending with FileShare.ReadWrite.
            using var other = new FileStream(JournalPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-2", "getSeedanceGeneration", T0.AddSeconds(1)));

            Assert.Equal(new[] { "cgt-1", "cgt-2" }, (await journal.GetUnfinishedAsync()).Select(e => e.TaskId));
        }

        [Fact]
        public async Task The_operation_filter_returns_only_that_operations_tasks()
        {
            using var journal = new FileTaskJournal(JournalPath);
            await journal.RecordSubmittedAsync(new TaskJournalEntry("same-id", "getSeedanceGeneration", T0));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("same-id", "getOtherTask", T0.AddSeconds(1)));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("other-2", "getOtherTask", T0.AddSeconds(2)));

            // Finishing matches operation and id together: this finishes only the other operation's "same-id".
            await journal.RecordFinishedAsync("getOtherTask", "same-id", "succeeded");

            Assert.Equal(new[] { "same-id" }, (await journal.GetUnfinishedAsync("getSeedanceGeneration")).Select(e => e.TaskId));
            Assert.Equal(new[] { "other-2" }, (await journal.GetUnfinishedAsync("getOtherTask")).Select(e => e.TaskId));
            Assert.Empty(await journal.GetUnfinishedAsync("unknownOperation"));
            Assert.Equal(2, (await journal.GetUnfinishedAsync()).Count);
        }

        [Fact]
        public async Task Unfinished_tasks_are_listed_oldest_first_and_a_task_recorded_twice_once()
        {
            using var journal = new FileTaskJournal(JournalPath);
            await journal.RecordSubmittedAsync(new TaskJournalEntry("late", "op", T0.AddMinutes(5)));

            // One minute before T0, written in another offset: ordering is by instant, and the offset is kept.
            await journal.RecordSubmittedAsync(new TaskJournalEntry("early", "op", new DateTimeOffset(2025, 7, 2, 11, 33, 31, TimeSpan.FromHours(8))));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("middle", "op", T0));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("late", "op", T0.AddMinutes(9)));

            var unfinished = await journal.GetUnfinishedAsync();

            Assert.Equal(new[] { "early", "middle", "late" }, unfinished.Select(e => e.TaskId));
            Assert.Equal(TimeSpan.FromHours(8), unfinished[0].SubmittedAt.Offset);
            Assert.Equal(T0.AddMinutes(5), unfinished[2].SubmittedAt);
        }

        [Fact]
        public async Task A_missing_file_reads_as_an_empty_list()
        {
            using var journal = new FileTaskJournal(JournalPath);

            Assert.Empty(await journal.GetUnfinishedAsync());
            Assert.False(File.Exists(JournalPath));
        }

        [Fact]
        public void The_constructor_creates_the_directory()
        {
            var nested = Path.Combine(_directory, "a", "b", "tasks.jsonl");

            using var journal = new FileTaskJournal(nested);

            Assert.True(Directory.Exists(Path.GetDirectoryName(nested)));
            Assert.Equal(Path.GetFullPath(nested), journal.FilePath);
        }

        [Fact]
        public void The_default_path_is_yescale_tasks_jsonl_under_local_application_data()
        {
            var expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "YEScale", "yescale-tasks.jsonl");

            Assert.Equal(expected, FileTaskJournal.DefaultPath);
        }

        [Fact]
        public async Task Text_needing_escapes_round_trips_and_stays_on_one_line()
        {
            using var journal = new FileTaskJournal(JournalPath);
            var id = "id with \"quotes\", a\nnewline, \\ and é";
            await journal.RecordSubmittedAsync(new TaskJournalEntry(id, "op\r\nx", T0));

            Assert.Equal(id, Assert.Single(await journal.GetUnfinishedAsync("op\r\nx")).TaskId);
            Assert.Single(File.ReadAllText(JournalPath).TrimEnd('\n').Split('\n'));
        }

        [Fact]
        public async Task Null_or_empty_task_ids_operations_and_outcomes_are_rejected()
        {
            using var journal = new FileTaskJournal(JournalPath);

            await Assert.ThrowsAsync<ArgumentNullException>(() => journal.RecordSubmittedAsync(null!));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => journal.RecordSubmittedAsync(new TaskJournalEntry(null!, "op", T0)));
            await Assert.ThrowsAsync<ArgumentException>(() => journal.RecordSubmittedAsync(new TaskJournalEntry("", "op", T0)));
            await Assert.ThrowsAsync<ArgumentException>(() => journal.RecordSubmittedAsync(new TaskJournalEntry("id", "", T0)));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => journal.RecordFinishedAsync(null!, "id", "succeeded"));
            await Assert.ThrowsAsync<ArgumentException>(() => journal.RecordFinishedAsync("op", "", "succeeded"));
            await Assert.ThrowsAsync<ArgumentException>(() => journal.RecordFinishedAsync("op", "id", ""));
            await Assert.ThrowsAsync<ArgumentException>(() => journal.GetUnfinishedAsync(""));
            Assert.Throws<ArgumentException>(() => new FileTaskJournal(""));
            Assert.False(File.Exists(JournalPath));
        }

        [Fact]
        public async Task A_cancelled_token_cancels_without_writing()
        {
            using var journal = new FileTaskJournal(JournalPath);
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.RecordSubmittedAsync(new TaskJournalEntry("id", "op", T0), cancelled.Token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.RecordFinishedAsync("op", "id", "succeeded", cancelled.Token));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("kept", "op", T0));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.GetUnfinishedAsync(null, cancelled.Token));

            Assert.Equal("kept", Assert.Single(await journal.GetUnfinishedAsync()).TaskId);
        }

        [Fact]
        public async Task A_disposed_journal_refuses_further_use()
        {
            var journal = new FileTaskJournal(JournalPath);
            journal.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.RecordSubmittedAsync(new TaskJournalEntry("id", "op", T0)));
            await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.GetUnfinishedAsync());
        }
    }
}
