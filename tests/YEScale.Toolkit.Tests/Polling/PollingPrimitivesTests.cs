using System;
using Xunit;
using YEScale.Toolkit.Polling;

namespace YEScale.Toolkit.Tests.Polling
{
    public class PollingPrimitivesTests
    {
        private static readonly DateTimeOffset Now = new(2025, 7, 2, 3, 34, 31, TimeSpan.Zero);

        [Theory]
        [InlineData("120", 120)]
        [InlineData(" 3 ", 3)]
        [InlineData("0", 0)]
        [InlineData("Wed, 02 Jul 2025 03:34:41 GMT", 10)]
        [InlineData("Wed, 02 Jul 2025 03:34:00 GMT", 0)]
        public void Retry_After_reads_seconds_and_http_dates(string header, int expectedSeconds)
        {
            Assert.True(RetryAfter.TryParse(header, Now, out var delay));
            Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("soon")]
        [InlineData("-5")]
        public void Retry_After_that_cannot_be_read_is_ignored(string? header)
        {
            Assert.False(RetryAfter.TryParse(header, Now, out _));
        }

        [Theory]
        [InlineData("1500", "3", 1500)]
        [InlineData("250.5", null, 250.5)]
        [InlineData(null, "3", 3000)]
        [InlineData("soon", "3", 3000)]
        [InlineData(null, "Wed, 02 Jul 2025 03:34:41 GMT", 10000)]
        public void A_failures_wait_is_retry_after_ms_first_then_Retry_After(string? milliseconds, string? retryAfter, double expected)
        {
            var failure = Answered(milliseconds, retryAfter);

            Assert.Equal(TimeSpan.FromMilliseconds(expected), RetryAfter.Of(failure, Now));
        }

        [Fact]
        public void A_failure_that_asks_for_no_wait_gives_none()
        {
            Assert.Null(RetryAfter.Of(Answered(null, null), Now));
        }

        private static ApiException Answered(string? milliseconds, string? retryAfter)
        {
            var headers = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            if (milliseconds != null)
            {
                headers["retry-after-ms"] = new[] { milliseconds };
            }

            if (retryAfter != null)
            {
                headers["Retry-After"] = new[] { retryAfter };
            }

            return new ApiException(429, "Too Many Requests", null, headers, "getTask", "GET", "/tasks/1");
        }

        [Theory]
        [InlineData("succeeded", TaskState.Succeeded)]
        [InlineData("SUCCEEDED", TaskState.Succeeded)]
        [InlineData("cancelled", TaskState.Failed)]
        [InlineData("running", TaskState.Pending)]
        [InlineData("rerouting", TaskState.Pending)]
        [InlineData(null, TaskState.Pending)]
        public void A_lifecycle_classifies_status_words_ignoring_case_and_unknown_ones_as_pending(string? status, TaskState expected)
        {
            var lifecycle = new TaskLifecycle<string>("op", s => s, new[] { "succeeded" }, new[] { "failed", "cancelled" });

            Assert.Equal(expected, lifecycle.GetState(status));
        }

        [Fact]
        public async System.Threading.Tasks.Task Invalid_wait_options_are_refused_when_a_wait_starts()
        {
            var poller = new TaskPoller();
            var lifecycle = new TaskLifecycle<string>("op", s => s, new[] { "done" }, Array.Empty<string>());

            Assert.Throws<ArgumentOutOfRangeException>(() => new TaskPoller(new TaskWaitOptions { BackoffFactor = 0.5 }));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => poller.WaitAsync("t", _ => System.Threading.Tasks.Task.FromResult("done"), lifecycle, new TaskWaitOptions { Jitter = 2 }));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => poller.WaitAsync("t", _ => System.Threading.Tasks.Task.FromResult("done"), lifecycle, new TaskWaitOptions { Timeout = TimeSpan.Zero }));
        }
    }
}
