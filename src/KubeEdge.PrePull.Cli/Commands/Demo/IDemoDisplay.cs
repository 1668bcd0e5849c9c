using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>How the demo shows itself: live on a terminal, or as plain lines for logs, CI and tests.</summary>
internal interface IDemoDisplay
{
    /// <summary>A line about what is being set up.</summary>
    void Info(string line);

    /// <summary>Shows progress while <paramref name="track"/> runs; it reports each reading of the job to the callback it is given.</summary>
    Task<ImagePrePullJob?> TrackAsync(Func<Action<JobProgress>, Task<ImagePrePullJob?>> track);

    /// <summary>The closing summary.</summary>
    void Summary(DemoReport report);
}
