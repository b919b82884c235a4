using System;
using System.Collections.Generic;
using System.Net.Http;
using System.IO;
using System.Net;
using System.Net.Http.Headers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using YEScale.Toolkit.Json;

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

        /// <summary>
        /// Adds a union member of a multipart body: a held file as a file part, a held list of files as one file part
        /// each under <paramref name="name"/>, any other variant as a text field (a string as itself, anything else as
        /// its JSON).
        /// </summary>
        /// <param name="name">The field name.</param>
        /// <param name="value">The union, written with <paramref name="converter"/> when it holds no file.</param>
        /// <param name="held">The value the union holds (its <c>Value</c>).</param>
        /// <param name="converter">The union's JSON converter.</param>
        public FormBuilder AddUnion<T>(string name, T value, object held, JsonConverter<T> converter)
        {
            switch (held)
            {
                case FileUpload file:
                    return AddFile(name, file);
                case IEnumerable<FileUpload> files:
                    foreach (var file in files)
                    {
                        AddFile(name, file);
                    }

                    return this;
                default:
                    var json = ApiJson.ToRequestElement(value, converter);
                    return Add(name, json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetRawText());
            }
        }

        /// <summary>
        /// The fields as <c>multipart/form-data</c>, files as file parts. Each part is named in RFC 7578's form,
        /// <c>form-data; name="..."; filename="..."</c> with quoted-strings; see <see cref="ContentDisposition"/>.
        /// </summary>
        /// <exception cref="ArgumentException">A field or file name holds a line break or another control character, which no part header can carry.</exception>
        public HttpContent ToMultipart()
        {
            // MultipartContent rather than MultipartFormDataContent, which writes names as bare tokens
            // (name=file; filename=a.wav) that validating proxies such as Stoplight Prism fail on.
            var content = new MultipartContent("form-data");
#if NET
            // A field name outside ASCII is written as UTF-8, as browsers do (RFC 7578 section 5.1.1); file names are
            // ASCII on the wire whatever they hold (see ContentDisposition).
            content.HeaderEncodingSelector = (_, _) => Encoding.UTF8;
#endif
            var streams = new HashSet<Stream>();
            foreach (var field in _fields)
            {
                HttpContent part;
                var disposition = ContentDisposition(field.Name, field.File?.FileName);
                if (field.File is { } file)
                {
                    // One upload may fill two fields (an image that is its own mask): each part reads it from its start.
                    if (!streams.Add(file.Content) && !file.Content.CanSeek)
                    {
                        throw new ArgumentException("The file '" + file.FileName + "' is sent in more than one field, but its stream cannot be read twice (it is not seekable); give each field its own FileUpload.", field.Name);
                    }

                    part = new FilePartContent(file.Content);
                    part.Headers.TryAddWithoutValidation("Content-Disposition", disposition);
                    part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType ?? "application/octet-stream");
                }
                else
                {
                    part = new StringContent(field.Value!);
                    part.Headers.TryAddWithoutValidation("Content-Disposition", disposition);
                }

                content.Add(part);
            }

            return content;
        }

        /// <summary>
        /// A part's <c>Content-Disposition</c>: <c>form-data; name="..."</c>, and for a file <c>; filename="..."</c>, each
        /// an RFC 9110 quoted-string (<c>"</c> and <c>\</c> escaped with <c>\</c>). A file name that is not plain ASCII
        /// (outside ASCII, or holding <c>"</c> or <c>\</c>) also gets RFC 5987's <c>filename*=UTF-8''...</c>, the exact
        /// name percent-encoded, beside an ASCII fallback in <c>filename</c> (accents dropped, other characters as
        /// <c>_</c>). RFC 7578 advises against <c>filename*</c>, but without it such names do not survive common
        /// parsers: ASP.NET Core's, for one, does not unescape quoted-pairs (it would read <c>a\"b.wav</c>) and takes
        /// <c>filename*</c> when it is there; parsers that ignore it read the fallback.
        /// </summary>
        /// <exception cref="ArgumentException">A name holds a line break or another control character.</exception>
        private static string ContentDisposition(string name, string? fileName)
        {
            RefuseControlCharacters(name ?? throw new ArgumentNullException(nameof(name)), "field name", nameof(name));
            var header = new StringBuilder("form-data; name=", 64 + name.Length + 4 * (fileName?.Length ?? 0));
            AppendQuoted(header, name);
            if (fileName is null)
            {
                return header.ToString();
            }

            RefuseControlCharacters(fileName, "file name", nameof(fileName));
            header.Append("; filename=");
            var plain = true;
            foreach (var c in fileName)
            {
                plain &= c < 0x7F && c != '"' && c != '\\';
            }

            AppendQuoted(header, plain ? fileName : AsciiFallback(fileName));
            if (!plain)
            {
                header.Append("; filename*=UTF-8''");
                foreach (var b in Encoding.UTF8.GetBytes(fileName))
                {
                    // RFC 5987's attr-char stays as it is; every other byte is %XX.
                    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || "!#$&+-.^_`|~".IndexOf((char)b) >= 0)
                    {
                        header.Append((char)b);
                    }
                    else
                    {
                        header.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
                    }
                }
            }

            return header.ToString();
        }

        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>CR and LF would end the header (and start another); no other control character is allowed in one either (tab is).</summary>
        private static void RefuseControlCharacters(string value, string what, string parameter)
        {
            foreach (var c in value)
            {
                if ((c < 0x20 && c != '\t') || c == 0x7F)
                {
                    throw new ArgumentException("The " + what + " '" + value.Replace("\r", "\\r").Replace("\n", "\\n") + "' cannot be sent in a multipart part header: it holds a line break or another control character.", parameter);
                }
            }
        }

        private static void AppendQuoted(StringBuilder header, string value)
        {
            header.Append('"');
            foreach (var c in value)
            {
                if (c == '"' || c == '\\')
                {
                    header.Append('\\');
                }

                header.Append(c);
            }

            header.Append('"');
        }

        /// <summary>The file name in ASCII for parsers that ignore <c>filename*</c>: "café ☕.wav" is "cafe _.wav".</summary>
        private static string AsciiFallback(string fileName)
        {
            string decomposed;
            try
            {
                decomposed = fileName.Normalize(NormalizationForm.FormD);
            }
            catch (ArgumentException)
            {
                // A lone surrogate: nothing to decompose, each such character becomes '_' below.
                decomposed = fileName;
            }

            var ascii = new StringBuilder(decomposed.Length);
            for (var i = 0; i < decomposed.Length; i++)
            {
                var c = decomposed[i];
                if (c < 0x80)
                {
                    ascii.Append(c);
                }
                else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    ascii.Append('_');
                    if (char.IsHighSurrogate(c) && i + 1 < decomposed.Length && char.IsLowSurrogate(decomposed[i + 1]))
                    {
                        i++;
                    }
                }
            }

            return ascii.ToString();
        }

        /// <summary>
        /// A file part that reads its stream from the position it had when the form was built, every time it is
        /// written: two parts over one stream, or a request sent again, each send the whole file.
        /// </summary>
        internal sealed class FilePartContent : HttpContent, IRewindableContent
        {
            private readonly Stream _stream;
            private readonly long _start;

            public FilePartContent(Stream stream)
            {
                _stream = stream;
                _start = stream.CanSeek ? stream.Position : 0;
            }

            public bool CanRewind => _stream.CanSeek;

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

    /// <summary>Content that can be written again for a repeated try: what it sends the second time is what it sent the first.</summary>
    internal interface IRewindableContent
    {
        bool CanRewind { get; }
    }
}
