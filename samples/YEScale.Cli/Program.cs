using System;
using System.Threading;
using Spectre.Console;
using YEScale.Cli;

// Ctrl+C stops waiting (never the tasks, which stay in the journal for `yescale resume`); a second Ctrl+C ends
// the process at once, for when stopping cleanly takes too long.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

return await CliApp.RunAsync(args, Console.Out, Console.Error, InteractiveTerminal(), cancellation.Token);

// A live display only where someone watches it redraw: standard output is a terminal that understands ANSI
// (not redirected, not TERM=dumb, not a CI log), as Spectre.Console detects it.
static IAnsiConsole? InteractiveTerminal()
{
    if (Console.IsOutputRedirected)
    {
        return null;
    }

    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
    return console.Profile.Capabilities.Ansi && console.Profile.Capabilities.Interactive ? console : null;
}
