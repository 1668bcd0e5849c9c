using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// The only early stop of a run (docs/design.md §2 "Execution"): when the first <see cref="NodesToWatch"/> nodes that
/// ran all failed on the same image with the same permanent failure kind (not found, unauthorized, invalid
/// reference), the job is broken and dispatching stops. Not thread-safe: the run calls it under its lock.
/// </summary>
internal sealed class DispatchBreaker
{
    /// <summary>How many finished nodes decide.</summary>
    public const int NodesToWatch = 5;

    // The (image, kind) pairs every node watched so far failed on, in the first node's spec order.
    private List<(string Image, PullFailureKind Kind)>? _common;
    private int _watched;

    /// <summary>Whether finished nodes still matter: fewer than <see cref="NodesToWatch"/> seen and no verdict yet.</summary>
    public bool Watching { get; private set; } = true;

    /// <summary>Why dispatching stopped (<c>the first 5 nodes all failed to pull image X (not found)</c>); <see langword="null"/> while it has not.</summary>
    public string? Reason { get; private set; }

    /// <summary>Takes one node that ran and finished; returns whether this node tripped the breaker.</summary>
    public bool Observe(NodeTaskResult node)
    {
        if (!Watching)
        {
            return false;
        }

        _watched++;
        if (_common is null)
        {
            _common = [];
            foreach (var image in node.Images)
            {
                if (!image.Succeeded && Describe(image.FailureKind) is not null)
                {
                    _common.Add((image.Image, image.FailureKind));
                }
            }
        }
        else
        {
            _common.RemoveAll(c => !FailedOn(node, c.Image, c.Kind));
        }

        if (_common.Count == 0)
        {
            Watching = false;
            return false;
        }

        if (_watched < NodesToWatch)
        {
            return false;
        }

        Watching = false;
        var (first, kind) = _common[0];
        Reason = $"the first {NodesToWatch} nodes all failed to pull image {first} ({Describe(kind)})";
        return true;
    }

    private static bool FailedOn(NodeTaskResult node, string image, PullFailureKind kind)
    {
        foreach (var result in node.Images)
        {
            if (!result.Succeeded && result.FailureKind == kind && string.Equals(result.Image, image, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // The permanent kinds only: the others (unreachable, timeout, ...) may pass on another node or a moment later.
    private static string? Describe(PullFailureKind kind) => kind switch
    {
        PullFailureKind.NotFound => "not found",
        PullFailureKind.Unauthorized => "unauthorized",
        PullFailureKind.InvalidReference => "invalid reference",
        _ => null,
    };
}
