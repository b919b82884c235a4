// Runs the simulator on its own:
//   dotnet run --project samples/YEScale.Simulator -- [port] [api-key] [--Setting=value ...]
// Settings bind onto SimulatorOptions (Faults is a section); later sources override earlier ones:
//   1. environment variables prefixed YESCALE_SIMULATOR_, sections joined by "__":
//        YESCALE_SIMULATOR_ApiKey=sk-test  YESCALE_SIMULATOR_Faults__RateLimitProbability=0.3
//   2. the positional [port] [api-key], kept from earlier versions;
//   3. switches: --Port=5080 (0 picks a free port) --ApiKey=sk-test --QueuedFor=00:00:02 --RunningFor=00:00:05
//        --FailureStatus=expired --Seed=42 --RequestsPerSecondLimit=5 --StreamChunkDelay=00:00:00.100
//        --SpecPath=other.openapi.yaml (simulate another spec instead of the embedded YEScale one)
//        --Faults:RateLimitProbability=0.3 --Faults:RetryAfter=00:00:02 --Faults:RetryAfter= (empty: no Retry-After)
//        --Faults:RetryAfterAsDate=true --Faults:ServerErrorProbability=0.1 --Faults:ServiceUnavailableProbability=0.1
//        --Faults:SlowProbability=0.1 --Faults:SlowDelay=00:00:05 --Faults:DropConnectionProbability=0.05
//        --Faults:RetryAfterMs=00:00:01.500 (also send OpenAI's retry-after-ms) --Faults:MalformedJsonProbability=0.05
//        --Faults:DropAfterAcceptingProbability=0.05 --Faults:ServerErrorAfterAcceptingProbability=0.05
//        --Faults:SlowAfterAcceptingProbability=0.05 --Faults:SlowBodyProbability=0.05 (after accepting: a submit still creates its task)
//        --Faults:FailureProbability=0.2
using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using YEScale.Simulator;

SimulatorOptions options;
int port;
try
{
    var configuration = SimulatorCommandLine.BuildConfiguration(args);
    options = SimulatorCommandLine.ReadOptions(configuration);
    port = SimulatorCommandLine.ReadPort(configuration);
}
catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or FormatException)
{
    // The binder reports unreadable values as InvalidOperationException; Validate reports out-of-range ones.
    var detail = exception.InnerException is { } inner ? $" ({inner.Message})" : string.Empty;
    Console.Error.WriteLine($"Invalid simulator setting: {exception.Message}{detail}");
    return 2;
}

await using var simulator = Create(options);
if (simulator is null)
{
    return 2;
}

var address = await simulator.StartAsync(port);
Console.WriteLine($"YEScale simulator listening on {address} (Ctrl+C to stop)");
Console.WriteLine($"  spec: {options.SpecPath ?? "embedded YEScale spec"}; {simulator.TaskRoutes.Count} task routes");
foreach (var problem in simulator.SpecProblems)
{
    Console.WriteLine($"  not simulated: {problem}");
}

Console.WriteLine($"  key: {(options.ApiKey is null ? "any" : "required")}; queued {options.QueuedFor}, running {options.RunningFor}; failures end '{options.FailureStatus}'"
    + (options.RequestsPerSecondLimit is int limit ? $"; at most {limit} requests/s" : string.Empty)
    + (options.Seed is int seed ? $"; seed {seed}" : string.Empty));
var faults = options.Faults;
var active = new (string Name, double Probability)[]
{
    ("429", faults.RateLimitProbability),
    ("500", faults.ServerErrorProbability),
    ("503", faults.ServiceUnavailableProbability),
    ($"slow {faults.SlowDelay}", faults.SlowProbability),
    ("dropped connection", faults.DropConnectionProbability),
    ("malformed JSON", faults.MalformedJsonProbability),
    ("dropped after accepting", faults.DropAfterAcceptingProbability),
    ("500 after accepting", faults.ServerErrorAfterAcceptingProbability),
    ($"slow {faults.SlowDelay} after accepting", faults.SlowAfterAcceptingProbability),
    ($"slow body {faults.SlowDelay}", faults.SlowBodyProbability),
    ("task failure", faults.FailureProbability),
}.Where(f => f.Probability > 0).Select(f => $"{f.Name} {f.Probability:P0}").ToArray();
if (active.Length > 0)
{
    var retryAfter = faults.RetryAfter is { } r ? $"Retry-After {r}{(faults.RetryAfterAsDate ? " as an HTTP-date" : string.Empty)}" : "no Retry-After";
    var retryAfterMs = faults.RetryAfterMs is { } ms ? $", retry-after-ms {ms.TotalMilliseconds}" : string.Empty;
    Console.WriteLine($"  faults: {string.Join(", ", active)} ({retryAfter}{retryAfterMs})");
}

// Ctrl+C and SIGTERM (timeout, docker stop) both end it cleanly.
var stop = new TaskCompletionSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stop.Task;
return 0;

// Reading the spec can fail (a bad SpecPath): that is a setting error, reported like the others.
static YEScaleSimulator? Create(SimulatorOptions options)
{
    try
    {
        return new YEScaleSimulator(options);
    }
    catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"Cannot read the spec: {exception.Message}");
        return null;
    }
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}
