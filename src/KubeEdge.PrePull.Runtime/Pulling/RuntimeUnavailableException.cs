namespace KubeEdge.PrePull.Runtime.Pulling;

/// <summary>
/// The container runtime on the node cannot be used: its socket is missing, refuses connections, or does not speak
/// the expected API. The message says which, and names the socket.
/// </summary>
public sealed class RuntimeUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuntimeUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public RuntimeUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public RuntimeUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
