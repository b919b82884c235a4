using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Polling
{
    /// <summary>
    /// Waits for tasks to finish by polling them: a first delay, then a growing, jittered interval; Retry-After on
    /// 429 and 503; transient failures ridden out within a budget; an overall timeout; prompt cancellation. Generated
    /// clients call it with their fetch method and a <see cref="TaskLifecycle{T}"/> read from the spec.
    /// </summary>
    public sealed class TaskPoller
    {
        private static readonly Random SharedRandom = new Random();

        /// <summary>Creates a poller.</summary>
        /// <param name="defaultOptions">Used when a call passes no options; null for the defaults of <see cref="TaskWaitOptions"/>.</param>
        /// <param name="journal">Where submitted tasks are recorded and finished ones marked; null for none.</param>
        /// <param name="loggerFactory">Where status changes and retries are logged; null logs nothing.</param>
        public TaskPoller(TaskWaitOptions? defaultOptions = null, ITaskJournal? journal = null, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
        {
            DefaultOptions = defaultOptions?.Clone() ?? new TaskWaitOptions();
            DefaultOptions.Validate();
            Journal = journal;
            _logger = loggerFactory is null ? null : loggerFactory.CreateLogger(Diagnostics.ToolkitLog.PollingCategory);
        }

        private readonly Microsoft.Extensions.Logging.ILogger? _logger;

        /// <summary>The options a wait uses when it is given none.</summary>
        public TaskWaitOptions DefaultOptions { get; }

        /// <summary>The journal, if any.</summary>
        public ITaskJournal? Journal { get; }

        /// <summary>Waits until the task has finished and returns its final answer.</summary>
        /// <exception cref="TaskFailedException">The task ended with a failure status.</exception>
        /// <exception cref="TaskTimeoutException">The timeout passed first.</exception>
        /// <exception cref="TaskWaitCanceledException">The caller cancelled the wait.</exception>
        /// <exception cref="TaskPollingException">Too many transient failures in a row.</exception>
        /// <exception cref="ApiException">A poll failed in a way that retrying cannot fix (401, 404, ...).</exception>
        public async Task<T> WaitAsync<T>(
            string taskId,
            Func<CancellationToken, Task<T>> fetch,
            TaskLifecycle<T> lifecycle,
            TaskWaitOptions? options = null,
            IProgress<TaskSnapshot<T>>? progress = null,
            CancellationToken cancellationToken = default)
        {
            TaskSnapshot<T>? last = null;
            await foreach (var snapshot in WatchAsync(taskId, fetch, lifecycle, options, cancellationToken).ConfigureAwait(false))
            {
                progress?.Report(snapshot);
                last = snapshot;
            }

            return last!.Value;
        }

        /// <summary>
        /// Polls the task and yields a snapshot for the first answer and for every change of status or progress; the last
        /// snapshot is the finished task. A failed task's final snapshot is yielded, then <see cref="TaskFailedException"/> thrown.
        /// </summary>
        public async IAsyncEnumerable<TaskSnapshot<T>> WatchAsync<T>(
            string taskId,
            Func<CancellationToken, Task<T>> fetch,
            TaskLifecycle<T> lifecycle,
            TaskWaitOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(taskId))
            {
                throw new ArgumentException("A task id is required.", nameof(taskId));
            }

            if (fetch is null)
            {
                throw new ArgumentNullException(nameof(fetch));
            }

            if (lifecycle is null)
            {
                throw new ArgumentNullException(nameof(lifecycle));
            }

            options ??= DefaultOptions;
            options.Validate();
            var clock = Stopwatch.StartNew();
            var nextDelay = options.FirstDelay;
            var interval = options.Interval;
            var polls = 0;
            var failures = 0;
            string? lastStatus = null;
            string? lastProgress = null;
            Exception? lastFailure = null;

            while (true)
            {
                if (nextDelay > TimeSpan.Zero)
                {
                    if (options.Timeout is { } limit)
                    {
                        var remaining = limit - clock.Elapsed;
                        if (remaining <= TimeSpan.Zero)
                        {
                            throw new TaskTimeoutException(taskId, lifecycle.Operation, lastStatus, clock.Elapsed, lastFailure);
                        }

                        // The last poll happens at the deadline rather than never.
                        if (nextDelay > remaining)
                        {
                            nextDelay = remaining;
                        }
                    }

                    await DelayAsync(nextDelay, taskId, lifecycle.Operation, lastStatus, cancellationToken).ConfigureAwait(false);
                }

                var attempt = await FetchAsync(fetch, options.Timeout is { } total ? total - clock.Elapsed : (TimeSpan?)null, cancellationToken).ConfigureAwait(false);
                if (attempt.Failure is { } failure)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        throw new TaskWaitCanceledException(taskId, lifecycle.Operation, lastStatus, cancellationToken);
                    }

                    if (attempt.TimedOut)
                    {
                        throw new TaskTimeoutException(taskId, lifecycle.Operation, lastStatus, clock.Elapsed, lastFailure);
                    }

                    if (!IsTransient(failure))
                    {
                        ExceptionDispatchInfo.Capture(failure).Throw();
                    }

                    failures++;
                    lastFailure = failure;
                    if (failures > options.MaxConsecutiveFailures)
                    {
                        throw new TaskPollingException(taskId, lifecycle.Operation, failures, failure);
                    }

                    nextDelay = RetryAfterOf(failure) ?? Jittered(Backoff(options.Interval, 2, failures - 1, options.MaxInterval), options.Jitter);
                    Diagnostics.ToolkitLog.Retry(_logger, taskId, lifecycle.Operation, failures, nextDelay, failure);
                    ThrowIfPastDeadline(options, clock, taskId, lifecycle.Operation, lastStatus, lastFailure);
                    continue;
                }

                failures = 0;
                polls++;
                var value = attempt.Value!;
                var status = lifecycle.GetStatus(value);
                var state = lifecycle.GetState(status);
                var progress = lifecycle.GetProgress(value);
                if (polls == 1 || state != TaskState.Pending || !string.Equals(status, lastStatus, StringComparison.Ordinal) || !string.Equals(progress, lastProgress, StringComparison.Ordinal))
                {
                    Diagnostics.ToolkitLog.Status(_logger, taskId, lifecycle.Operation, status, polls, clock.Elapsed);
                    yield return new TaskSnapshot<T>(taskId, value, status, state, progress, polls, clock.Elapsed);
                }

                lastStatus = status;
                lastProgress = progress;
                if (state != TaskState.Pending)
                {
                    await RecordFinishedAsync(lifecycle.Operation, taskId, status ?? state.ToString()).ConfigureAwait(false);
                    if (state == TaskState.Failed)
                    {
                        throw new TaskFailedException<T>(taskId, lifecycle.Operation, status, lifecycle.GetError(value), value);
                    }

                    yield break;
                }

                ThrowIfPastDeadline(options, clock, taskId, lifecycle.Operation, lastStatus, lastFailure);
                nextDelay = Jittered(interval, options.Jitter);
                interval = Backoff(interval, options.BackoffFactor, 1, options.MaxInterval);
            }
        }

        /// <summary>
        /// Waits for many tasks at once and yields each outcome as it is known, fastest first. Polls share one rate limit
        /// and one concurrency limit; one task failing does not stop the others.
        /// </summary>
        public async IAsyncEnumerable<TaskOutcome<T>> WaitManyAsync<T>(
            IEnumerable<string> taskIds,
            Func<string, CancellationToken, Task<T>> fetch,
            TaskLifecycle<T> lifecycle,
            TaskBatchOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (taskIds is null)
            {
                throw new ArgumentNullException(nameof(taskIds));
            }

            options ??= new TaskBatchOptions();
            var ids = taskIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                yield break;
            }

            var ownLimiter = options.RateLimiter is null ? CreateRateLimiter(options.RequestsPerSecond) : null;
            var limiter = options.RateLimiter ?? ownLimiter!;
            var slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentRequests));
            var finished = new ConcurrentQueue<TaskOutcome<T>>();
            var ready = new SemaphoreSlim(0);
            var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

            async Task<T> LimitedFetch(string id, CancellationToken token)
            {
                // The slot first, then the permit, then straight to the wire: permits are never spent waiting.
                await slots.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    using var lease = await limiter.AcquireAsync(1, token).ConfigureAwait(false);
                    if (!lease.IsAcquired)
                    {
                        throw new InvalidOperationException("The rate limiter refused a permit.");
                    }

                    return await fetch(id, token).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }

            async Task WaitOne(string id)
            {
                TaskOutcome<T> outcome;
                try
                {
                    var value = await WaitAsync(id, token => LimitedFetch(id, token), lifecycle, options.Wait, null, stopAll.Token).ConfigureAwait(false);
                    outcome = TaskOutcome<T>.Success(id, value);
                }
                catch (Exception exception)
                {
                    outcome = TaskOutcome<T>.Failure(id, exception);
                }

                finished.Enqueue(outcome);
                ready.Release();
            }

            foreach (var id in ids)
            {
                _ = WaitOne(id);
            }

            try
            {
                for (var i = 0; i < ids.Count; i++)
                {
                    await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
                    finished.TryDequeue(out var outcome);
                    yield return outcome!;
                }
            }
            finally
            {
                // Leaving early (break or cancellation) stops every wait still running.
                stopAll.Cancel();
                ownLimiter?.Dispose();
            }
        }

        /// <summary>Waits for every task the journal lists as unfinished for this operation, as <see cref="WaitManyAsync{T}"/> does.</summary>
        /// <exception cref="InvalidOperationException">The poller has no journal.</exception>
        public async IAsyncEnumerable<TaskOutcome<T>> ResumeAsync<T>(
            Func<string, CancellationToken, Task<T>> fetch,
            TaskLifecycle<T> lifecycle,
            TaskBatchOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (Journal is null)
            {
                throw new InvalidOperationException("There is no task journal to resume from: set ApiClientOptions.TaskJournal (for example to a FileTaskJournal).");
            }

            var unfinished = await Journal.GetUnfinishedAsync(lifecycle.Operation, cancellationToken).ConfigureAwait(false);
            await foreach (var outcome in WaitManyAsync(unfinished.Select(entry => entry.TaskId), fetch, lifecycle, options, cancellationToken).ConfigureAwait(false))
            {
                yield return outcome;
            }
        }

        /// <summary>Records a submitted task in the journal (nothing without one) before the submit call returns.</summary>
        /// <exception cref="TaskJournalException">The journal could not record it; the exception carries the task id.</exception>
        public async Task RecordSubmittedAsync(string taskId, string operation, CancellationToken cancellationToken = default)
        {
            if (Journal is null)
            {
                return;
            }

            try
            {
                await Journal.RecordSubmittedAsync(new TaskJournalEntry(taskId, operation, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                throw new TaskJournalException(taskId, operation, exception);
            }
        }

        /// <summary>
        /// The batch's default limiter: at most <paramref name="requestsPerSecond"/> permits in any window of 1.1 s
        /// (a sliding window of 1.15 s in 50 ms segments), so the server sees no more than that many requests in any
        /// second even when some arrive up to 100 ms later than others.
        /// </summary>
        public static RateLimiter CreateRateLimiter(int requestsPerSecond)
        {
            if (requestsPerSecond <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), "The rate must be positive.");
            }

            return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = requestsPerSecond,
                Window = TimeSpan.FromMilliseconds(1150),
                SegmentsPerWindow = 23,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        private async Task RecordFinishedAsync(string operation, string taskId, string outcome)
        {
            if (Journal is null)
            {
                return;
            }

            try
            {
                await Journal.RecordFinishedAsync(operation, taskId, outcome, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The result is in hand; a task left "unfinished" in the journal is only fetched once more on resume.
            }
        }

        private static async Task DelayAsync(TimeSpan delay, string taskId, string operation, string? lastStatus, CancellationToken cancellationToken)
        {
            try
            {
                // Timers may fire a little early; a Retry-After must never be undercut, so wait out any remainder.
                var clock = Stopwatch.StartNew();
                for (var remaining = delay; remaining > TimeSpan.Zero; remaining = delay - clock.Elapsed)
                {
                    await Task.Delay(remaining.Ticks < TimeSpan.TicksPerMillisecond ? TimeSpan.FromMilliseconds(1) : remaining, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                throw new TaskWaitCanceledException(taskId, operation, lastStatus, cancellationToken);
            }
        }

        private static async Task<FetchAttempt<T>> FetchAsync<T>(Func<CancellationToken, Task<T>> fetch, TimeSpan? remaining, CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (remaining is { } left)
            {
                deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1));
            }

            try
            {
                return new FetchAttempt<T>(await fetch(deadline.Token).ConfigureAwait(false), null, false);
            }
            catch (Exception exception)
            {
                var timedOut = exception is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
                return new FetchAttempt<T>(default, exception, timedOut);
            }
        }

        private static void ThrowIfPastDeadline(TaskWaitOptions options, Stopwatch clock, string taskId, string operation, string? lastStatus, Exception? lastFailure)
        {
            if (options.Timeout is { } limit && clock.Elapsed >= limit)
            {
                throw new TaskTimeoutException(taskId, operation, lastStatus, clock.Elapsed, lastFailure);
            }
        }

        /// <summary>Failures that a later poll may not see: server trouble, rate limits, the network, an unreadable answer.</summary>
        internal static bool IsTransient(Exception exception) => exception switch
        {
            ApiException api => api.Status is 408 or 425 or 429 or >= 500 || (api.Status is >= 200 and < 300),
            HttpRequestException => true,
            IOException => true,
            OperationCanceledException => true, // HttpClient.Timeout; the caller's own cancellation is handled before this
            _ => false,
        };

        private static TimeSpan? RetryAfterOf(Exception exception)
        {
            if (exception is ApiException { Status: 429 or 503 } api && RetryAfter.TryParse(api.GetHeader("Retry-After"), DateTimeOffset.UtcNow, out var delay))
            {
                // Jitter only ever lengthens a delay, so the server's time is still honoured.
                return delay;
            }

            return null;
        }

        private static TimeSpan Backoff(TimeSpan start, double factor, int steps, TimeSpan max)
        {
            var ticks = start.Ticks * Math.Pow(factor, steps);
            return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
        }

        private static TimeSpan Jittered(TimeSpan delay, double jitter)
        {
            if (jitter <= 0 || delay <= TimeSpan.Zero)
            {
                return delay;
            }

            double sample;
            lock (SharedRandom)
            {
                sample = SharedRandom.NextDouble();
            }

            return TimeSpan.FromTicks(delay.Ticks + (long)(delay.Ticks * jitter * sample));
        }

        private readonly struct FetchAttempt<T>
        {
            public FetchAttempt(T? value, Exception? failure, bool timedOut)
            {
                Value = value;
                Failure = failure;
                TimedOut = timedOut;
            }

            public T? Value { get; }

            public Exception? Failure { get; }

            public bool TimedOut { get; }
        }
    }
}
