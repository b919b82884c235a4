using System;
using System.Threading;
using YEScale.Cli;

// Ctrl+C stops waiting (never the tasks, which stay in the journal for `yescale resume`).
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await CliApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
