using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>Plain text, no ANSI: a progress line about once a second and an aligned table at the end.</summary>
internal sealed class PlainDisplay(TextWriter output) : IDemoDisplay
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(1);

    public void Info(string line) => output.WriteLine(line);

    public Task<ImagePrePullJob?> TrackAsync(Func<Action<JobProgress>, Task<ImagePrePullJob?>> track)
    {
        JobProgress? last = null;
        return track(progress =>
        {
            if (last is null || progress.IsFinished || progress.Elapsed - last.Elapsed >= LineInterval)
            {
                output.WriteLine(DemoText.Progress(progress));
                last = progress;
            }
        });
    }

    public void Summary(DemoReport report)
    {
        output.WriteLine();
        List<IReadOnlyList<string>> rows = [DemoText.Header, .. report.Regions.Select(DemoText.Row), DemoText.Total(report)];
        var widths = Enumerable.Range(0, DemoText.Header.Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            // Text columns left-aligned, numbers right-aligned, as kubectl prints them.
            var cells = row.Select((cell, c) => c is 0 or >= 5 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }

        output.WriteLine();
        if (report.NotSelected.Count > 0)
        {
            output.WriteLine(DemoText.NotSelected(report));
        }

        if (report.Failures.Count > 0)
        {
            output.WriteLine("failures:");
            foreach (var group in report.Failures.Take(DemoText.MaxFailureGroups))
            {
                output.WriteLine(DemoText.Failure(group));
            }

            if (DemoText.OtherFailures(report) is { } others)
            {
                output.WriteLine(others);
            }
        }

        output.WriteLine(DemoText.Outcome(report));
        output.WriteLine(DemoText.StatusFile(report));
    }
}
