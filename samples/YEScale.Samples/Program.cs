// Samples, one per model family, against the offline simulator (or the real service with YESCALE_API_KEY):
//   dotnet run --project samples/YEScale.Samples -- chat|image|video|music|all
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using YEScale;
using YEScale.Samples;
using YEScale.Simulator;
using YEScale.Toolkit;
using YEScale.Toolkit.Polling;

var samples = new (string Name, Func<YEScaleClient, CancellationToken, Task> Run)[]
{
    ("chat", ChatSample.RunAsync),
    ("image", ImageSample.RunAsync),
    ("video", VideoSample.RunAsync),
    ("music", MusicSample.RunAsync),
};
var chosen = args.Length == 0 ? "all" : args[0];
if (chosen != "all" && Array.FindIndex(samples, s => s.Name == chosen) < 0)
{
    Console.Error.WriteLine($"Unknown sample '{chosen}'. Use chat, image, video, music or all.");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var apiKey = Environment.GetEnvironmentVariable("YESCALE_API_KEY");
await using var simulator = string.IsNullOrWhiteSpace(apiKey) ? new YEScaleSimulator() : null;
var baseAddress = simulator is null ? null : await simulator.StartAsync(cancellationToken: cancellation.Token);
if (simulator != null)
{
    Console.WriteLine($"No YESCALE_API_KEY: using the offline simulator at {baseAddress}");
}

using var http = new HttpClient();
var client = new YEScaleClient(http, new ApiClientOptions
{
    BaseAddress = baseAddress,
    ApiKey = simulator is null ? apiKey : null,
    // The simulator finishes a task in seconds; real video tasks take minutes, for which the defaults suit.
    TaskWait = simulator is null ? null : new TaskWaitOptions { Interval = TimeSpan.FromMilliseconds(250), MaxInterval = TimeSpan.FromSeconds(1) },
});

try
{
    foreach (var (name, run) in samples)
    {
        if (chosen == "all" || chosen == name)
        {
            Console.WriteLine($"== {name}");
            await run(client, cancellation.Token);
        }
    }

    return 0;
}
catch (TaskFailedException failed)
{
    Console.Error.WriteLine($"The task failed: {failed.Message}");
    return 1;
}
catch (ApiException exception)
{
    Console.Error.WriteLine($"YEScale answered {exception.Status}: {exception.ErrorMessage ?? exception.Content}");
    return 3;
}
