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
}
