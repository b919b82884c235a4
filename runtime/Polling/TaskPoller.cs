using System;
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
        /// <param name="rateLimits">The pipeline's view of the server's rate limit: batch polls wait while it is closed. Null for none.</param>
        public TaskPoller(TaskWaitOptions? defaultOptions = null, ITaskJournal? journal = null, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null, Http.RateLimitGate? rateLimits = null)
        {
            _rateLimits = rateLimits;
            DefaultOptions = defaultOptions?.Clone() ?? new TaskWaitOptions();
            DefaultOptions.Validate();
            Journal = journal;
            _logger = loggerFactory is null ? null : loggerFactory.CreateLogger(Diagnostics.ToolkitLog.PollingCategory);
        }

        private readonly Microsoft.Extensions.Logging.ILogger? _logger;
        private readonly Http.RateLimitGate? _rateLimits;

        /// <summary>The pipeline's view of the server's rate limit, which batch polls wait at; null for none.</summary>
        internal Http.RateLimitGate? RateLimits => _rateLimits;

        /// <summary>
        /// The request options of every poll a wait makes: one try each, since the wait itself rides out failures (with
        /// its own budget, backoff and Retry-After) and a pipeline retry under it would multiply the requests.
        /// </summary>
        public static RequestOptions PollRequest { get; } = new RequestOptions { Retry = RetryOptions.None, RecordsResponse = false };

        /// <summary>The options a wait uses when it is given none.</summary>
        public TaskWaitOptions DefaultOptions { get; }

        /// <summary>The journal, if any.</summary>
        public ITaskJournal? Journal { get; }

        /// <summary>Waits until the task has finished and returns its final answer.</summary>
        /// <remarks>The generated wait methods take these exception docs from here (inheritdoc), so each says them in one line.</remarks>
        /// <exception cref="TaskFailedException">The task ended with a failure status; the exception carries the final answer and the server's error.</exception>
        /// <exception cref="TaskTimeoutException">The wait's timeout passed while the task was pending.</exception>
        /// <exception cref="TaskWaitCanceledException">The cancellation token stopped the wait; it carries the task id.</exception>
        /// <exception cref="TaskPollingException">Too many transient failures in a row; it carries the last one.</exception>
        /// <exception cref="ApiException">A poll failed in a way retrying cannot fix (for example 401 or 404).</exception>
        public async Task<T> WaitAsync<T>(
            string taskId,
            Func<CancellationToken, Task<T>> fetch,
            TaskLifecycle<T> lifecycle,
            TaskWaitOptions? options = null,
            IProgress<TaskSnapshot<T>>? progress = null,
            CancellationToken cancellationToken = default)
        {
            // Driven directly rather than through WatchAsync: between polls a waiting task then holds only the loop's
            // counters, not an async iterator and the last answer it yielded (thousands of tasks may be waiting at once).
            var loop = new PollLoop<T>(this, taskId, fetch, lifecycle, options);
            try
            {
                while (true)
                {
                    // The snapshot is not used after an await, so the state machine does not keep it while the next poll waits.
                    var snapshot = await loop.NextAsync(cancellationToken).ConfigureAwait(false);
                    progress?.Report(snapshot);
                    if (snapshot.State != TaskState.Pending)
                    {
                        return await loop.FinishAsync(snapshot).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                // A progress callback that threw leaves the wait: its span ends too.
                loop.Abandon();
            }
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
            var loop = new PollLoop<T>(this, taskId, fetch, lifecycle, options);
            try
            {
                while (true)
                {
                    var snapshot = await loop.NextAsync(cancellationToken).ConfigureAwait(false);
                    yield return snapshot;
                    if (snapshot.State != TaskState.Pending)
                    {
                        await loop.FinishAsync(snapshot).ConfigureAwait(false);
                        yield break;
                    }
                }
            }
            finally
            {
                // A consumer that stops watching before the end ends the wait's span as abandoned.
                loop.Abandon();
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
            ApiConnectionException or ApiTimeoutException => true,
            // A success that could not be read may read next time; an error the API reported inside one will not.
            ApiException api => api.Status is 408 or 425 or 429 or >= 500 || (api.Status is >= 200 and < 300 && api.InnerException is System.Text.Json.JsonException),
            HttpRequestException => true,
            IOException => true,
            OperationCanceledException => true, // HttpClient.Timeout; the caller's own cancellation is handled before this
            _ => false,
        };

        // Jitter only ever lengthens a delay, so the server's time is still honoured.
        private static TimeSpan? RetryAfterOf(Exception exception)
            => exception is ApiException { Status: 429 or 503 } api ? RetryAfter.Of(api, DateTimeOffset.UtcNow) : null;

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

        /// <summary>
        /// One task's polling, one step at a time: the delays (first delay, growing jittered interval, Retry-After), the
        /// fetches, transient failures ridden out within their budget, the timeout. <see cref="NextAsync"/> returns at the
        /// first answer and at every change of status or progress; the caller sees each snapshot before any exception
        /// the next step may throw (a timeout, say), as a consumer of <see cref="WatchAsync{T}"/> expects.
        /// </summary>
        private sealed class PollLoop<T>
        {
            private readonly TaskPoller _poller;
            private readonly string _taskId;
            private readonly Func<CancellationToken, Task<T>> _fetch;
            private readonly TaskLifecycle<T> _lifecycle;
            private readonly TaskWaitOptions _options;
            private readonly Stopwatch _clock;
            private TimeSpan _nextDelay;
            private TimeSpan _interval;
            private int _polls;
            private int _failures;
            private bool _answered;
            private string? _lastStatus;
            private string? _lastProgress;
            private Exception? _lastFailure;
            private readonly Diagnostics.WaitTelemetry? _telemetry;

            public PollLoop(TaskPoller poller, string taskId, Func<CancellationToken, Task<T>> fetch, TaskLifecycle<T> lifecycle, TaskWaitOptions? options)
            {
                if (string.IsNullOrEmpty(taskId))
                {
                    throw new ArgumentException("A task id is required.", nameof(taskId));
                }

                _poller = poller;
                _taskId = taskId;
                _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
                _lifecycle = lifecycle ?? throw new ArgumentNullException(nameof(lifecycle));
                _options = options ?? poller.DefaultOptions;
                _options.Validate();
                _clock = Stopwatch.StartNew();
                _nextDelay = _options.FirstDelay;
                _interval = _options.Interval;
                _telemetry = Diagnostics.WaitTelemetry.Start(taskId, lifecycle.Operation);
            }

            private string Operation => _lifecycle.Operation;

            /// <summary>Polls until the first answer, or a change of status or progress, or the end of the task.</summary>
            public Task<TaskSnapshot<T>> NextAsync(CancellationToken cancellationToken)
                => _telemetry is null ? NextCoreAsync(cancellationToken) : NextObservedAsync(_telemetry, cancellationToken);

            /// <summary>Ends the wait's span if nothing else did (the caller left the wait early).</summary>
            public void Abandon() => _telemetry?.End("abandoned", _lastStatus, null);

            /// <summary>
            /// <see cref="NextCoreAsync"/> with the wait's span current, so the polls' call spans are its children (a watch
            /// resumes on its consumer's context, where it is not), and ended by the exception that ends the wait.
            /// </summary>
            private async Task<TaskSnapshot<T>> NextObservedAsync(Diagnostics.WaitTelemetry telemetry, CancellationToken cancellationToken)
            {
                if (telemetry.Activity != null)
                {
                    Activity.Current = telemetry.Activity;
                }

                try
                {
                    return await NextCoreAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    telemetry.End(Diagnostics.WaitTelemetry.StateOf(exception), _lastStatus, exception);
                    throw;
                }
            }

            private async Task<TaskSnapshot<T>> NextCoreAsync(CancellationToken cancellationToken)
            {
                if (_answered)
                {
                    // What follows a pending answer, done here so the caller has seen that answer first.
                    _answered = false;
                    ScheduleNextPoll();
                }

                while (true)
                {
                    if (_nextDelay > TimeSpan.Zero)
                    {
                        if (_options.Timeout is { } limit)
                        {
                            var remaining = limit - _clock.Elapsed;
                            if (remaining <= TimeSpan.Zero)
                            {
                                throw new TaskTimeoutException(_taskId, Operation, _lastStatus, _clock.Elapsed, _lastFailure);
                            }

                            // The last poll happens at the deadline rather than never.
                            if (_nextDelay > remaining)
                            {
                                _nextDelay = remaining;
                            }
                        }

                        await DelayAsync(_nextDelay, _taskId, Operation, _lastStatus, cancellationToken).ConfigureAwait(false);
                    }

                    var attempt = await FetchAsync(_fetch, _options.Timeout is { } total ? total - _clock.Elapsed : (TimeSpan?)null, cancellationToken).ConfigureAwait(false);
                    if (attempt.Failure is { } failure)
                    {
                        _nextDelay = NextDelayAfter(failure, cancellationToken, attempt.TimedOut);
                        continue;
                    }

                    _failures = 0;
                    _polls++;
                    var value = attempt.Value!;
                    var status = _lifecycle.GetStatus(value);
                    var state = _lifecycle.GetState(status);
                    var progress = _lifecycle.GetProgress(value);
                    var changed = _polls == 1 || state != TaskState.Pending
                        || !string.Equals(status, _lastStatus, StringComparison.Ordinal) || !string.Equals(progress, _lastProgress, StringComparison.Ordinal);
                    _telemetry?.Answered(status, state, _polls == 1 || !string.Equals(status, _lastStatus, StringComparison.Ordinal));
                    _lastStatus = status;
                    _lastProgress = progress;
                    if (changed)
                    {
                        Diagnostics.ToolkitLog.Status(_poller._logger, _taskId, Operation, status, _polls, _clock.Elapsed);
                        _answered = state == TaskState.Pending;
                        return new TaskSnapshot<T>(_taskId, value, status, state, progress, _polls, _clock.Elapsed);
                    }

                    // Nothing new to show: straight on to the next poll.
                    ScheduleNextPoll();
                }
            }

            /// <summary>After the final snapshot: marks the task finished in the journal, and throws if it failed; returns the final answer.</summary>
            public async Task<T> FinishAsync(TaskSnapshot<T> final)
            {
                await _poller.RecordFinishedAsync(Operation, _taskId, final.Status ?? final.State.ToString()).ConfigureAwait(false);
                if (final.State == TaskState.Failed)
                {
                    var failed = new TaskFailedException<T>(_taskId, Operation, final.Status, _lifecycle.GetError(final.Value), final.Value);
                    _telemetry?.End("failed", final.Status, failed);
                    throw failed;
                }

                _telemetry?.End(Diagnostics.WaitTelemetry.StateText(final.State), final.Status, null);
                return final.Value;
            }

            /// <summary>After a pending answer: ends the wait if its time is up, else sets the next delay and grows the interval.</summary>
            private void ScheduleNextPoll()
            {
                ThrowIfPastDeadline(_options, _clock, _taskId, Operation, _lastStatus, _lastFailure);
                _nextDelay = Jittered(_interval, _options.Jitter);
                _interval = Backoff(_interval, _options.BackoffFactor, 1, _options.MaxInterval);
            }

            /// <summary>The delay before retrying a failed poll, or the exception that ends the wait.</summary>
            private TimeSpan NextDelayAfter(Exception failure, CancellationToken cancellationToken, bool timedOut)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    throw new TaskWaitCanceledException(_taskId, Operation, _lastStatus, cancellationToken);
                }

                if (timedOut)
                {
                    throw new TaskTimeoutException(_taskId, Operation, _lastStatus, _clock.Elapsed, _lastFailure);
                }

                _telemetry?.PollFailed(failure);
                if (!IsTransient(failure))
                {
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }

                _failures++;
                _lastFailure = failure;
                if (_failures > _options.MaxConsecutiveFailures)
                {
                    throw new TaskPollingException(_taskId, Operation, _failures, failure);
                }

                var delay = RetryAfterOf(failure) ?? Jittered(Backoff(_options.Interval, 2, _failures - 1, _options.MaxInterval), _options.Jitter);
                Diagnostics.ToolkitLog.Retry(_poller._logger, _taskId, Operation, _failures, delay, failure);
                ThrowIfPastDeadline(_options, _clock, _taskId, Operation, _lastStatus, _lastFailure);
                return delay;
            }
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
