namespace KubeEdge.PrePull.Cli;

/// <summary>
/// An error the user can fix (a missing file, bad YAML, an unreachable cluster): the tool prints its message as one
/// line and exits with <see cref="ExitCode"/>; the stack trace only with <c>--verbose</c>.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public CliException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code; <see cref="ExitCodes.InputError"/> unless said otherwise.</summary>
    public int ExitCode { get; } = ExitCodes.InputError;
}
