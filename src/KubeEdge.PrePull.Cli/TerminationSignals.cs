using System.Runtime.InteropServices;

namespace KubeEdge.PrePull.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM for the tool. The first one cancels the command's token, so the command stops what it
/// started (the controller, the API server, the demo's registries and their temp folders) and the tool then exits
/// with <see cref="ExitCode"/>, 130 or 143 as shells report a command stopped by that signal. A second signal does not
/// wait for that clean-up: the tool exits at once (docs/design.md §3, "Testing kit and tool").
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly TextWriter _error;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _exitCode;

    private TerminationSignals(TextWriter error)
    {
        _error = error;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>
    /// <see cref="ExitCodes.Interrupted"/> after a SIGINT, <see cref="ExitCodes.Terminated"/> after a SIGTERM,
    /// <see langword="null"/> while no signal came.
    /// </summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and not 0 ? code : null;

    /// <summary>The signal that came, for the message, e.g. <c>SIGINT</c>.</summary>
    public string? SignalName => ExitCode switch
    {
        ExitCodes.Interrupted => "SIGINT",
        ExitCodes.Terminated => "SIGTERM",
        _ => null,
    };

    /// <summary>Starts listening; until disposed, these signals no longer end the process by themselves.</summary>
    /// <param name="error">Where the exit on a second signal is explained.</param>
    public static TerminationSignals Listen(TextWriter error) => new(error);

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The runtime's default would end the process at once, before anything is cleaned up.
        context.Cancel = true;
        var code = context.Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated;
        if (Interlocked.CompareExchange(ref _exitCode, code, 0) == 0)
        {
            // Callbacks (HTTP calls, delays) run on the thread pool, not on the runtime's signal thread.
            _ = _cancel.CancelAsync();
            return;
        }

        _error.WriteLine($"kubeedge-prepull: {context.Signal} again: exiting without cleaning up");
        Environment.Exit(code);
    }
}
