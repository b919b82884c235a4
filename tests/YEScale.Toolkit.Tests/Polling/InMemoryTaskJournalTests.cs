using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Polling;

namespace YEScale.Toolkit.Tests.Polling
{
    /// <summary>The in-memory journal keeps the same semantics as the file journal, without a file.</summary>
    public class InMemoryTaskJournalTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 7, 2, 3, 34, 31, TimeSpan.Zero);

        [Fact]
        public async Task A_submitted_task_is_unfinished_until_it_is_recorded_finished()
        {
            var journal = new InMemoryTaskJournal();
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-1", "getSeedanceGeneration", T0));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-2", "getSeedanceGeneration", T0.AddSeconds(1)));

            var before = await journal.GetUnfinishedAsync();
            await journal.RecordFinishedAsync("getSeedanceGeneration", "cgt-1", "succeeded");
            var after = await journal.GetUnfinishedAsync();

            Assert.Equal(new[] { "cgt-1", "cgt-2" }, before.Select(e => e.TaskId));
            Assert.Equal(new TaskJournalEntry("cgt-2", "getSeedanceGeneration", T0.AddSeconds(1)), Assert.Single(after));
        }

        [Fact]
        public async Task Unfinished_tasks_are_listed_oldest_first_and_a_task_recorded_twice_once()
        {
            var journal = new InMemoryTaskJournal();
            await journal.RecordSubmittedAsync(new TaskJournalEntry("late", "op", T0.AddMinutes(5)));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("early", "op", T0.AddMinutes(-1)));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("middle", "op", T0));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("late", "op", T0.AddMinutes(9)));

            var unfinished = await journal.GetUnfinishedAsync();

            Assert.Equal(new[] { "early", "middle", "late" }, unfinished.Select(e => e.TaskId));
            Assert.Equal(T0.AddMinutes(5), unfinished[2].SubmittedAt);
        }

        [Fact]
        public async Task The_operation_filter_returns_only_that_operations_tasks()
        {
            var journal = new InMemoryTaskJournal();
            await journal.RecordSubmittedAsync(new TaskJournalEntry("same-id", "getSeedanceGeneration", T0));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("same-id", "getOtherTask", T0.AddSeconds(1)));
            await journal.RecordSubmittedAsync(new TaskJournalEntry("other-2", "getOtherTask", T0.AddSeconds(2)));
            await journal.RecordFinishedAsync("getOtherTask", "same-id", "succeeded");

            Assert.Equal(new[] { "same-id" }, (await journal.GetUnfinishedAsync("getSeedanceGeneration")).Select(e => e.TaskId));
            Assert.Equal(new[] { "other-2" }, (await journal.GetUnfinishedAsync("getOtherTask")).Select(e => e.TaskId));
            Assert.Empty(await journal.GetUnfinishedAsync("unknownOperation"));
        }

        [Fact]
        public async Task Finishing_a_task_never_submitted_changes_nothing()
        {
            var journal = new InMemoryTaskJournal();
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-1", "op", T0));

            await journal.RecordFinishedAsync("op", "never-submitted", "failed");

            Assert.Equal("cgt-1", Assert.Single(await journal.GetUnfinishedAsync()).TaskId);
        }

        [Fact]
        public async Task The_returned_list_is_a_snapshot()
        {
            var journal = new InMemoryTaskJournal();
            await journal.RecordSubmittedAsync(new TaskJournalEntry("cgt-1", "op", T0));
            var snapshot = await journal.GetUnfinishedAsync();

            await journal.RecordFinishedAsync("op", "cgt-1", "succeeded");

            Assert.Single(snapshot);
            Assert.Empty(await journal.GetUnfinishedAsync());
        }

        [Fact]
        public async Task Concurrent_records_from_many_threads_lose_none()
        {
            var journal = new InMemoryTaskJournal();
            const int Count = 500;

            await Task.WhenAll(Enumerable.Range(0, Count).Select(i => Task.Run(async () =>
            {
                await journal.RecordSubmittedAsync(new TaskJournalEntry("task-" + i, "op", T0.AddSeconds(i)));
                if (i % 2 == 0)
                {
                    await journal.RecordFinishedAsync("op", "task-" + i, "succeeded");
                }

                await journal.GetUnfinishedAsync();
            })));

            var expected = Enumerable.Range(0, Count).Where(i => i % 2 == 1).Select(i => "task-" + i);
            Assert.Equal(expected, (await journal.GetUnfinishedAsync()).Select(e => e.TaskId));
        }

        [Fact]
        public async Task Null_or_empty_task_ids_operations_and_outcomes_are_rejected()
        {
            var journal = new InMemoryTaskJournal();

            await Assert.ThrowsAsync<ArgumentNullException>(() => journal.RecordSubmittedAsync(null!));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => journal.RecordSubmittedAsync(new TaskJournalEntry(null!, "op", T0)));
            await Assert.ThrowsAsync<ArgumentException>(() => journal.RecordSubmittedAsync(new TaskJournalEntry("", "op", T0)));
            await Assert.ThrowsAsync<ArgumentException>(() => journal.RecordSubmittedAsync(new TaskJournalEntry("id", "", T0)));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => journal.RecordFinishedAsync("op", null!, "succeeded"));
            await Assert.ThrowsAsync<ArgumentException>(() => journal.RecordFinishedAsync("", "id", "succeeded"));
            await Assert.ThrowsAsync<ArgumentException>(() => journal.RecordFinishedAsync("op", "id", ""));
            await Assert.ThrowsAsync<ArgumentException>(() => journal.GetUnfinishedAsync(""));
            Assert.Empty(await journal.GetUnfinishedAsync());
        }

        [Fact]
        public async Task A_cancelled_token_cancels_without_recording()
        {
            var journal = new InMemoryTaskJournal();
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.RecordSubmittedAsync(new TaskJournalEntry("id", "op", T0), cancelled.Token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => journal.GetUnfinishedAsync(null, cancelled.Token));

            Assert.Empty(await journal.GetUnfinishedAsync());
        }
    }
}
