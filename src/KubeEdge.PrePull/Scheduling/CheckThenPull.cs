using System.Collections;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// The action flow of a node whose Check passed and whose Pull then ended: <c>[Check, Pull]</c> as one object that
/// holds the two times and the pull's outcome, instead of an array and two <see cref="ActionResult"/>s. Every node
/// of a job keeps its flow until the job ends, so this is most of what a finished node keeps (docs/design.md §4
/// item 2). Each read of an item builds an equal, immutable <see cref="ActionResult"/>.
/// </summary>
internal sealed class CheckThenPull(DateTimeOffset checkTime, bool pullSucceeded, string? pullReason, DateTimeOffset pullTime) : IReadOnlyList<ActionResult>
{
    public int Count => 2;

    public ActionResult this[int index] => index switch
    {
        0 => new ActionResult(NodeActions.Check, true, null, checkTime),
        1 => new ActionResult(NodeActions.Pull, pullSucceeded, pullReason, pullTime),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A check-then-pull flow has two actions."),
    };

    public IEnumerator<ActionResult> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
