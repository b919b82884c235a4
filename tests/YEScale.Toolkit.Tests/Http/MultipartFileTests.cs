using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Http
{
    /// <summary>Files in multipart bodies reach a real server whole, however the caller shares them between fields.</summary>
    public class MultipartFileTests
    {
        private static readonly byte[] Png = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4 };

        private static Task<LoopbackServer> IdeogramServer() => LoopbackServer.StartAsync(async context =>
        {
            var form = await context.Request.ReadFormAsync();
            context.Response.ContentType = "application/json";
            var sizes = string.Join(",", form.Files.Select(f => "\"" + f.Name + "\":" + f.Length));
            await context.Response.WriteAsync("{\"data\":[{\"url\":\"https://cdn.example/edit.png\"}],\"sizes\":{" + sizes + "}}");
        });

        [Fact]
        public async Task One_upload_in_two_fields_is_sent_whole_in_both()
        {
            await using var server = await IdeogramServer();
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { ApiKey = "sk-multipart" });
            var png = FileUpload.FromBytes(Png, "boat.png", "image/png");

            var answer = await client.Images.EditIdeogramAsync(new YEScale.IdeogramEditRequest { Image = png, Mask = png, Prompt = "A red paper boat" });

            var sizes = answer.AdditionalProperties!["sizes"];
            Assert.Equal(Png.Length, sizes.GetProperty("image").GetInt32());
            Assert.Equal(Png.Length, sizes.GetProperty("mask").GetInt32());
        }

        [Fact]
        public async Task A_stream_that_cannot_be_read_twice_in_two_fields_is_refused_before_anything_is_sent()
        {
            await using var server = await IdeogramServer();
            using var http = server.CreateHttpClient();
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions { ApiKey = "sk-multipart" });
            var once = new FileUpload(new ForwardOnlyStream(Png), "boat.png", "image/png");

            var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Images.EditIdeogramAsync(new YEScale.IdeogramEditRequest { Image = once, Mask = once, Prompt = "A red paper boat" }));

            Assert.Contains("boat.png", error.Message);
            Assert.Empty(server.Requests);
        }

        /// <summary>A stream that can only be read forward, like a network or pipe stream.</summary>
        private sealed class ForwardOnlyStream : MemoryStream
        {
            public ForwardOnlyStream(byte[] bytes)
                : base(bytes, writable: false)
            {
            }

            public override bool CanSeek => false;
        }
    }
}
