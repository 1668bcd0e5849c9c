namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// Orders two states of a pod by resource version, where the server's versions are numbers (kube-apiserver's and the
/// embedded server's are); versions that are not numbers are never called older, as Kubernetes asks clients to
/// treat them as opaque.
/// </summary>
internal static class PodVersions
{
    /// <summary>Whether <paramref name="candidate"/> is an older state than <paramref name="current"/>.</summary>
    public static bool IsOlder(PodState candidate, PodState current) =>
        ulong.TryParse(candidate.ResourceVersion, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var a)
        && ulong.TryParse(current.ResourceVersion, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var b)
        && a < b;

    /// <summary>Whether both are the same state of the same pod (uid and resource version).</summary>
    public static bool Same(PodState a, PodState b) =>
        a.ResourceVersion is { Length: > 0 } version
        && string.Equals(version, b.ResourceVersion, StringComparison.Ordinal)
        && string.Equals(a.Uid, b.Uid, StringComparison.Ordinal);
}
