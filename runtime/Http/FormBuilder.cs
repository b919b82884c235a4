using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;

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
            foreach (var field in _fields)
            {
                if (field.File is { } file)
                {
                    var part = new StreamContent(file.Content);
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
    }
}
