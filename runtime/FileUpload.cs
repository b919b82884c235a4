using System;
using System.IO;

namespace YEScale.Toolkit
{
    /// <summary>A file sent in a multipart request: its bytes as a stream, its name and its media type.</summary>
    public sealed class FileUpload
    {
        /// <summary>A file from a stream; the stream is read when the request is sent and not disposed by the client.</summary>
        public FileUpload(Stream content, string fileName, string? contentType = null)
        {
            Content = content ?? throw new ArgumentNullException(nameof(content));
            FileName = string.IsNullOrWhiteSpace(fileName) ? throw new ArgumentException("A file name is required.", nameof(fileName)) : fileName;
            ContentType = contentType;
        }

        /// <summary>The bytes.</summary>
        public Stream Content { get; }

        /// <summary>The name the server sees.</summary>
        public string FileName { get; }

        /// <summary>The media type (for example <c>image/png</c>); <c>application/octet-stream</c> when null.</summary>
        public string? ContentType { get; }

        /// <summary>A file from bytes in memory.</summary>
        public static FileUpload FromBytes(byte[] bytes, string fileName, string? contentType = null)
            => new FileUpload(new MemoryStream(bytes ?? throw new ArgumentNullException(nameof(bytes)), writable: false), fileName, contentType);

        /// <inheritdoc />
        public override string ToString() => $"{FileName} ({ContentType ?? "application/octet-stream"})";
    }
}
