using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using YEScale;
using YEScale.Cli;
using YEScale.Demo;
using YEScale.Simulator;
using YEScale.Toolkit;
using YEScale.Toolkit.Polling;
using YEScale.Toolkit.Seedance;

// The YEScale Toolkit demo: submit a Seedance video task, watch it, download the video.
// Without a key it starts the offline simulator on a free loopback port; with YESCALE_API_KEY (or --key) it talks
// to the real service (YESCALE_BASE_URL or --base-url to override the address).
DemoSettings settings;
try
{
    settings = DemoSettings.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return ExitCodes.Usage;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

await using var simulator = settings.UseSimulator
    ? new YEScaleSimulator(new SimulatorOptions { QueuedFor = TimeSpan.FromSeconds(1), RunningFor = TimeSpan.FromSeconds(2) })
    : null;
var baseAddress = settings.BaseAddress;
if (simulator != null)
{
    baseAddress = await simulator.StartAsync(cancellationToken: cancellation.Token);
    Console.WriteLine($"No API key given: using the offline YEScale simulator at {baseAddress}");
}

// The toolkit's timeouts (ApiClientOptions.Timeout, per try, headers and body) govern, not HttpClient's 100 s.
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

// Against the real service, submits are recorded in the task journal `yescale` reads (YESCALE_JOURNAL or --journal,
// else its default file): a task the demo leaves behind, or a submit whose answer was lost, shows in `yescale resume`.
using var journal = simulator is null ? new FileTaskJournal(settings.JournalPath) : null;
var client = new YEScaleClient(http, new ApiClientOptions
{
    BaseAddress = baseAddress,
    ApiKey = settings.ApiKey,
    TaskJournal = journal,
    // Short polls for the simulator; the defaults (2 s growing to 30 s) suit real video tasks.
    TaskWait = simulator is null ? null : new TaskWaitOptions { Interval = TimeSpan.FromMilliseconds(250), BackoffFactor = 1.2, MaxInterval = TimeSpan.FromSeconds(1) },
});

var taskId = settings.TaskId;
try
{
    if (taskId is null)
    {
        var prompt = SeedancePrompt.Build(
            "A paper boat drifting down a rain-soaked street at dusk, neon reflections",
            new SeedanceParameters { Resolution = SeedanceResolution.P480, Duration = 5, Ratio = SeedanceRatio.Ratio16x9 });
        var created = await client.Seedance.CreateGenerationAsync(
            new SeedanceGenerationCreate
            {
                Model = "doubao-seedance-1-0-pro-250528",
                Content = new List<SeedanceContentItem> { new() { Type = SeedanceContentType.Text, Text = prompt } },
            },
            cancellation.Token);
        taskId = created.Id;
        Console.WriteLine($"Submitted {taskId}: {prompt}");
    }

    SeedanceGeneration? task = null;
    // The handle remembers the last answer; it can download the result once the task has succeeded.
    var generation = client.Seedance.GenerationTask(taskId);
    await foreach (var snapshot in generation.WatchAsync(cancellationToken: cancellation.Token))
    {
        Console.WriteLine($"  {snapshot.Elapsed.TotalSeconds,5:0.0} s  {snapshot.Status}");
        task = snapshot.Value;
    }

    var path = Path.Combine(settings.OutputDirectory, taskId + ".mp4");
    Directory.CreateDirectory(settings.OutputDirectory);
    await generation.DownloadAsync(path, cancellation.Token);

    Console.WriteLine($"Video   {task!.Content?.VideoUrl}");
    Console.WriteLine($"Tokens  {task.Usage?.TotalTokens}");
    Console.WriteLine($"Saved   {path} ({new FileInfo(path).Length} bytes)");
    return ExitCodes.Success;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine(taskId is null ? "Stopped." : $"Stopped. The task goes on at YEScale: wait for it again with --task-id {taskId}.");
    return ExitCodes.Cancelled;
}
catch (Exception exception) when (exception is ApiException or TaskFailedException or TaskTimeoutException or TaskPollingException or TaskJournalException or IOException or UnauthorizedAccessException)
{
    // Every failure of a call is an ApiException (ApiConnectionException, ApiTimeoutException, TaskMayExistException...);
    // one line says what happened and what to do, and the exit code its kind, as `yescale` does.
    var (code, line) = DemoFailure.Describe(exception, baseAddress ?? YEScaleClient.DefaultBaseAddress, taskId);
    Console.Error.WriteLine(line);
    return code;
}
