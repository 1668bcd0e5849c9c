namespace KubeEdge.PrePull.Testing.Fleet;

/// <summary>How simulated kubelets pull one image: after how long, and whether it fails.</summary>
public sealed record ImagePullBehavior
{
    /// <summary>An instant, successful pull (the default behaviour).</summary>
    public static ImagePullBehavior Succeed { get; } = new();

    /// <summary>How long the pull takes, measured with the server's <see cref="TimeProvider"/> (default zero).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>
    /// When set, the pull fails: the container waits with reason <c>ErrImagePull</c> and the message
    /// <c>Failed to pull image "IMAGE": FailureMessage</c>, then <c>ImagePullBackOff</c>. Default <see langword="null"/> (success).
    /// </summary>
    public string? FailureMessage { get; init; }

    /// <summary>The <c>imageID</c> reported on success; default <c>REPOSITORY@sha256:...</c> derived from the image.</summary>
    public string? ImageId { get; init; }

    /// <summary>A failing pull with the runtime's error text.</summary>
    /// <param name="message">What the runtime said, e.g. <c>rpc error: code = NotFound desc = ... not found</c>.</param>
    /// <returns>The behaviour.</returns>
    public static ImagePullBehavior Fail(string message = "rpc error: code = NotFound desc = failed to resolve reference: not found") =>
        new() { FailureMessage = message };
}
