using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;
using YEScale.Toolkit.Tests.Coverage;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.CoverageTests
{
    /// <summary>
    /// Multipart bodies through Stoplight Prism 5.16 (<c>prism mock</c>), a validating mock that parses each part's
    /// Content-Disposition itself and, before the headers were quoted, crashed on them. It must accept a file part,
    /// whatever the file is called, and a file in a union, and still reject a body that breaks the spec.
    /// Prism reads repeated parts as one value, so lists of files are checked against ASP.NET Core only (MultipartPartTests).
    /// </summary>
    [Collection(ProcessHeavyCollection.Name)]
    public class PrismMultipartTests
    {
        private static readonly string Spec = Path.Combine(SeedPage.Repository, "tests", "YEScale.Toolkit.Tests", "Specs", "coverage.openapi.yaml");

        [RequiresPrismFact]
        public async Task Prism_accepts_file_parts_and_a_file_in_a_union_and_rejects_a_body_without_its_required_file()
        {
            await using var prism = await PrismMock.StartAsync(Spec);
            using var http = new HttpClient { BaseAddress = prism.BaseAddress };
            var client = new CoverageClient(http);
            var bytes = new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3 };

            foreach (var name in new[] { "voice.wav", "my voice memo.wav", "say \"hi\".wav", "café ☕ 東京.wav" })
            {
                await client.UploadAsync(new UploadRequest { File = FileUpload.FromBytes(bytes, name, "audio/wav"), Purpose = "transcribe" });
            }

            await client.UploadBatchAsync(new UploadBatchRequest { Image = FileUpload.FromBytes(bytes, "mask.png", "image/png"), Source = "https://cdn.example/a.wav", Label = "one" });
            await client.UploadBatchAsync(new UploadBatchRequest { Source = FileUpload.FromBytes(bytes, "source \"2\".wav", "audio/wav") });

            // The same client's body without its required file: prism really validates what it is sent.
            var invalid = await Assert.ThrowsAsync<ApiException>(() => client.UploadAsync(new UploadRequest { File = null!, Purpose = "transcribe" }));
            Assert.True(422 == invalid.Status, "prism answered " + invalid.Status + ": " + invalid.Content + "\n" + prism.Output);
            Assert.Contains("required property 'file'", invalid.Content ?? string.Empty);
            Assert.True(prism.IsRunning, prism.Output);
        }
    }
}
