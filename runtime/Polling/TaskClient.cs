using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Polling
{
    /// <summary>
    /// The tasks of every kind a client knows, together: handles from tokens, one wait for many tasks of different
    /// kinds under one rate limit, and one resume of everything the task journal holds.
    /// </summary>
    public class TaskClient
    {
        private readonly Dictionary<string, TaskKind> _kinds = new Dictionary<string, TaskKind>(StringComparer.Ordinal);
        /// <summary>Creates the collection for a client's poller; the client registers its kinds.</summary>
        /// <param name="poller">The client's poller: its journal is what <see cref="ResumeAsync"/> reads, and batch polls wait at its view of the server's rate limit.</param>
        public TaskClient(TaskPoller poller)
        {
            Poller = poller ?? throw new ArgumentNullException(nameof(poller));
        }

        /// <summary>For mocking frameworks: a collection with no poller and no kinds.</summary>
        protected TaskClient()
        {
            Poller = new TaskPoller();
        }

        /// <summary>The poller every wait goes through.</summary>
        public TaskPoller Poller { get; }

        /// <summary>The kinds of task the client knows, by the operationId that fetches them.</summary>
        public IReadOnlyCollection<TaskKind> Kinds => _kinds.Values;

        /// <summary>Adds a kind; a generated client registers each of its task operations once, as it is constructed.</summary>
        /// <exception cref="ArgumentException">A kind of that name is registered already.</exception>
        public TKind Register<TKind>(TKind kind)
            where TKind : TaskKind
        {
            if (kind is null)
            {
                throw new ArgumentNullException(nameof(kind));
            }

            _kinds.Add(kind.Name, kind);
            return kind;
        }

        /// <summary>The registered kind named <paramref name="name"/>, typed.</summary>
        /// <exception cref="ArgumentException">The client knows no kind of that name with answers of type <typeparamref name="T"/>.</exception>
        public TaskKind<T> Kind<T>(string name)
            where T : class
            => _kinds.TryGetValue(name ?? throw new ArgumentNullException(nameof(name)), out var known) && known is TaskKind<T> typed
                ? typed
                : throw new ArgumentException("This client knows no task kind '" + name + "' answering " + typeof(T).Name + ".", nameof(name));

        /// <summary>A handle for an existing task of the kind named <paramref name="kind"/> (the operationId that fetches it).</summary>
        /// <exception cref="ArgumentException">The client knows no kind of that name.</exception>
        public virtual ApiTask Task(string kind, string taskId)
            => _kinds.TryGetValue(kind ?? throw new ArgumentNullException(nameof(kind)), out var known)
                ? known.Task(taskId)
                : throw new ArgumentException("This client knows no task kind '" + kind + "'; it knows " + string.Join(", ", _kinds.Keys.OrderBy(k => k, StringComparer.Ordinal)) + ".", nameof(kind));

        /// <summary>The handle <see cref="ApiTask.ToToken"/> described, for the same kind of client (after a restart, in another process).</summary>
        /// <exception cref="FormatException">The text is not a task token.</exception>
        /// <exception cref="ArgumentException">The client knows no kind of the token's name.</exception>
        public virtual ApiTask FromToken(string token)
            => TaskToken.TryParse(token, out var kind, out var id)
                ? Task(kind, id)
                : throw new FormatException("Not a task token: expected the text ApiTask.ToToken() gives, such as t1:getSeedanceGeneration:cgt-2025...");

        /// <summary>
        /// Waits for many tasks, of any kinds, and yields each as soon as its wait ends, fastest first. Polls share one
        /// rate limit and one concurrency limit; a task that fails does not stop the others: its outcome carries the
        /// exception, and its handle (<see cref="TaskOutcome{T}.Value"/>) the last answer.
        /// </summary>
        /// <param name="tasks">The tasks; the same id and kind twice is waited for once.</param>
        /// <param name="options">Rate and concurrency limits, and how each task is polled.</param>
        /// <param name="cancellationToken">Stops every wait (not the tasks).</param>
        public virtual async IAsyncEnumerable<TaskOutcome<ApiTask>> WaitAllAsync(IEnumerable<ApiTask> tasks, TaskBatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (tasks is null)
            {
                throw new ArgumentNullException(nameof(tasks));
            }

            var unique = new List<ApiTask>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var task in tasks)
            {
                if (task != null && seen.Add(task.ToToken()))
                {
                    unique.Add(task);
                }
            }

            if (unique.Count == 0)
            {
                yield break;
            }

            options ??= new TaskBatchOptions();
            using var gate = new BatchGate(options, Poller.RateLimits);
            var finished = new ConcurrentQueue<TaskOutcome<ApiTask>>();
            using var ready = new SemaphoreSlim(0);
            using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

            async Task WaitOne(ApiTask task)
            {
                TaskOutcome<ApiTask> outcome;
                try
                {
                    await task.WaitInBatchAsync(gate, options.Wait, stopAll.Token).ConfigureAwait(false);
                    outcome = TaskOutcome<ApiTask>.Success(task.Id, task);
                }
                catch (Exception exception)
                {
                    outcome = TaskOutcome<ApiTask>.Failure(task.Id, task, exception);
                }

                finished.Enqueue(outcome);
                ready.Release();
            }

            var running = unique.Select(WaitOne).ToList();
            try
            {
                for (var i = 0; i < unique.Count; i++)
                {
                    await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
                    finished.TryDequeue(out var outcome);
                    yield return outcome!;
                }
            }
            finally
            {
                // Leaving early (break or cancellation) stops every wait still running, and lets them end before the gate goes.
                stopAll.Cancel();
                await System.Threading.Tasks.Task.WhenAll(running).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Waits for every task the journal lists as submitted and not finished, of every kind the client knows, in one
        /// batch as <see cref="WaitAllAsync"/> does: after a restart, nothing paid for is lost. Submits whose outcome is
        /// unknown come first, as outcomes that say so; they are never sent again.
        /// </summary>
        /// <param name="options">Rate and concurrency limits, and how each task is polled.</param>
        /// <param name="cancellationToken">Stops every wait (not the tasks).</param>
        /// <exception cref="InvalidOperationException">The client has no task journal.</exception>
        public virtual async IAsyncEnumerable<TaskOutcome<ApiTask>> ResumeAsync(TaskBatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var journal = Poller.Journal ?? throw new InvalidOperationException("There is no task journal to resume from: set ApiClientOptions.TaskJournal (for example to a FileTaskJournal).");
            var unfinished = new List<ApiTask>();
            foreach (var kind in _kinds.Values.OrderBy(k => k.Name, StringComparer.Ordinal))
            {
                foreach (var unknown in await journal.GetOutcomeUnknownAsync(kind.Name, cancellationToken).ConfigureAwait(false))
                {
                    yield return TaskOutcome<ApiTask>.OutcomeUnknown(unknown);
                }

                foreach (var entry in await journal.GetUnfinishedAsync(kind.Name, cancellationToken).ConfigureAwait(false))
                {
                    unfinished.Add(kind.Task(entry.TaskId));
                }
            }

            await foreach (var outcome in WaitAllAsync(unfinished, options, cancellationToken).ConfigureAwait(false))
            {
                yield return outcome;
            }
        }
    }
}
