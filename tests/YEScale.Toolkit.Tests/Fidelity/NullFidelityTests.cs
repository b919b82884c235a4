using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using Record = YEScale.Toolkit.Tests.Fidelity.Record;
using YEScale.Toolkit.Json;
using YEScale.Toolkit.Tests.Fidelity;
using YEScale.Toolkit.Tests.Fidelity30;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.FidelityTests
{
    /// <summary>
    /// Explicit JSON null against an absent member, for every way a document says "nullable" (3.1 type lists,
    /// anyOf/oneOf with null, 3.0 nullable), read from a real server and written back (Specs/fidelity*.openapi.yaml).
    /// </summary>
    public class NullFidelityTests
    {
        private const string AllNulls = "{\"id\":\"r1\",\"label\":null,\"progress\":null,\"finishTime\":null,\"done\":null,\"scores\":[1.5,null],\"tags\":{\"a\":1,\"b\":null},\"created\":5}";

        private static Task<LoopbackServer> EchoServer() => LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Request.Body.CopyToAsync(context.Response.Body);
        });

        [Fact]
        public async Task Explicit_nulls_of_value_types_read_as_null_not_as_zero_or_false()
        {
            await using var server = await LoopbackServer.StartAsync(200, AllNulls);
            using var http = server.CreateHttpClient();

            var record = await new FidelityClient(http).EchoRecordAsync(new Record { Label = null, Id = "r1" });

            Assert.Null(record.Progress);
            Assert.Null(record.FinishTime);
            Assert.Null(record.Done);
            Assert.Null(record.Label);
            Assert.Equal(new double?[] { 1.5, null }, record.Scores!.ToArray());
            Assert.Null(record.Tags!["b"]);
            Assert.True(record.IsJsonNull("progress"));
            Assert.False(record.IsJsonNull("note"));
        }

        [Fact]
        public async Task An_answer_with_nulls_is_written_back_exactly_as_it_was_read()
        {
            await using var server = await LoopbackServer.StartAsync(200, AllNulls);
            using var http = server.CreateHttpClient();

            var record = await new FidelityClient(http).EchoRecordAsync(new Record { Label = null, Id = "r1" });

            JsonAssert.Same(AllNulls, ApiJson.ToJsonString(record, RecordJsonConverter.Instance));
        }

        [Fact]
        public async Task A_member_never_set_is_left_out_and_a_nullable_member_set_to_null_is_sent_as_null()
        {
            await using var server = await EchoServer();
            using var http = server.CreateHttpClient();

            await new FidelityClient(http).EchoRecordAsync(new Record { Id = "r2", Label = "x", Progress = null, Note = null });

            // progress allows null and was set: null. note does not allow null: left out. finishTime was never set: left out.
            JsonAssert.Same("{\"id\":\"r2\",\"label\":\"x\",\"progress\":null}", server.Requests.Single().Body);
        }

        [Fact]
        public async Task A_value_set_after_a_null_replaces_it_and_null_set_again_is_sent_again()
        {
            await using var server = await LoopbackServer.StartAsync(200, AllNulls);
            using var http = server.CreateHttpClient();
            var record = await new FidelityClient(http).EchoRecordAsync(new Record { Label = null, Id = "r1" });

            record.Progress = 0.5;
            Assert.Contains("\"progress\":0.5", ApiJson.ToJsonString(record, RecordJsonConverter.Instance));
            Assert.False(record.IsJsonNull("progress"));

            record.Progress = null;
            Assert.Contains("\"progress\":null", ApiJson.ToJsonString(record, RecordJsonConverter.Instance));
        }

        [Fact]
        public async Task Read_only_members_stay_out_of_a_request_but_a_saved_answer_keeps_them()
        {
            await using var server = await EchoServer();
            using var http = server.CreateHttpClient();
            var answer = ApiJson.Read(new System.ArraySegment<byte>(System.Text.Encoding.UTF8.GetBytes(AllNulls)), RecordJsonConverter.Instance);

            await new FidelityClient(http).EchoRecordAsync(answer);

            Assert.Equal(5, answer.Created);
            Assert.DoesNotContain("created", server.Requests.Single().Body);
            Assert.Contains("\"created\":5", ApiJson.ToJsonString(answer, RecordJsonConverter.Instance));
        }

        [Fact]
        public async Task An_answer_that_leaves_out_a_required_member_is_written_back_without_it()
        {
            await using var server = await LoopbackServer.StartAsync(200, "{\"id\":\"r9\"}");
            using var http = server.CreateHttpClient();

            var record = await new FidelityClient(http).EchoRecordAsync(new Record { Label = null, Id = "r9" });

            Assert.Null(record.Label);
            Assert.False(record.IsJsonNull("label"));
            JsonAssert.Same("{\"id\":\"r9\"}", ApiJson.ToJsonString(record, RecordJsonConverter.Instance));
        }

        [Fact]
        public async Task OpenApi_3_0_nullable_members_keep_their_nulls_both_ways()
        {
            const string json = "{\"id\":\"a\",\"temperature\":null,\"progress\":null,\"enabled\":null,\"title\":null,\"steps\":[1,null,3]}";
            await using var server = await LoopbackServer.StartAsync(200, json);
            using var http = server.CreateHttpClient();

            var record = await new Fidelity30Client(http).EchoLegacyRecordAsync(new LegacyRecord { Id = "a", Temperature = null });

            Assert.Null(record.Temperature);
            Assert.Null(record.Enabled);
            Assert.Equal(new long?[] { 1, null, 3 }, record.Steps!.ToArray());
            JsonAssert.Same(json, ApiJson.ToJsonString(record, LegacyRecordJsonConverter.Instance));
        }

        [Fact]
        public async Task A_required_nullable_member_set_to_null_is_sent_as_null()
        {
            await using var server = await EchoServer();
            using var http = server.CreateHttpClient();

            await new Fidelity30Client(http).EchoLegacyRecordAsync(new LegacyRecord { Id = "a", Temperature = null });

            JsonAssert.Same("{\"id\":\"a\",\"temperature\":null}", server.Requests.Single().Body);
        }
    }
}
