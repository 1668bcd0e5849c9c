using System.Net;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Registries;

/// <summary>
/// A registry refused or could not answer a request of the <see cref="RegistryClient"/>. The message names the
/// registry, the repository and the HTTP status with the registry's own error text, and never holds a credential
/// (docs/design.md §2 "Pinned digests").
/// </summary>
internal sealed class RegistryException : Exception
{
    public RegistryException()
    {
    }

    public RegistryException(string message)
        : base(message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RegistryException(string message, HttpStatusCode? statusCode, PullFailureKind kind, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Kind = kind;
    }

    /// <summary>The HTTP status the registry answered, or <see langword="null"/> when it did not answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>What kind of failure it was, as the pullers classify theirs.</summary>
    public PullFailureKind Kind { get; } = PullFailureKind.Other;
}
