using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Status;

/// <summary>
/// An upper bound of the JSON size of status entries, without serializing them: every character that a JSON
/// encoder might escape (non-ASCII, HTML-sensitive, control) is counted as a six-byte <c>\uXXXX</c>.
/// </summary>
internal static class StatusSizeEstimator
{
    // Braces, commas, and the quoted names of every property an entry can have, rounded up.
    private const int NodeOverhead = 96;
    private const int ActionOverhead = 64;
    private const int ImageOverhead = 112;
    private const int MirrorOverhead = 128;
    private const int FallbackKeyOverhead = 18;
    private const int MirrorImageOverhead = 48;

    public static long Estimate(ImagePrePullNodeTaskStatus entry)
    {
        long size = NodeOverhead + Text(entry.NodeName) + Text(entry.Phase) + Text(entry.Reason);
        foreach (var action in entry.ActionFlow ?? [])
        {
            size += ActionOverhead + Text(action.Action) + Text(action.Status) + Text(action.Reason) + Text(action.Time);
        }

        foreach (var image in entry.ImageStatus ?? [])
        {
            size += ImageOverhead + Text(image.Image) + Text(image.Status) + Text(image.Reason)
                + Text(image.ResolvedImage) + Fallback(image.FallbackFrom) + Text(image.ImageRef) + Text(image.Secret);
        }

        return size;
    }

    public static long Estimate(Api.V1Alpha1.ImagePrePullStatus entry)
    {
        var node = entry.NodeStatus;
        long size = MirrorOverhead;
        if (node is not null)
        {
            size += Text(node.NodeName) + Text(node.State) + Text(node.Event) + Text(node.Action) + Text(node.Reason) + Text(node.Time);
        }

        foreach (var image in entry.ImageStatus ?? [])
        {
            size += MirrorImageOverhead + Text(image.Image) + Text(image.State) + Text(image.Reason);
        }

        return size;
    }

    // "fallbackFrom" is written only after a fallback (docs/design.md §2 "Overrides"): its key counts then.
    private static long Fallback(string? text) => text is null ? 0 : FallbackKeyOverhead + Text(text);

    public static long Text(string? text)
    {
        if (text is null)
        {
            return 0;
        }

        long size = 0;
        foreach (var c in text)
        {
            size += c is >= ' ' and <= '~' and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`') ? 1 : 6;
        }

        return size;
    }
}
