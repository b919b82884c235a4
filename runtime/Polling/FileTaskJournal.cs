using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Polling
{
    /// <summary>
    /// An <see cref="ITaskJournal"/> kept in an append-only JSON Lines file, one record a line, so submitted tasks
    /// survive a crash or restart. Several instances, in this process or in others, may share one file.
    /// </summary>
    /// <remarks>
    /// Each record is appended as one whole line with a single write and flushed to disk before the call returns.
    /// Appends are serialized across processes by an exclusive lock on a companion file (the journal's path plus
    /// <c>.lock</c>), which is left in place. Lines that cannot be read, such as the half-written last line a
    /// killed process leaves, are skipped. The file only grows; delete it when no task in it is still wanted.
    /// </remarks>
    public sealed class FileTaskJournal : ITaskJournal, IDisposable
    {
        private const byte NewLine = (byte)'\n';

        // The default encoder escapes HTML-sensitive text such as the '+' of a UTC offset; this file is never embedded
        // in HTML, and plain text keeps it readable. Quotes, backslashes and control characters are still escaped.
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        // How long an append waits for another writer's lock before giving up; a writer holds it for one write.
        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

        private readonly SemaphoreSlim _writeGate = new SemaphoreSlim(1, 1);
        private readonly string _lockPath;
        private volatile bool _disposed;

        /// <summary>Opens (or, on the first record, creates) the journal at <paramref name="path"/>.</summary>
        /// <param name="path">The journal file; its directory is created if missing.</param>
        public FileTaskJournal(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (path.Length == 0)
            {
                throw new ArgumentException("The journal path must not be empty.", nameof(path));
            }

            FilePath = Path.GetFullPath(path);
            _lockPath = FilePath + ".lock";
            var directory = Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        /// <summary>
        /// The per-user default journal: <c>YEScale/yescale-tasks.jsonl</c> under the local application data folder
        /// (<see cref="Environment.SpecialFolder.LocalApplicationData"/>, for example <c>%LOCALAPPDATA%</c> on Windows
        /// or <c>~/.local/share</c> on Linux).
        /// </summary>
        public static string DefaultPath =>
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "YEScale", "yescale-tasks.jsonl");

        /// <summary>The full path of the journal file.</summary>
        public string FilePath { get; }

        /// <inheritdoc />
        public Task RecordSubmittedAsync(TaskJournalEntry entry, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateEntry(entry);
            ThrowIfDisposed();
            return AppendAsync(EncodeRecord("submitted", entry.Operation, entry.TaskId, outcome: null, entry.SubmittedAt), cancellationToken);
        }

        /// <inheritdoc />
        public Task RecordFinishedAsync(string operation, string taskId, string outcome, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateFinished(operation, taskId, outcome);
            ThrowIfDisposed();
            return AppendAsync(EncodeRecord("finished", operation, taskId, outcome, DateTimeOffset.UtcNow), cancellationToken);
        }

        /// <inheritdoc />
        public Task<IReadOnlyList<TaskJournalEntry>> GetUnfinishedAsync(string? operation = null, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateFilter(operation);
            ThrowIfDisposed();
            return ReadUnfinishedAsync(operation, cancellationToken);
        }

        /// <inheritdoc />
        public Task RecordOutcomeUnknownAsync(UnknownSubmitEntry entry, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateUnknown(entry);
            ThrowIfDisposed();
            return AppendAsync(EncodeUnknown(entry), cancellationToken);
        }

        /// <inheritdoc />
        public Task ResolveOutcomeUnknownAsync(string operation, string submitId, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateResolved(operation, submitId);
            ThrowIfDisposed();
            return AppendAsync(EncodeResolved(operation, submitId), cancellationToken);
        }

        /// <inheritdoc />
        public async Task<IReadOnlyList<UnknownSubmitEntry>> GetOutcomeUnknownAsync(string? operation = null, CancellationToken cancellationToken = default)
        {
            TaskJournalArguments.ValidateFilter(operation);
            ThrowIfDisposed();
            var tasks = await ReplayAsync(cancellationToken).ConfigureAwait(false);
            return tasks.UnknownSnapshot(operation);
        }

        /// <summary>Ends use of this instance; later calls throw <see cref="ObjectDisposedException"/>. The file stays.</summary>
        public void Dispose()
        {
            // No file is held open between calls. The semaphore is left undisposed on purpose: it owns no OS handle
            // here, and disposing it under a write still in flight would fail that write after its record was kept.
            _disposed = true;
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(FileTaskJournal));
            }
        }

        private static byte[] EncodeUnknown(UnknownSubmitEntry entry)
            => Encode(writer =>
            {
                writer.WriteString("event", "outcome-unknown");
                writer.WriteString("operation", entry.Operation);
                writer.WriteString("submitId", entry.SubmitId);
                writer.WriteString("submitOperation", entry.SubmitOperation);
                writer.WriteString("method", entry.Method);
                writer.WriteString("path", entry.Path);
                if (entry.Body is not null)
                {
                    writer.WriteString("body", entry.Body);
                }

                if (entry.IdempotencyKey is not null)
                {
                    writer.WriteString("idempotencyKey", entry.IdempotencyKey);
                }

                writer.WriteString("failure", entry.Failure);
                writer.WriteString("at", entry.SentAt.ToString("O", CultureInfo.InvariantCulture));
            });

        private static byte[] EncodeResolved(string operation, string submitId)
            => Encode(writer =>
            {
                writer.WriteString("event", "resolved");
                writer.WriteString("operation", operation);
                writer.WriteString("submitId", submitId);
                writer.WriteString("at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            });

        private static byte[] Encode(Action<Utf8JsonWriter> members)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                members(writer);
                writer.WriteEndObject();
            }

            buffer.WriteByte(NewLine);
            return buffer.ToArray();
        }

        private static byte[] EncodeRecord(string kind, string operation, string taskId, string? outcome, DateTimeOffset at)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("event", kind);
                writer.WriteString("operation", operation);
                writer.WriteString("taskId", taskId);
                if (outcome is not null)
                {
                    writer.WriteString("outcome", outcome);
                }

                // The round-trip format keeps the caller's offset and every tick.
                writer.WriteString("at", at.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            // The writer escapes control characters in strings, so the only newline in the record is this one.
            buffer.WriteByte(NewLine);
            return buffer.ToArray();
        }

        private async Task AppendAsync(byte[] record, CancellationToken cancellationToken)
        {
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var fileLock = await AcquireFileLockAsync(cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();

                // From here on the record is committed: cancelling between the write and the flush would leave the
                // caller unsure whether it was kept, so both run to completion.
                using var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
                var line = stream.Length > 0 && !EndsWithNewLine() ? Prepend(NewLine, record) : record;

                // One write call for the whole line (bufferSize 1 means no splitting in a FileStream buffer), then
                // fsync: there is no asynchronous fsync, so this short section is synchronous.
                stream.Write(line, 0, line.Length);
                stream.Flush(flushToDisk: true);
            }
            finally
            {
                _writeGate.Release();
            }
        }

        // A process killed mid-write leaves a last line without its newline; starting on a fresh line keeps the next
        // record from being glued onto that fragment and lost with it.
        private bool EndsWithNewLine()
        {
            using var reader = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            if (reader.Length == 0)
            {
                return true;
            }

            reader.Seek(-1, SeekOrigin.End);
            return reader.ReadByte() == NewLine;
        }

        private static byte[] Prepend(byte first, byte[] rest)
        {
            var combined = new byte[rest.Length + 1];
            combined[0] = first;
            Buffer.BlockCopy(rest, 0, combined, 1, rest.Length);
            return combined;
        }

        // FileMode.Append does not append atomically: .NET remembers the end of file at open and writes there, so two
        // writers would overwrite each other. An exclusive open of the companion file (a sharing lock on Windows, flock
        // on Unix) serializes them across handles and processes, and the OS drops it if the holder dies. On Unix .NET
        // skips that flock when DOTNET_SYSTEM_IO_DISABLEFILELOCKING is set; then only this instance's writes are ordered.
        private async Task<FileStream> AcquireFileLockAsync(CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + LockTimeout;
            var delay = 1;
            while (true)
            {
                try
                {
                    return new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, bufferSize: 1);
                }
                catch (IOException exception) when (exception is not FileNotFoundException && exception is not DirectoryNotFoundException && exception is not PathTooLongException)
                {
                    if (DateTime.UtcNow >= deadline)
                    {
                        throw new IOException($"Timed out waiting for the task journal lock '{_lockPath}'.", exception);
                    }
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 50);
            }
        }

        private async Task<IReadOnlyList<TaskJournalEntry>> ReadUnfinishedAsync(string? operation, CancellationToken cancellationToken)
            => (await ReplayAsync(cancellationToken).ConfigureAwait(false)).Snapshot(operation);

        private async Task<UnfinishedTaskSet> ReplayAsync(CancellationToken cancellationToken)
        {
            byte[] content;
            try
            {
                using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 4096, useAsync: true);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
                content = buffer.ToArray();
            }
            catch (Exception exception) when (exception is FileNotFoundException || exception is DirectoryNotFoundException)
            {
                return new UnfinishedTaskSet();
            }

            var tasks = new UnfinishedTaskSet();
            var start = HasUtf8Bom(content) ? 3 : 0;
            while (start < content.Length)
            {
                var end = Array.IndexOf(content, NewLine, start);
                if (end < 0)
                {
                    end = content.Length;
                }

                Apply(tasks, new ReadOnlySpan<byte>(content, start, end - start));
                start = end + 1;
            }

            return tasks;
        }

        private static bool HasUtf8Bom(byte[] content) =>
            content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF;

        private static void Apply(UnfinishedTaskSet tasks, ReadOnlySpan<byte> line)
        {
            if (!TryReadRecord(line, out var kind, out var operation, out var taskId, out var outcome, out var at))
            {
                ApplyUnknown(tasks, line);
                return;
            }

            if (kind == "submitted")
            {
                tasks.Submitted(new TaskJournalEntry(taskId, operation, at));
            }
            else if (kind == "finished" && !string.IsNullOrEmpty(outcome))
            {
                tasks.Finished(operation, taskId);
            }

            // Other event names may come from a newer version of this library; they are not ours to interpret.
        }

        // Outcome-unknown records and their resolutions carry no task id; they are rare, so a document read is cheap enough.
        private static void ApplyUnknown(UnfinishedTaskSet tasks, ReadOnlySpan<byte> line)
        {
            try
            {
                using var document = JsonDocument.Parse(line.ToArray());
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || Member(root, "event") is not { } kind || Member(root, "operation") is not { } operation || Member(root, "submitId") is not { } submitId)
                {
                    return;
                }

                if (kind == "resolved")
                {
                    tasks.Resolved(operation, submitId);
                }
                else if (kind == "outcome-unknown"
                    && Member(root, "submitOperation") is { } submitOperation
                    && Member(root, "method") is { } method
                    && Member(root, "path") is { } path
                    && root.TryGetProperty("at", out var at) && at.ValueKind == JsonValueKind.String && at.TryGetDateTimeOffset(out var sentAt))
                {
                    tasks.OutcomeUnknown(new UnknownSubmitEntry(submitId, operation, submitOperation, method, path, Member(root, "body"), Member(root, "idempotencyKey"), sentAt, Member(root, "failure") ?? string.Empty));
                }
            }
            catch (JsonException)
            {
                // A torn or foreign line: skipped, as any other.
            }
        }

        private static string? Member(JsonElement element, string name)
            => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        // Reads one line; anything that is not a whole, well-formed record (torn, empty, edited by hand) yields false.
        private static bool TryReadRecord(
            ReadOnlySpan<byte> line, out string kind, out string operation, out string taskId, out string? outcome, out DateTimeOffset at)
        {
            kind = operation = taskId = string.Empty;
            outcome = null;
            at = default;
            string? readKind = null, readOperation = null, readTaskId = null;
            var hasAt = false;
            try
            {
                var reader = new Utf8JsonReader(line);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    switch (name)
                    {
                        case "event":
                            if (!TryReadText(ref reader, out readKind))
                            {
                                return false;
                            }

                            break;
                        case "operation":
                            if (!TryReadText(ref reader, out readOperation))
                            {
                                return false;
                            }

                            break;
                        case "taskId":
                            if (!TryReadText(ref reader, out readTaskId))
                            {
                                return false;
                            }

                            break;
                        case "outcome":
                            if (!TryReadText(ref reader, out outcome))
                            {
                                return false;
                            }

                            break;
                        case "at":
                            hasAt = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out at);
                            if (!hasAt)
                            {
                                return false;
                            }

                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }

                // A complete object, and nothing but whitespace after it (Read throws on trailing content).
                if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                {
                    return false;
                }
            }
            catch (JsonException)
            {
                return false;
            }

            if (string.IsNullOrEmpty(readKind) || string.IsNullOrEmpty(readOperation) || string.IsNullOrEmpty(readTaskId) || !hasAt)
            {
                return false;
            }

            kind = readKind!;
            operation = readOperation!;
            taskId = readTaskId!;
            return true;
        }

        // A property of the wrong type (a number where text belongs, say) makes the line invalid.
        private static bool TryReadText(ref Utf8JsonReader reader, out string? value)
        {
            value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return value is not null;
        }
    }
}
