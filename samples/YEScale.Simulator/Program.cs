using System;
using System.Threading.Tasks;
using YEScale.Simulator;

// Runs the simulator on its own: dotnet run --project samples/YEScale.Simulator -- [port] [api-key]
var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 5080;
var options = new SimulatorOptions { ApiKey = args.Length > 1 ? args[1] : null };
await using var simulator = new YEScaleSimulator(options);
var address = await simulator.StartAsync(port);
Console.WriteLine($"YEScale simulator listening on {address} (Ctrl+C to stop)");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
