namespace KubeEdge.PrePull.Testing.Faults;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>A watch is accepted, sends its initial events, then the server closes the stream.</summary>
    CloseWatch,

    /// <summary>410 Gone: an <c>ERROR</c> event with reason <c>Expired</c> for watches, an HTTP 410 Status otherwise.</summary>
    Gone,

    /// <summary>409 Conflict, as on a stale resourceVersion.</summary>
    Conflict,

    /// <summary>500 InternalError.</summary>
    InternalError,

    /// <summary>The request is served normally after a delay (measured with the server's <see cref="TimeProvider"/>).</summary>
    Delay,
}
