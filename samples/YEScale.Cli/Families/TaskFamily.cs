using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using YEScale.Toolkit.Json;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli.Families
{
    /// <summary>Whether a family's submit takes the positional texts as prompts.</summary>
    internal enum PromptUse
    {
        /// <summary>One task per prompt; at least one is needed.</summary>
        Required,

        /// <summary>One task per prompt, or one task without a prompt when none is given.</summary>
        Optional,

        /// <summary>No prompt: one task from the options alone.</summary>
        None,
    }

    /// <summary>One step of a watch, whatever the family's answer type: what a row of the display needs.</summary>
    internal readonly record struct WatchStep(string? Status, string? Progress, TaskState State);

    /// <summary>
    /// One kind of task the tool speaks (a fetch operation of the spec, such as <c>getKlingTextToVideo</c>): the name users
    /// type after --family, how its submit is built from the command line, and how its tasks are fetched, shown and saved.
    /// The typed work happens in <see cref="TaskFamily{T}"/>, so the commands and the waiter never name a model.
    /// </summary>
    internal abstract class TaskFamily
    {
        protected TaskFamily(string name, string kind, string title, string resultNoun, string defaultExtension)
        {
            Name = name;
            Kind = kind;
            Title = title;
            ResultNoun = resultNoun;
            DefaultExtension = defaultExtension;
        }

        /// <summary>What --family takes, and what prefixes an id (<c>kling:ID</c>).</summary>
        public string Name { get; }

        /// <summary>Other names --family accepts.</summary>
        public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

        /// <summary>The operationId that fetches the tasks: what the journal and task tokens call the kind.</summary>
        public string Kind { get; }

        /// <summary>A few words for the usage text.</summary>
        public string Title { get; }

        /// <summary>What a finished task gives: "video", "image", "music" or "result".</summary>
        public string ResultNoun { get; }

        /// <summary>The file extension of a result whose link does not say (without the dot).</summary>
        public string DefaultExtension { get; }

        public PromptUse Prompt { get; init; } = PromptUse.Required;

        /// <summary>The submit options this family reads (every other submit option is refused, not ignored).</summary>
        public IReadOnlyList<string> Options { get; init; } = Array.Empty<string>();

        /// <summary>Submit options it cannot do without, each with what it is for: <c>("--image", "the first frame")</c>.</summary>
        public IReadOnlyList<(string Option, string Meaning)> RequiredOptions { get; init; } = Array.Empty<(string, string)>();

        /// <summary>How a task of this family is named on the command line: the bare id for the default family, else <c>family:id</c>.</summary>
        public string Reference(string taskId) => ReferenceEquals(this, TaskFamilies.Default) ? taskId : Name + ":" + taskId;

        /// <summary>Submits one task (with <paramref name="prompt"/>, or none for families that take none) and returns its handle.</summary>
        public abstract Task<ApiTask> SubmitAsync(YEScaleClient client, SubmitInputs inputs, string? prompt, CancellationToken cancellationToken);

        /// <summary>A handle for an existing task of this family; nothing is sent until it is used.</summary>
        public abstract ApiTask Handle(YEScaleClient client, string taskId);

        /// <summary>Fetches the task once into its handle.</summary>
        public abstract Task UpdateAsync(ApiTask handle, CancellationToken cancellationToken);

        /// <summary>Polls the task and yields its first answer and every change, ending with the finished one (a failed task throws after it).</summary>
        public abstract IAsyncEnumerable<WatchStep> WatchAsync(ApiTask handle, CancellationToken cancellationToken);

        /// <summary>Writes the finished task's result into <paramref name="destination"/>.</summary>
        /// <param name="client">The client, for families whose answer names a file to look up rather than a link.</param>
        /// <param name="handle">The task, updated since it succeeded.</param>
        /// <param name="http">The tool's HTTP client, for a link found outside the task's answer (sent without the API key).</param>
        /// <param name="destination">Where the bytes go.</param>
        /// <param name="cancellationToken">Stops the download.</param>
        public abstract Task DownloadAsync(YEScaleClient client, ApiTask handle, HttpClient http, Stream destination, CancellationToken cancellationToken);

        /// <summary>The last answer as YEScale sent it (the generated converter's JSON, YEScale's own field names).</summary>
        public abstract string ToJson(ApiTask handle);

        /// <summary>The exception a wait would have ended with, for a task found already failed.</summary>
        public abstract TaskFailedException Failed(ApiTask handle);

        /// <summary>The task as label and value pairs, for `yescale get` as text.</summary>
        public abstract IEnumerable<(string Label, string Value)> Fields(ApiTask handle);

        /// <summary>
        /// The file name extension for a result at <paramref name="resultUrl"/>: the link's own (<c>.png</c>, <c>.mp3</c>...)
        /// when it has a short one, else the family's.
        /// </summary>
        public string ExtensionOf(string? resultUrl)
        {
            if (resultUrl != null && Uri.TryCreate(resultUrl, UriKind.Absolute, out var url))
            {
                var extension = Path.GetExtension(url.AbsolutePath).TrimStart('.');
                if (extension.Length is > 0 and <= 5 && IsAlphanumeric(extension))
                {
                    return extension.ToLowerInvariant();
                }
            }

            return DefaultExtension;
        }

        private static bool IsAlphanumeric(string text)
        {
            foreach (var c in text)
            {
                if (!char.IsAsciiLetterOrDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The fields every family's handle knows: status, progress, error and the result's link.</summary>
        protected IEnumerable<(string Label, string Value)> HandleFields(ApiTask handle)
        {
            yield return ("status", handle.Status ?? "unknown");
            if (handle.Progress is double progress && handle.State == TaskState.Pending)
            {
                yield return ("progress", Math.Round(progress * 100).ToString(CultureInfo.InvariantCulture) + "%");
            }

            if (handle.Error is { Length: > 0 } error)
            {
                yield return ("error", error);
            }

            if (handle.ResultUrl is { Length: > 0 } result)
            {
                yield return (ResultNoun, result);
            }
        }
    }

    /// <summary>A family whose fetch operation answers <typeparamref name="T"/>: the generated handle does the polling and downloading.</summary>
    internal sealed class TaskFamily<T> : TaskFamily
        where T : class
    {
        private readonly JsonConverter<T> _converter;
        private readonly Func<YEScaleClient, SubmitInputs, string?, CancellationToken, Task<ApiTask>> _submit;

        public TaskFamily(
            string name,
            string kind,
            string title,
            string resultNoun,
            string defaultExtension,
            JsonConverter<T> converter,
            Func<YEScaleClient, SubmitInputs, string?, CancellationToken, Task<ApiTask>> submit)
            : base(name, kind, title, resultNoun, defaultExtension)
        {
            _converter = converter;
            _submit = submit;
        }

        /// <summary>Fields of the typed answer that say more than the handle's (Seedance's model and times); null for the handle's.</summary>
        public Func<T, IEnumerable<(string Label, string Value)>>? TypedFields { get; init; }

        /// <summary>
        /// For a family whose answer holds no result link (Hailuo's holds a file id): fetches the result some other way.
        /// Null downloads the handle's result link.
        /// </summary>
        public Func<YEScaleClient, T, HttpClient, Stream, CancellationToken, Task>? Download { get; init; }

        public override Task<ApiTask> SubmitAsync(YEScaleClient client, SubmitInputs inputs, string? prompt, CancellationToken cancellationToken)
            => _submit(client, inputs, prompt, cancellationToken);

        public override ApiTask Handle(YEScaleClient client, string taskId) => client.Tasks.Kind<T>(Kind).Existing(taskId);

        public override Task UpdateAsync(ApiTask handle, CancellationToken cancellationToken) => Typed(handle).UpdateAsync(cancellationToken);

        public override async IAsyncEnumerable<WatchStep> WatchAsync(ApiTask handle, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var snapshot in Typed(handle).WatchAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return new WatchStep(snapshot.Status, Percent(snapshot.Progress), snapshot.State);
            }
        }

        /// <summary>Progress in one form for every family (<c>45%</c>), whether the model reports <c>45%</c>, <c>45</c> or <c>0.45</c>.</summary>
        private static string? Percent(string? reported) =>
            TaskProgress.ToFraction(reported) is double fraction ? Math.Round(fraction * 100).ToString(CultureInfo.InvariantCulture) + "%" : reported;

        public override Task DownloadAsync(YEScaleClient client, ApiTask handle, HttpClient http, Stream destination, CancellationToken cancellationToken)
        {
            var typed = Typed(handle);
            return Download is null || typed.Value is null
                ? typed.DownloadAsync(destination, cancellationToken)
                : Download(client, typed.Value, http, destination, cancellationToken);
        }

        public override string ToJson(ApiTask handle) =>
            Typed(handle).Value is { } value ? ApiJson.ToJsonString(value, _converter) : "null";

        public override TaskFailedException Failed(ApiTask handle)
        {
            var typed = Typed(handle);
            return typed.Value is { } value
                ? new TaskFailedException<T>(handle.Id, Kind, handle.Status, handle.Error, value)
                : new TaskFailedException(handle.Id, Kind, handle.Status, handle.Error, null);
        }

        public override IEnumerable<(string Label, string Value)> Fields(ApiTask handle) =>
            TypedFields != null && Typed(handle).Value is { } value ? TypedFields(value) : HandleFields(handle);

        private ApiTask<T> Typed(ApiTask handle) =>
            handle as ApiTask<T> ?? throw new ArgumentException($"Task {handle.Id} is a {handle.Kind} task, not a {Kind} one.", nameof(handle));
    }
}
