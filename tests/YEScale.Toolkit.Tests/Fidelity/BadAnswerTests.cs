using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using YEScale.Simulator;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Tests.Fidelity;
using YEScale.Toolkit.Tests.Infrastructure;
using Record = YEScale.Toolkit.Tests.Fidelity.Record;

namespace YEScale.Toolkit.Tests.FidelityTests
{
    /// <summary>
    /// A 2xx answer that is valid JSON of the wrong type (a string where the document says number) is an ApiException
    /// carrying the operation, the status, the body and the JsonException, from plain calls, streams and waits alike.
    /// </summary>
    public class BadAnswerTests
    {
        [Fact]
        public async Task A_plain_call_answered_with_a_string_for_a_number_throws_ApiException_with_the_JsonException_inside()
        {
            await using var server = await LoopbackServer.StartAsync(200, "{\"id\":\"r\",\"label\":\"x\",\"progress\":\"fast\"}");
            using var http = server.CreateHttpClient();

            var exception = await Assert.ThrowsAsync<ApiException>(() => new FidelityClient(http).EchoRecordAsync(new Record { Label = null, Id = "r" }));

            Assert.Equal(200, exception.Status);
            Assert.Equal("echoRecord", exception.OperationId);
            Assert.Contains("\"progress\":\"fast\"", exception.Content);
            var json = Assert.IsType<JsonException>(exception.InnerException);
            Assert.IsType<System.InvalidOperationException>(json.InnerException);
        }

        [Fact]
        public async Task A_stream_event_of_the_wrong_type_throws_ApiException_with_the_event_data()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("data: {\"id\":\"r\",\"label\":\"x\",\"count\":1}\n\ndata: {\"id\":\"r\",\"label\":\"x\",\"count\":\"many\"}\n\n");
            });
            using var http = server.CreateHttpClient();
            var seen = 0;

            var exception = await Assert.ThrowsAsync<ApiException>(async () =>
            {
                await foreach (var record in new FidelityClient(http).StreamRecordsAsync(new Record { Label = null, Id = "r" }))
                {
                    seen++;
                }
            });

            Assert.Equal(1, seen);
            Assert.Equal("streamRecords", exception.OperationId);
            Assert.Contains("\"count\":\"many\"", exception.Content);
            Assert.IsType<JsonException>(exception.InnerException);
        }

        [Fact]
        public async Task A_wait_that_meets_an_answer_of_the_wrong_type_counts_a_failed_poll_and_goes_on()
        {
            await using var service = await SimulatedService.StartAsync();
            var id = await service.SubmitAsync();
            service.Simulator.InjectFaults(SimulatedFault.WrongType());

            var task = await service.Client.Seedance.WaitForGenerationAsync(id, SimulatedService.FastPolling());

            Assert.Equal(YEScale.SeedanceTaskStatus.Succeeded, task.Status);
            Assert.True(service.FetchesOf(id).Count >= 2);
        }

        [Fact]
        public async Task A_wait_whose_failure_budget_runs_out_on_wrong_types_reports_the_task_id_and_the_JsonException()
        {
            await using var service = await SimulatedService.StartAsync();
            var id = await service.SubmitAsync();
            service.Simulator.InjectFaults(SimulatedFault.WrongType(), SimulatedFault.WrongType());
            var options = SimulatedService.FastPolling();
            options.MaxConsecutiveFailures = 1;

            var exception = await Assert.ThrowsAsync<TaskPollingException>(() => service.Client.Seedance.WaitForGenerationAsync(id, options));

            Assert.Equal(id, exception.TaskId);
            Assert.Equal(2, exception.Failures);
            var cause = Assert.IsType<ApiException>(exception.InnerException);
            Assert.Equal(200, cause.Status);
            Assert.Equal(id, cause.TaskId);
            Assert.IsType<JsonException>(cause.InnerException);
        }
    }
}
