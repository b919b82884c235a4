using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Xunit;
using YEScale.Toolkit.Http;
using YEScale.Toolkit.Tests.Coverage;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.CoverageTests
{
    /// <summary>
    /// Multipart bodies as a parser this project did not write reads them: ASP.NET Core's form reader
    /// (<c>ReadFormAsync</c>) and its <c>MultipartReader</c> for the raw part headers, in a Kestrel server. Part headers
    /// are RFC 7578's (<c>form-data; name="..."; filename="..."</c>, quoted-strings), with RFC 5987's <c>filename*</c>
    /// beside an ASCII fallback when the name is not plain ASCII; files in lists and unions are file parts.
    /// </summary>
    public class MultipartPartTests
    {
        private static readonly byte[] Wav = { 0x52, 0x49, 0x46, 0x46, 0x00, 0xFF, 0x0D, 0x0A, 0x2D, 0x2D, 0x80, 0x7F };
        private static readonly byte[] Png = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xC3, 0x28 };

        /// <summary>One file part as ASP.NET Core's form reader gave it.</summary>
        private sealed record FilePart(string Name, string FileName, string ContentType, byte[] Bytes);

        /// <summary>What the server read from one request: each part's raw Content-Disposition, the files and the text fields.</summary>
        private sealed record FormSeen(IReadOnlyList<string> Dispositions, IReadOnlyList<FilePart> Files, IReadOnlyDictionary<string, string[]> Fields);

        private static async Task<(LoopbackServer Server, ConcurrentQueue<FormSeen> Seen)> FormServer()
        {
            var seen = new ConcurrentQueue<FormSeen>();
            var server = await LoopbackServer.StartAsync(async context =>
            {
                // The raw part headers, through MultipartReader; then the body again through the form reader.
                var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(context.Request.ContentType).Boundary).Value!;
                var reader = new MultipartReader(boundary, context.Request.Body);
                var dispositions = new List<string>();
                while (await reader.ReadNextSectionAsync() is { } section)
                {
                    dispositions.Add(section.ContentDisposition ?? "(none)");
                }

                context.Request.Body.Position = 0;
                var form = await context.Request.ReadFormAsync();
                var files = new List<FilePart>();
                foreach (var file in form.Files)
                {
                    using var bytes = new MemoryStream();
                    await file.CopyToAsync(bytes);
                    files.Add(new FilePart(file.Name, file.FileName, file.ContentType, bytes.ToArray()));
                }

                seen.Enqueue(new FormSeen(dispositions, files, form.ToDictionary(pair => pair.Key, pair => pair.Value.Select(value => value ?? string.Empty).ToArray())));
                context.Response.StatusCode = context.Request.Path == "/uploads" ? 200 : 204;
                if (context.Response.StatusCode == 200)
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{}");
                }
            });
            return (server, seen);
        }

        [Theory]
        [InlineData("voice.wav", "form-data; name=\"file\"; filename=\"voice.wav\"")]
        [InlineData("my voice memo.wav", "form-data; name=\"file\"; filename=\"my voice memo.wav\"")]
        [InlineData("say \"hi\".wav", "form-data; name=\"file\"; filename=\"say \\\"hi\\\".wav\"; filename*=UTF-8''say%20%22hi%22.wav")]
        [InlineData("C:\\back\\slash.wav", "form-data; name=\"file\"; filename=\"C:\\\\back\\\\slash.wav\"; filename*=UTF-8''C%3A%5Cback%5Cslash.wav")]
        [InlineData("café ☕ 東京.wav", "form-data; name=\"file\"; filename=\"cafe _ __.wav\"; filename*=UTF-8''caf%C3%A9%20%E2%98%95%20%E6%9D%B1%E4%BA%AC.wav")]
        public async Task A_file_part_carries_its_name_in_rfc_7578_form_and_the_form_reader_gets_it_back_exactly(string fileName, string disposition)
        {
            var (server, seen) = await FormServer();
            await using var _ = server;
            using var http = server.CreateHttpClient();

            await new CoverageClient(http).UploadAsync(new UploadRequest { File = FileUpload.FromBytes(Wav, fileName, "audio/wav"), Purpose = "transcribe" });

            var form = seen.Single();
            Assert.Equal(new[] { disposition, "form-data; name=\"purpose\"" }, form.Dispositions);
            var file = Assert.Single(form.Files);
            Assert.Equal("file", file.Name);
            Assert.Equal(fileName, file.FileName);
            Assert.Equal("audio/wav", file.ContentType);
            Assert.Equal(Wav, file.Bytes);
            Assert.Equal(new[] { "transcribe" }, form.Fields["purpose"]);
        }

        [Fact]
        public async Task Files_in_a_list_are_one_file_part_each_under_the_member_name()
        {
            var (server, seen) = await FormServer();
            await using var _ = server;
            using var http = server.CreateHttpClient();

            await new CoverageClient(http).UploadBatchAsync(new UploadBatchRequest
            {
                Files = new List<FileUpload> { FileUpload.FromBytes(Wav, "take \"1\".wav", "audio/wav"), FileUpload.FromBytes(Png, "überblick 2.png", "image/png") },
                Label = "batch",
            });

            var form = seen.Single();
            Assert.Equal(
                new[]
                {
                    "form-data; name=\"files\"; filename=\"take \\\"1\\\".wav\"; filename*=UTF-8''take%20%221%22.wav",
                    "form-data; name=\"files\"; filename=\"uberblick 2.png\"; filename*=UTF-8''%C3%BCberblick%202.png",
                    "form-data; name=\"label\"",
                },
                form.Dispositions);
            Assert.Equal(
                new[] { new FilePart("files", "take \"1\".wav", "audio/wav", Wav), new FilePart("files", "überblick 2.png", "image/png", Png) },
                form.Files,
                FilePartComparer.Instance);
            Assert.Equal(new[] { "batch" }, form.Fields["label"]);
        }

        [Fact]
        public async Task A_union_holding_a_file_is_a_file_part_a_list_of_files_one_part_each_and_other_variants_text_fields()
        {
            var (server, seen) = await FormServer();
            await using var _ = server;
            using var http = server.CreateHttpClient();
            var client = new CoverageClient(http);

            await client.UploadBatchAsync(new UploadBatchRequest { Image = FileUpload.FromBytes(Png, "mask \"a\".png", "image/png"), Source = FileUpload.FromBytes(Wav, "source ü.wav", "audio/wav") });
            await client.UploadBatchAsync(new UploadBatchRequest { Image = new[] { FileUpload.FromBytes(Png, "one.png", "image/png"), FileUpload.FromBytes(Wav, "two.wav") }, Source = new RemoteFile { Url = "https://cdn.example/a.wav" } });
            await client.UploadBatchAsync(new UploadBatchRequest { Source = "https://cdn.example/b.wav" });

            var forms = seen.ToList();
            Assert.Equal(3, forms.Count);
            Assert.Equal(
                new[] { new FilePart("image", "mask \"a\".png", "image/png", Png), new FilePart("source", "source ü.wav", "audio/wav", Wav) },
                forms[0].Files,
                FilePartComparer.Instance);
            Assert.Empty(forms[0].Fields);
            Assert.Equal(
                new[] { new FilePart("image", "one.png", "image/png", Png), new FilePart("image", "two.wav", "application/octet-stream", Wav) },
                forms[1].Files,
                FilePartComparer.Instance);
            Assert.Equal(new[] { "form-data; name=\"image\"; filename=\"one.png\"", "form-data; name=\"image\"; filename=\"two.wav\"", "form-data; name=\"source\"" }, forms[1].Dispositions);
            Assert.Equal(new[] { "{\"url\":\"https://cdn.example/a.wav\"}" }, forms[1].Fields["source"]);
            Assert.Empty(forms[2].Files);
            Assert.Equal(new[] { "https://cdn.example/b.wav" }, forms[2].Fields["source"]);
        }

        [Fact]
        public async Task Field_names_are_quoted_strings_and_a_non_ascii_one_arrives_as_utf_8()
        {
            var (server, seen) = await FormServer();
            await using var _ = server;
            using var http = server.CreateHttpClient();
            var form = new FormBuilder().Add("plain", "1").Add("say \"x\"", "2").Add("back\\slash", "3").Add("prénom", "Zoë").AddFile("pièce", FileUpload.FromBytes(Png, "a.png", "image/png"));

            using var response = await http.PostAsync("/form", form.ToMultipart());

            var read = seen.Single();
            Assert.Equal(
                new[]
                {
                    "form-data; name=\"plain\"",
                    "form-data; name=\"say \\\"x\\\"\"",
                    "form-data; name=\"back\\\\slash\"",
                    "form-data; name=\"prénom\"",
                    "form-data; name=\"pièce\"; filename=\"a.png\"",
                },
                read.Dispositions);
            Assert.Equal(new[] { "Zoë" }, read.Fields["prénom"]);
            Assert.Equal("pièce", Assert.Single(read.Files).Name);
        }

        [Theory]
        [InlineData("name\r\nX-Injected: 1", "a.png")]
        [InlineData("name", "a\r\nContent-Type: text/html.png")]
        [InlineData("name", "a\n.png")]
        [InlineData("na\0me", "a.png")]
        public void A_line_break_or_control_character_in_a_name_or_file_name_is_refused_before_anything_is_sent(string name, string fileName)
        {
            var form = new FormBuilder().AddFile(name, FileUpload.FromBytes(Png, fileName, "image/png"));

            var error = Assert.Throws<ArgumentException>(() => form.ToMultipart());

            Assert.Contains("multipart", error.Message);
        }

        [Fact]
        public async Task The_part_headers_on_the_wire_are_ascii_with_no_filename_star_for_a_plain_name()
        {
            var (server, _) = await FormServer();
            await using var __ = server;
            using var http = server.CreateHttpClient();

            await new CoverageClient(http).UploadAsync(new UploadRequest { File = FileUpload.FromBytes(Wav, "voice.wav", "audio/wav") });

            var body = server.Requests.Single().Body;
            Assert.Contains("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"voice.wav\"\r\n", body);
            Assert.DoesNotContain("filename*", body);
        }

        private sealed class FilePartComparer : IEqualityComparer<FilePart>
        {
            public static readonly FilePartComparer Instance = new();

            public bool Equals(FilePart? x, FilePart? y)
                => x != null && y != null && x.Name == y.Name && x.FileName == y.FileName && x.ContentType == y.ContentType && x.Bytes.AsSpan().SequenceEqual(y.Bytes);

            public int GetHashCode(FilePart obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
        }
    }
}
