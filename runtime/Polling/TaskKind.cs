using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Polling
{
    /// <summary>
    /// One kind of task a client knows: how to fetch it and read its answers. Generated clients make one per task
    /// operation of the spec and register it with their <see cref="TaskClient"/>, so tokens and the journal can name it.
    /// </summary>
    public abstract class TaskKind
    {
        private protected TaskKind(string name)
        {
            Name = name;
        }

        /// <summary>The operationId that fetches this kind of task; what the journal and tokens call it.</summary>
        public string Name { get; }

        /// <summary>A handle for an existing task of this kind, not yet fetched.</summary>
        public abstract ApiTask Task(string taskId);
    }

    /// <summary>A kind of task whose answers are <typeparamref name="T"/>.</summary>
    public sealed class TaskKind<T> : TaskKind
        where T : class
    {
        private readonly Func<string, RequestOptions?, CancellationToken, Task<T>> _fetch;
        private readonly Func<string, string, Stream, CancellationToken, Task>? _download;

        /// <summary>Describes a kind of task.</summary>
        /// <param name="lifecycle">Where the answers keep status, error, progress and result, and which status words end the task.</param>
        /// <param name="poller">Waits for tasks: the client's options, journal and rate limits.</param>
        /// <param name="fetch">Fetches a task by id with the given request options (null for the client's).</param>
        /// <param name="download">Downloads a result URL for a task id into a stream; null when results cannot be downloaded.</param>
        public TaskKind(TaskLifecycle<T> lifecycle, TaskPoller poller, Func<string, RequestOptions?, CancellationToken, Task<T>> fetch, Func<string, string, Stream, CancellationToken, Task>? download = null)
            : base((lifecycle ?? throw new ArgumentNullException(nameof(lifecycle))).Operation)
        {
            Lifecycle = lifecycle;
            Poller = poller ?? throw new ArgumentNullException(nameof(poller));
            _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
            _download = download;
        }

        /// <summary>How this kind's answers are read.</summary>
        public TaskLifecycle<T> Lifecycle { get; }

        /// <summary>The poller its waits go through.</summary>
        public TaskPoller Poller { get; }

        /// <inheritdoc cref="TaskKind.Task"/>
        public override ApiTask Task(string taskId) => Existing(taskId);

        /// <summary>A typed handle for an existing task of this kind, not yet fetched.</summary>
        public ApiTask<T> Existing(string taskId) => new ApiTask<T>(taskId, this, justSubmitted: false);

        /// <summary>The handle a submit returns: its first wait starts after a first interval, since a task just created is never finished.</summary>
        public SubmittedTask<TAnswer, T> Submitted<TAnswer>(string taskId, TAnswer answer) => new SubmittedTask<TAnswer, T>(taskId, this, answer);

        internal Task<T> FetchAsync(string taskId, RequestOptions? options, CancellationToken cancellationToken) => _fetch(taskId, options, cancellationToken);

        internal Task DownloadAsync(string url, string taskId, Stream destination, CancellationToken cancellationToken)
            => _download is null
                ? throw new InvalidOperationException("Results of " + Name + " tasks cannot be downloaded: the spec names no result URL.")
                : _download(url, taskId, destination, cancellationToken);
    }
}
