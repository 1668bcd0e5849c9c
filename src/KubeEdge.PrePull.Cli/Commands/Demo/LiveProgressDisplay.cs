using KubeEdge.PrePull.Api;
using Spectre.Console;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>On a terminal: a bar for the job and one per node phase, updated as the status changes, then a table.</summary>
internal sealed class LiveProgressDisplay(IAnsiConsole console) : IDemoDisplay
{
    public void Info(string line) => console.MarkupLine("[grey]" + Markup.Escape(line) + "[/]");

    public async Task<ImagePrePullJob?> TrackAsync(Func<Action<JobProgress>, Task<ImagePrePullJob?>> track)
    {
        ImagePrePullJob? result = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 50 }, new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var job = context.AddTask("job", maxValue: 1);
                var bars = new[]
                {
                    (Task: context.AddTask("succeeded", maxValue: 1), Color: "green", Label: "succeeded"),
                    (Task: context.AddTask("failed", maxValue: 1), Color: "red", Label: "failed"),
                    (Task: context.AddTask("in progress", maxValue: 1), Color: "yellow", Label: "in progress"),
                    (Task: context.AddTask("pending", maxValue: 1), Color: "grey", Label: "pending"),
                };
                result = await track(p =>
                {
                    var total = Math.Max(1, p.Total);
                    int[] counts = [p.Succeeded, p.Failed, p.InProgress, p.Pending];
                    var phaseColor = p.Phase switch { JobPhases.Completed => "green", JobPhases.Failure => "red", _ => "blue" };
                    job.MaxValue = total;
                    job.Value = p.Done;
                    job.Description = $"[bold]job[/] [{phaseColor}]{Markup.Escape(p.Phase),-10}[/] {p.Done,5}/{p.Total,-5}";
                    for (var i = 0; i < bars.Length; i++)
                    {
                        bars[i].Task.MaxValue = total;
                        bars[i].Task.Value = counts[i];
                        bars[i].Task.Description = $"  [{bars[i].Color}]{bars[i].Label,-11}[/] {counts[i],5}      ";
                    }

                    if (p.IsFinished)
                    {
                        job.StopTask();
                        Array.ForEach(bars, b => b.Task.StopTask());
                    }
                }).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }

    public void Summary(DemoReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).ShowFooters();
        var total = DemoText.Total(report);
        for (var c = 0; c < DemoText.Header.Count; c++)
        {
            var column = new TableColumn("[bold]" + DemoText.Header[c] + "[/]").Footer("[bold]" + Markup.Escape(total[c]) + "[/]");
            table.AddColumn(c is 0 or >= 5 ? column.LeftAligned() : column.RightAligned());
        }

        foreach (var row in report.Regions)
        {
            var cells = DemoText.Row(row).Select(Markup.Escape).ToArray();
            cells[2] = "[green]" + cells[2] + "[/]";
            cells[3] = row.Failed > 0 ? "[red]" + cells[3] + "[/]" : cells[3];
            table.AddRow(cells);
        }

        console.Write(table);
        if (report.NotSelected.Count > 0)
        {
            console.MarkupLine("[grey]" + Markup.Escape(DemoText.NotSelected(report)) + "[/]");
        }

        if (report.Failures.Count > 0)
        {
            console.MarkupLine("[bold]failures:[/]");
            foreach (var group in report.Failures.Take(DemoText.MaxFailureGroups))
            {
                console.MarkupLine("[red]" + Markup.Escape(DemoText.Failure(group)) + "[/]");
            }

            if (DemoText.OtherFailures(report) is { } others)
            {
                console.MarkupLine("[red]" + Markup.Escape(others) + "[/]");
            }
        }

        var color = report.Phase == JobPhases.Completed ? "green" : "red";
        console.MarkupLine($"[bold {color}]{Markup.Escape(DemoText.Outcome(report))}[/]");
        console.MarkupLine("[bold]" + Markup.Escape(DemoText.StatusFile(report)) + "[/]");
    }
}
