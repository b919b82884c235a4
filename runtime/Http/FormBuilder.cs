using System;
using System.Collections.Generic;
using System.Net.Http;
using System.IO;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace YEScale.Toolkit.Http
{
    /// <summary>Collects form fields and files, then makes an <c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c> body.</summary>
    public sealed class FormBuilder
    {
        private readonly List<(string Name, string? Value, FileUpload? File)> _fields = new List<(string, string?, FileUpload?)>();

        /// <summary>Adds a text field.</summary>
        public FormBuilder Add(string name, string value)
        {
            _fields.Add((name, value ?? string.Empty, null));
            return this;
        }

        /// <summary>Adds a file (multipart only).</summary>
        public FormBuilder AddFile(string name, FileUpload file)
        {
            _fields.Add((name, null, file ?? throw new ArgumentNullException(nameof(file))));
            return this;
        }

        /// <summary>The fields as <c>application/x-www-form-urlencoded</c>.</summary>
        /// <exception cref="InvalidOperationException">A file was added: only multipart bodies carry files.</exception>
        public HttpContent ToUrlEncoded()
        {
            var pairs = new List<KeyValuePair<string, string>>(_fields.Count);
            foreach (var field in _fields)
            {
                if (field.File != null)
                {
                    throw new InvalidOperationException($"Field '{field.Name}' is a file; a url-encoded form cannot carry files.");
                }

                pairs.Add(new KeyValuePair<string, string>(field.Name, field.Value!));
            }

            return new FormUrlEncodedContent(pairs);
        }

        /// <summary>The fields as <c>multipart/form-data</c>, files as file parts.</summary>
        public HttpContent ToMultipart()
        {
            var content = new MultipartFormDataContent();
            var streams = new HashSet<Stream>();
            foreach (var field in _fields)
            {
                if (field.File is { } file)
                {
                    // One upload may fill two fields (an image that is its own mask): each part reads it from its start.
                    if (!streams.Add(file.Content) && !file.Content.CanSeek)
                    {
                        throw new ArgumentException("The file '" + file.FileName + "' is sent in more than one field, but its stream cannot be read twice (it is not seekable); give each field its own FileUpload.", field.Name);
                    }

                    var part = new FilePartContent(file.Content);
                    part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType ?? "application/octet-stream");
                    content.Add(part, field.Name, file.FileName);
                }
                else
                {
                    content.Add(new StringContent(field.Value!), field.Name);
                }
            }

            return content;
        }
    
        /// <summary>
        /// A file part that reads its stream from the position it had when the form was built, every time it is
        /// written: two parts over one stream, or a request sent again, each send the whole file.
        /// </summary>
        private sealed class FilePartContent : HttpContent
        {
            private readonly Stream _stream;
            private readonly long _start;

            public FilePartContent(Stream stream)
            {
                _stream = stream;
                _start = stream.CanSeek ? stream.Position : 0;
            }

            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            {
                if (_stream.CanSeek)
                {
                    _stream.Position = _start;
                }

                await _stream.CopyToAsync(stream).ConfigureAwait(false);
            }

            protected override bool TryComputeLength(out long length)
            {
                length = _stream.CanSeek ? _stream.Length - _start : 0;
                return _stream.CanSeek;
            }
        }
    }
}
