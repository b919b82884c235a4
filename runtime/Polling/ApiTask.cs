using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Polling
{
    /// <summary>
    /// A task on the server, of any kind: what a submit returns, or what a client rehydrates from an id or a token
    /// (<see cref="ToToken"/>). It remembers the last answer it saw; <see cref="ApiTask{T}"/> adds the typed answer and
    /// the calls. Not thread-safe: one caller updates or waits at a time.
    /// </summary>
    public abstract class ApiTask
    {
        private protected ApiTask(string id, TaskKind kind)
        {
            Id = string.IsNullOrEmpty(id) ? throw new ArgumentException("A task id is required.", nameof(id)) : id;
            TaskKind = kind;
        }

        /// <summary>The server's id of the task.</summary>
        public string Id { get; }

        /// <summary>The kind of task: the operationId that fetches it, such as <c>getSeedanceGeneration</c>.</summary>
        public string Kind => TaskKind.Name;

        /// <summary>The status word of the last answer, as the server wrote it; null before the first.</summary>
        public string? Status { get; private protected set; }

        /// <summary>Where the task is, by the last answer: pending until an answer says it has finished.</summary>
        public TaskState State { get; private protected set; }

        /// <summary>True once an answer said the task has finished, with or without a result.</summary>
        public bool HasCompleted => State != TaskState.Pending;

        /// <summary>
        /// How far along the task is, from 0 to 1, whatever form the model reports it in (<c>45%</c>, <c>45</c>,
        /// <c>0.45</c>); 1 once it has succeeded; null when the answers say nothing about it.
        /// </summary>
        public double? Progress { get; private protected set; }

        /// <summary>The server's failure detail from the last answer, if it has one.</summary>
        public string? Error { get; private protected set; }

        /// <summary>The result's URL from the last answer (set once the task has succeeded, for most kinds).</summary>
        public string? ResultUrl { get; private protected set; }

        /// <summary>The exception the last wait ended with (the task failed, the wait timed out...); null after a successful one.</summary>
        public Exception? WaitFailure { get; private protected set; }

        private protected TaskKind TaskKind { get; }

        /// <summary>
        /// A short text that names this task and its kind, to keep (in a database, a queue message) and give back to
        /// the client's <c>Tasks.FromToken</c> after a restart. It holds no key and no answer.
        /// </summary>
        public string ToToken() => TaskToken.Format(Kind, Id);

        /// <summary>Polls until the task has finished, through a batch's shared limits; the outcome is in the handle.</summary>
        internal abstract Task WaitInBatchAsync(BatchGate gate, TaskWaitOptions? options, CancellationToken cancellationToken);

        /// <inheritdoc/>
        public override string ToString()
        {
            var progress = Progress is double fraction && State == TaskState.Pending ? " " + Math.Round(fraction * 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%" : string.Empty;
            return Kind + " " + Id + ": " + (Status ?? "not fetched yet") + progress;
        }
    }

    /// <summary>A task whose answers are <typeparamref name="T"/>: update it, wait for it, watch it, download its result.</summary>
    /// <typeparam name="T">The model the task's fetch operation answers with.</typeparam>
    public class ApiTask<T> : ApiTask
        where T : class
    {
        private readonly TaskKind<T> _kind;
        private bool _justSubmitted;

        internal ApiTask(string id, TaskKind<T> kind, bool justSubmitted)
            : base(id, kind)
        {
            _kind = kind;
            _justSubmitted = justSubmitted;
        }

        /// <summary>The last answer the task's fetch operation gave; null before the first.</summary>
        public T? Value { get; private set; }

        /// <summary>Fetches the task once and updates this handle from the answer.</summary>
        /// <exception cref="ApiException">The fetch failed.</exception>
        public async Task<T> UpdateAsync(CancellationToken cancellationToken = default)
        {
            var answer = await _kind.FetchAsync(Id, null, cancellationToken).ConfigureAwait(false);
            Observe(answer);
            return answer;
        }

        /// <summary>Waits until the task has finished, polling with a growing interval and honouring Retry-After, with the client's wait options.</summary>
        /// <returns>The answer whose status means success.</returns>
        /// <inheritdoc cref="TaskPoller.WaitAsync{T}" path="/exception"/>
        public Task<T> WaitAsync(CancellationToken cancellationToken = default) => WaitAsync(null, null, cancellationToken);

        /// <summary>Waits until the task has finished, polling as <paramref name="options"/> say.</summary>
        /// <param name="options">How to poll; null for the client's wait options.</param>
        /// <param name="cancellationToken">Stops the wait (not the task) promptly.</param>
        /// <returns>The answer whose status means success.</returns>
        /// <inheritdoc cref="TaskPoller.WaitAsync{T}" path="/exception"/>
        public Task<T> WaitAsync(TaskWaitOptions? options, CancellationToken cancellationToken = default) => WaitAsync(options, null, cancellationToken);

        /// <summary>Waits until the task has finished, telling <paramref name="progress"/> of every change of status or progress.</summary>
        /// <param name="options">How to poll; null for the client's wait options.</param>
        /// <param name="progress">Told of every change of status or progress.</param>
        /// <param name="cancellationToken">Stops the wait (not the task) promptly.</param>
        /// <returns>The answer whose status means success.</returns>
        /// <inheritdoc cref="TaskPoller.WaitAsync{T}" path="/exception"/>
        public Task<T> WaitAsync(TaskWaitOptions? options, IProgress<TaskSnapshot<T>>? progress, CancellationToken cancellationToken = default)
            => WaitCoreAsync(token => _kind.FetchAsync(Id, TaskPoller.PollRequest, token), options, new Observer(this, progress), cancellationToken);

        /// <summary>
        /// Polls the task and yields a snapshot for its first answer and for every change of status or progress, ending
        /// with the finished task, for progress displays. A failed task's last snapshot is yielded, then <see cref="TaskFailedException"/> thrown.
        /// </summary>
        /// <param name="options">How to poll; null for the client's wait options.</param>
        /// <param name="cancellationToken">Stops the wait (not the task) promptly.</param>
        public async IAsyncEnumerable<TaskSnapshot<T>> WatchAsync(TaskWaitOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await using var snapshots = _kind.Poller.WatchAsync(Id, token => _kind.FetchAsync(Id, TaskPoller.PollRequest, token), _kind.Lifecycle, FirstWaitOptions(options), cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                TaskSnapshot<T> snapshot;
                try
                {
                    if (!await snapshots.MoveNextAsync().ConfigureAwait(false))
                    {
                        WaitFailure = null;
                        yield break;
                    }

                    snapshot = snapshots.Current;
                }
                catch (Exception exception)
                {
                    Ended(exception);
                    throw;
                }

                Observe(snapshot.Value);
                yield return snapshot;
            }
        }

        /// <summary>Downloads the finished task's result into a stream. The API key is not sent: result links point at storage, not at the API.</summary>
        /// <param name="destination">Where the bytes go.</param>
        /// <param name="cancellationToken">Stops the download.</param>
        /// <exception cref="InvalidOperationException">The task has no result URL yet (it has not succeeded, or this kind has none); wait for it first.</exception>
        /// <exception cref="ApiException">The storage host answered with a non-success status.</exception>
        public Task DownloadAsync(Stream destination, CancellationToken cancellationToken = default)
        {
            if (destination is null)
            {
                throw new ArgumentNullException(nameof(destination));
            }

            var url = ResultUrl;
            if (string.IsNullOrWhiteSpace(url))
            {
                throw new InvalidOperationException("Task " + Id + " (" + Kind + ") has no result URL" + (HasCompleted ? "." : " yet: wait for it first."));
            }

            return _kind.DownloadAsync(url!, Id, destination, cancellationToken);
        }

        /// <summary>Downloads the finished task's result into a file (created, or overwritten).</summary>
        /// <param name="path">The file to write.</param>
        /// <param name="cancellationToken">Stops the download; the partial file is deleted.</param>
        /// <exception cref="InvalidOperationException">The task has no result URL yet.</exception>
        /// <exception cref="ApiException">The storage host answered with a non-success status.</exception>
        public async Task DownloadAsync(string path, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A file path is required.", nameof(path));
            }

            var completed = false;
            var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            try
            {
                await DownloadAsync(file, cancellationToken).ConfigureAwait(false);
                completed = true;
            }
            finally
            {
                file.Dispose();
                if (!completed)
                {
                    File.Delete(path);
                }
            }
        }

        // A batch may hold thousands of waiting tasks: between polls each keeps its status, not its last answer.
        internal override Task WaitInBatchAsync(BatchGate gate, TaskWaitOptions? options, CancellationToken cancellationToken)
            => WaitCoreAsync(token => gate.RunAsync(Id, Kind, t => _kind.FetchAsync(Id, TaskPoller.PollRequest, t), token), options, new Observer(this, null, keepsAnswer: false), cancellationToken);

        /// <summary>One wait through the poller, polling with <paramref name="fetch"/>; the handle ends holding the final answer, or the failure.</summary>
        private async Task<T> WaitCoreAsync(Func<CancellationToken, Task<T>> fetch, TaskWaitOptions? options, Observer observer, CancellationToken cancellationToken)
        {
            try
            {
                var final = await _kind.Poller.WaitAsync(Id, fetch, _kind.Lifecycle, FirstWaitOptions(options), observer, cancellationToken).ConfigureAwait(false);
                Observe(final);
                WaitFailure = null;
                return final;
            }
            catch (Exception exception)
            {
                Ended(exception);
                throw;
            }
        }

        /// <summary>Updates the handle from an answer.</summary>
        private protected void Observe(T answer, bool keepsAnswer = true)
        {
            if (keepsAnswer)
            {
                Value = answer;
            }

            var lifecycle = _kind.Lifecycle;
            Status = lifecycle.GetStatus(answer);
            State = lifecycle.GetState(Status);
            Error = lifecycle.GetError(answer);
            ResultUrl = lifecycle.GetResult(answer);
            Progress = State == TaskState.Succeeded ? 1 : TaskProgress.ToFraction(lifecycle.GetProgress(answer)) ?? Progress;
        }

        private void Ended(Exception exception)
        {
            WaitFailure = exception;
            if (exception is TaskFailedException<T> failed)
            {
                Observe(failed.Snapshot);
            }
        }

        /// <summary>
        /// A task just submitted is never finished at once: its first wait starts after the first delay, or an interval
        /// when the options give none.
        /// </summary>
        private TaskWaitOptions? FirstWaitOptions(TaskWaitOptions? options)
        {
            if (!_justSubmitted)
            {
                return options;
            }

            _justSubmitted = false;
            var first = (options ?? _kind.Poller.DefaultOptions).Clone();
            if (first.FirstDelay <= TimeSpan.Zero)
            {
                first.FirstDelay = first.Interval;
            }

            return first;
        }

        /// <summary>Keeps the handle current with every snapshot a wait sees, then tells the caller's progress.</summary>
        private sealed class Observer : IProgress<TaskSnapshot<T>>
        {
            private readonly ApiTask<T> _task;
            private readonly IProgress<TaskSnapshot<T>>? _next;
            private readonly bool _keepsAnswer;

            public Observer(ApiTask<T> task, IProgress<TaskSnapshot<T>>? next, bool keepsAnswer = true)
            {
                _task = task;
                _next = next;
                _keepsAnswer = keepsAnswer;
            }

            public void Report(TaskSnapshot<T> value)
            {
                _task.Observe(value.Value, _keepsAnswer);
                _next?.Report(value);
            }
        }
    }

    /// <summary>A task just submitted: the handle, and the submit's own answer.</summary>
    /// <typeparam name="TAnswer">The model the submit operation answers with.</typeparam>
    /// <typeparam name="T">The model the task's fetch operation answers with.</typeparam>
    public sealed class SubmittedTask<TAnswer, T> : ApiTask<T>
        where T : class
    {
        internal SubmittedTask(string id, TaskKind<T> kind, TAnswer answer)
            : base(id, kind, justSubmitted: true)
        {
            SubmitAnswer = answer;
        }

        /// <summary>What the submit answered (its task id, and whatever else the service says on accepting).</summary>
        public TAnswer SubmitAnswer { get; }
    }
}
