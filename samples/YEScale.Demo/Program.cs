using System;
using System.Net.Http;
using System.Threading.Tasks;
using YEScale;
using YEScale.Demo;
using YEScale.Simulator;
using YEScale.Toolkit;

// The YEScale Toolkit demo. Without a key it starts the offline simulator on a free loopback port;
// with YESCALE_API_KEY (or --key) it talks to the real service (YESCALE_BASE_URL or --base-url to override).
DemoSettings settings;
try
{
    settings = DemoSettings.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

await using var simulator = settings.UseSimulator ? new YEScaleSimulator() : null;
var baseAddress = settings.BaseAddress;
if (simulator != null)
{
    baseAddress = await simulator.StartAsync();
    Console.WriteLine($"No API key given: using the offline YEScale simulator at {baseAddress}");
}

using var http = new HttpClient();
var client = new YEScaleClient(http, new ApiClientOptions { BaseAddress = baseAddress, ApiKey = settings.ApiKey });
var taskId = settings.TaskId ?? YEScaleSimulator.ExampleTaskId;

try
{
    var task = await client.GetSeedanceGenerationAsync(taskId);
    Console.WriteLine($"Task    {task.Id}");
    Console.WriteLine($"Model   {task.Model}");
    Console.WriteLine($"Status  {task.Status}");
    Console.WriteLine($"Created {DateTimeOffset.FromUnixTimeSeconds(task.CreatedAt):u}");
    Console.WriteLine($"Updated {DateTimeOffset.FromUnixTimeSeconds(task.UpdatedAt):u}");
    foreach (var item in task.Request.Content)
    {
        Console.WriteLine(item.Type == SeedanceContentType.Text ? $"Prompt  {item.Text}" : $"Image   {item.ImageUrl?.Url}");
    }

    Console.WriteLine($"Video   {task.Content.VideoUrl}");
    Console.WriteLine($"Tokens  {task.Usage.TotalTokens}");
    return 0;
}
catch (ApiException exception)
{
    Console.Error.WriteLine($"YEScale answered {exception.Status}: {exception.ErrorMessage ?? exception.Content}");
    return 1;
}
catch (HttpRequestException exception)
{
    Console.Error.WriteLine($"Could not reach {client.GetType().Name}'s server: {exception.Message}");
    return 3;
}
