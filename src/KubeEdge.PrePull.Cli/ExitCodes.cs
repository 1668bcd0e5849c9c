namespace KubeEdge.PrePull.Cli;

/// <summary>The tool's exit codes, the same for every command (documented in the README).</summary>
internal static class ExitCodes
{
    /// <summary>Done, and nothing failed.</summary>
    public const int Success = 0;

    /// <summary>Done, and the answer is "no": <c>validate</c> found problems, <c>plan</c> shows failing nodes or images.</summary>
    public const int Failed = 1;

    /// <summary>Could not do what was asked: a usage error, a missing or unreadable input, an unreachable cluster.</summary>
    public const int InputError = 2;

    /// <summary>Stopped by SIGINT (Ctrl+C) after removing what it started: 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM after removing what it started: 128 + 15, as shells report it.</summary>
    public const int Terminated = 143;
}
