using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using YEScale.Simulator;

namespace YEScale.Toolkit.Tests.Resilience
{
    /// <summary>
    /// Calls that get no answer: refused and unresolvable before anything was sent (repeated, even a submit), and
    /// connections dropped after sending (a GET is repeated, a submit is not). Every one surfaces as the toolkit's
    /// exception, never as a raw HttpRequestException.
    /// </summary>
    public class ConnectionFaultTests
    {
        /// <summary>A port on 127.0.0.1 that nothing listens on: bound, noted, released.</summary>
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>A SocketsHttpHandler that counts the TCP connections it opens (real sockets, nothing faked).</summary>
        private static SocketsHttpHandler CountingConnections(StrongBox<int> connects) => new()
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                Interlocked.Increment(ref connects.Value);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        [Fact]
        public async Task A_refused_connection_proves_nothing_was_sent_so_even_a_submit_is_repeated_then_fails_with_ApiConnectionException()
        {
            var port = ClosedPort();
            var connects = new StrongBox<int>();
            using var http = new HttpClient(CountingConnections(connects));
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
                ApiKey = FaultRig.Key,
                Retry = FaultRig.QuickRetry(maxAttempts: 3),
            });
            var options = new RequestOptions();

            var exception = await Record.ExceptionAsync(() => client.Seedance.CreateGenerationAsync(FaultRig.Request("A refused submit"), options));

            // Exactly this type: not HttpRequestException, not TaskMayExistException (nothing can have been created).
            var refused = Assert.IsType<ApiConnectionException>(exception);
            Assert.False(refused.RequestSent);
            Assert.Equal(0, refused.Status);
            Assert.Equal(3, refused.Attempts);
            Assert.Equal(3, connects.Value);
            Assert.Equal("POST", refused.RequestMethod);
            Assert.Equal(FaultRig.SubmitOperation, refused.OperationId);
            Assert.IsType<HttpRequestException>(refused.InnerException);
            Assert.Contains("was not sent", refused.Message);
            Assert.Null(options.Response); // no answer ever came
        }

        [Fact]
        public async Task A_host_name_that_does_not_resolve_fails_with_ApiConnectionException_not_sent()
        {
            using var http = new HttpClient(new SocketsHttpHandler());
            var client = new YEScale.YEScaleClient(http, new ApiClientOptions
            {
                BaseAddress = new Uri("http://nonexistent.invalid/"),
                ApiKey = FaultRig.Key,
                Retry = FaultRig.QuickRetry(maxAttempts: 2),
                Timeout = TimeSpan.FromSeconds(20),
            });

            var exception = await Record.ExceptionAsync(() => client.Seedance.CreateGenerationAsync(FaultRig.Request("An unresolvable submit")));

            var unresolved = Assert.IsType<ApiConnectionException>(exception);
            Assert.False(unresolved.RequestSent);
            Assert.Equal(0, unresolved.Status);
            Assert.Equal(2, unresolved.Attempts);
            Assert.Equal(HttpRequestError.NameResolutionError, Assert.IsType<HttpRequestException>(unresolved.InnerException).HttpRequestError);
        }

        [Fact]
        public async Task A_GET_whose_connection_is_dropped_is_repeated_and_succeeds()
        {
            await using var rig = await FaultRig.StartAsync();
            var client = rig.CreateClient();
            rig.Simulator.InjectFaults(SimulatedFault.DropConnection());
            var options = new RequestOptions();

            var task = await client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId, options);

            Assert.Equal(YEScaleSimulator.ExampleTaskId, task.Id);
            var queries = rig.QueriesOf(YEScaleSimulator.ExampleTaskId);
            Assert.Equal(2, queries.Count);
            Assert.Equal(SimulatedFaultKind.DropConnection, queries[0].Fault);
            Assert.Null(queries[0].StatusCode);
            Assert.Equal(200, queries[1].StatusCode);
            Assert.Equal(2, options.Response!.Attempts);
            Assert.Equal(200, options.Response.Status);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_submit_whose_connection_drops_after_the_server_read_it_is_not_repeated(bool connectionReused)
        {
            await using var rig = await FaultRig.StartAsync();
            var connects = new StrongBox<int>();
            var client = rig.CreateClient(http: new HttpClient(CountingConnections(connects)));
            if (connectionReused)
            {
                // A pooled connection, as in any long-running app: SocketsHttpHandler must not resend the submit on its own either.
                await client.Seedance.GetGenerationAsync(YEScaleSimulator.ExampleTaskId);
                Assert.Equal(1, connects.Value);
            }

            rig.Simulator.InjectFaults(SimulatedFault.DropAfterAccepting());

            var exception = await Record.ExceptionAsync(() => client.Seedance.CreateGenerationAsync(FaultRig.Request("A dropped submit")));

            var mayExist = Assert.IsType<TaskMayExistException>(exception);
            var dropped = Assert.IsType<ApiConnectionException>(mayExist.InnerException);
            Assert.True(dropped.RequestSent);
            Assert.Equal(1, mayExist.Attempts);
            var submit = Assert.Single(rig.Submits);
            Assert.Equal(SimulatedFaultKind.DropAfterAccepting, submit.Fault);
            Assert.Equal(Assert.Single(rig.Simulator.SubmittedTasks).Id, submit.TaskId);
        }
    }
}
