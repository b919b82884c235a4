using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Spectre.Console;
using Spectre.Console.Rendering;
using YEScale.Account;
using YEScale.Cli.Families;
using YEScale.Toolkit.Polling;

namespace YEScale.Cli.Waiting
{
    /// <summary>
    /// An interactive terminal: a live table redrawn in place, one row per task, with a ticking clock and the final
    /// state in colour. The table stays on screen when the wait ends, as the record of what happened.
    /// </summary>
    internal sealed class TerminalReporter : IReporter
    {
        private static readonly string[] UnicodeSpinner = { "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" };
        private static readonly string[] AsciiSpinner = { "-", "\\", "|", "/" };

        private readonly IAnsiConsole _console;
        private readonly string[] _spinner;
        private IReadOnlyList<TaskRow>? _rows;
        private LiveDisplayContext? _live;
        private int _frame;

        public TerminalReporter(IAnsiConsole console)
        {
            _console = console;
            _spinner = console.Profile.Capabilities.Unicode ? UnicodeSpinner : AsciiSpinner;
        }

        public bool WantsTicks => true;

        public void Submitted(TaskFamily family, string taskId) => _console.MarkupLine($"Submitted [bold]{Markup.Escape(taskId)}[/] [grey]({Markup.Escape(family.Name)})[/]");

        public void SubmittedWithoutWait(IReadOnlyList<string> references) =>
            _console.MarkupLine($"[grey]The task{(references.Count == 1 ? " runs" : "s run")} at YEScale; follow with:[/] yescale wait {Markup.Escape(string.Join(' ', references))}");

        public void Task(TaskFamily family, ApiTask task)
        {
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            grid.AddRow(new Markup("[bold]task[/]"), new Text(task.Id));
            grid.AddRow(new Markup("[bold]family[/]"), new Text(family.Name));
            foreach (var (label, value) in family.Fields(task))
            {
                grid.AddRow(
                    new Markup($"[bold]{label}[/]"),
                    label == "status" ? new Markup(StatusMarkup(value, TaskText.Outcome(task.State))) : new Text(value));
            }

            _console.Write(grid);
        }

        public void Balance(YEScaleUser account)
        {
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            foreach (var (label, value) in BalanceText.Fields(account))
            {
                grid.AddRow(new Markup($"[bold]{label}[/]"), new Text(value));
            }

            _console.Write(grid);
        }

        public void Saved(TaskFamily family, string taskId, string path)
        {
            if (_live is null)
            {
                _console.MarkupLine($"Saved [bold]{Markup.Escape(taskId)}[/] to {Markup.Escape(path)}");
                return;
            }

            Redraw();
        }

        public void NothingToResume() => _console.MarkupLine("[grey]No unfinished tasks in the journal.[/]");

        public void OutcomeUnknown(UnknownSubmitEntry entry, string excerpt, string hint) =>
            _console.MarkupLine($"[yellow]{Markup.Escape(entry.SubmitId)}[/]: [yellow]outcome unknown[/]: sent {Markup.Escape(CliFailure.Time(entry.SentAt))}, \"{Markup.Escape(excerpt)}\"; it was not submitted again. [grey]{Markup.Escape(hint)}[/]");

        public void Resolved(string submitId, string? taskId) =>
            _console.MarkupLine(taskId is null
                ? $"[bold]{Markup.Escape(submitId)}[/]: resolved: forgotten, no task recorded"
                : $"[bold]{Markup.Escape(submitId)}[/]: resolved as task [bold]{Markup.Escape(taskId)}[/]: recorded in the journal; 'yescale resume' follows it");

        public void CommandFailed(CliFailure failure)
        {
        }

        public async Task RunWaitAsync(IReadOnlyList<TaskRow> rows, Func<Task> loop)
        {
            _rows = rows;
            await _console.Live(Render())
                .AutoClear(false)
                .Overflow(VerticalOverflow.Ellipsis)
                .StartAsync(async context =>
                {
                    _live = context;
                    try
                    {
                        await loop().ConfigureAwait(false);
                    }
                    finally
                    {
                        // The last frame, without spinners, is what stays on screen.
                        Redraw();
                        _live = null;
                    }
                })
                .ConfigureAwait(false);
        }

        public void Tick()
        {
            _frame++;
            Redraw();
        }

        public void StatusChanged(TaskRow row) => Redraw();

        public void Finished(TaskRow row) => Redraw();

        public void SaveFailed(TaskRow row) => Redraw();

        private void Redraw()
        {
            if (_live is null)
            {
                return;
            }

            _live.UpdateTarget(Render());
            _live.Refresh();
        }

        private IRenderable Render()
        {
            var rows = _rows ?? Array.Empty<TaskRow>();
            var showProgress = rows.Any(row => row.Progress != null);

            // Mixed families (a resume, or ids of several): each row says which one it is.
            var showFamily = rows.Select(row => row.Family).Distinct().Count() > 1;
            var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
            table.AddColumn(new TableColumn("[bold]Task[/]").NoWrap());
            if (showFamily)
            {
                table.AddColumn(new TableColumn("[bold]Family[/]").NoWrap());
            }

            table.AddColumn(new TableColumn("[bold]Status[/]").NoWrap());
            table.AddColumn(new TableColumn("[bold]Elapsed[/]").RightAligned().NoWrap());
            if (showProgress)
            {
                table.AddColumn(new TableColumn("[bold]Progress[/]").RightAligned().NoWrap());
            }

            table.AddColumn(new TableColumn("[bold]Detail[/]"));
            foreach (var row in rows)
            {
                var cells = new List<IRenderable> { new Text(row.Id) };
                if (showFamily)
                {
                    cells.Add(new Text(row.Family.Name));
                }

                cells.Add(new Markup(RowStatus(row)));
                cells.Add(new Text(PlainReporter.Seconds(row.Elapsed)));
                if (showProgress)
                {
                    cells.Add(new Text(row.Progress ?? string.Empty));
                }

                cells.Add(new Markup(Detail(row)));
                table.AddRow(cells);
            }

            // A line under the table rather than a caption, which would wrap to the table's width.
            var waiting = rows.Count(row => !row.IsFinished);
            var footer = waiting > 0
                ? $"[grey]Waiting for {waiting} of {rows.Count}. Ctrl+C stops waiting; the tasks go on at YEScale.[/]"
                : $"[grey]{Summary(rows)}[/]";
            return new Rows(table, new Markup(footer));
        }

        private string RowStatus(TaskRow row) => row.State switch
        {
            RowState.Waiting => $"[blue]{_spinner[_frame % _spinner.Length]}[/] {StatusMarkup(row.Status ?? "waiting", null)}",
            RowState.Succeeded => _spinner == UnicodeSpinner ? "[green]✔ succeeded[/]" : "[green]succeeded[/]",
            RowState.Failed => $"[red]{Markup.Escape(row.Status ?? "failed")}[/]",
            RowState.TimedOut => "[yellow]timed out[/]",
            RowState.Interrupted => "[yellow]stopped waiting[/]",
            _ => "[red]error[/]",
        };

        private static string Detail(TaskRow row)
        {
            if (row.SaveFailure is { } saveFailure)
            {
                return $"[red]not saved:[/] {Markup.Escape(saveFailure.Summary)}";
            }

            if (row.SavedPath != null)
            {
                return "saved " + Markup.Escape(row.SavedPath);
            }

            if (row.State == RowState.Interrupted)
            {
                return $"[grey]still '{Markup.Escape(row.Status ?? "unknown")}'; the task goes on[/]";
            }

            if (row.Failure is { } failure)
            {
                return Markup.Escape(failure.Summary);
            }

            return row.ResultUrl is null ? string.Empty : $"[link]{Markup.Escape(row.ResultUrl)}[/]";
        }

        private static string Summary(IReadOnlyList<TaskRow> rows)
        {
            var parts = rows.GroupBy(row => row.State)
                .OrderBy(group => group.Key)
                .Select(group => $"{group.Count()} {group.Key switch
                {
                    RowState.Succeeded => "succeeded",
                    RowState.Failed => "failed",
                    RowState.TimedOut => "timed out",
                    RowState.Interrupted => "still running",
                    _ => "with errors",
                }}");
            return string.Join(", ", parts) + ".";
        }

        /// <summary>Status words in colour: grey while queued, blue while running, green or red once final.</summary>
        private static string StatusMarkup(string status, bool? succeeded) => succeeded switch
        {
            true => $"[green]{Markup.Escape(status)}[/]",
            false => $"[red]{Markup.Escape(status)}[/]",
            _ when status.Equals("queued", StringComparison.OrdinalIgnoreCase) => $"[grey]{Markup.Escape(status)}[/]",
            _ => $"[blue]{Markup.Escape(status)}[/]",
        };
    }
}
