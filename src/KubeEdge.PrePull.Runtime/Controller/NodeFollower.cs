using System.Threading.Channels;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// Keeps a waiting run (a deadline or <c>completionPolicy: Never</c>, docs/design.md §2 "Execution") in step with the
/// cluster's nodes: a node of the job that becomes Ready is released (planned first when it appeared only now), one
/// that goes NotReady or away is marked so; in a <c>Never</c> job an edge node that starts to match the selector joins.
/// Node changes are queued and handled in batches by one loop, so 1,000 joining nodes are planned together.
/// </summary>
internal sealed class NodeFollower
{
    private readonly Channel<NodeChange> _changes = Channel.CreateUnbounded<NodeChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly JobRunContext _context;
    private readonly ImagePrePullJob _job;
    private readonly JobRun _run;
    private readonly JobPlanSource _plans;
    private readonly Func<IReadOnlyDictionary<string, string>, bool>? _matches;
    private readonly bool _joins;
    private readonly HashSet<string> _members;
    // The readiness last told to the run, per member node, so a change is logged once.
    private readonly Dictionary<string, bool> _told = new(StringComparer.Ordinal);

    public NodeFollower(JobRunContext context, ImagePrePullJob job, JobRun run, JobPlanSource plans, IEnumerable<string> members, bool joins)
    {
        _context = context;
        _job = job;
        _run = run;
        _plans = plans;
        _members = new HashSet<string>(members, StringComparer.Ordinal);
        // Only a labelSelector job takes new nodes; a nodeNames job waits for the names it lists.
        _joins = joins && job.Spec.ImagePrePullTemplate?.LabelSelector is not null;
        if (job.Spec.ImagePrePullTemplate?.LabelSelector is { } selector)
        {
            _matches = Labels.LabelSelector.FromV1(selector).Matches;
        }
    }

    /// <summary>A node as the cache has it now, or its deletion.</summary>
    public void Observe(NodeInfo node, bool deleted) => _changes.Writer.TryWrite(new NodeChange(node, deleted));

    /// <summary>Handles changes until cancelled; <paramref name="current"/> is the node cache's content, handled first.</summary>
    public async Task RunAsync(IEnumerable<NodeInfo> current, CancellationToken cancellationToken)
    {
        try
        {
            await HandleSafelyAsync([.. current.Select(n => new NodeChange(n, false))], cancellationToken).ConfigureAwait(false);
            while (await _changes.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // The latest state of each node in the batch.
                var batch = new Dictionary<string, NodeChange>(StringComparer.Ordinal);
                while (_changes.Reader.TryRead(out var change))
                {
                    batch[change.Node.Name] = change;
                }

                await HandleSafelyAsync([.. batch.Values], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended or was cancelled.
        }
    }

    private async Task HandleSafelyAsync(IReadOnlyList<NodeChange> changes, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(changes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // E.g. the secrets of joining nodes could not be read: this batch is skipped, the next change of those
            // nodes brings them again.
            Log.NodeFollowFailed(_context.Logger, _job.Metadata.Name, e);
        }
    }

    private async Task HandleAsync(IReadOnlyList<NodeChange> changes, CancellationToken cancellationToken)
    {
        var toPlan = new List<NodeSnapshot>();
        var released = new List<NodeInfo>();
        var joining = new List<NodeInfo>();
        foreach (var (node, deleted) in changes)
        {
            var member = _members.Contains(node.Name);
            if (deleted)
            {
                if (member)
                {
                    Tell(node.Name, ready: false);
                }

                continue;
            }

            // The edge-label rule of selection (docs/design.md §2 "Node selection"); a node that breaks it stays as it is.
            var verdict = NodeSelector.Verify(node, _context.SelectionOptions);
            var eligible = verdict is null || verdict == NodeSelectionReasons.NotReady;
            if (member)
            {
                if (!node.IsReady || !eligible)
                {
                    Tell(node.Name, ready: false);
                    continue;
                }

                if (!_plans.Has(node.Name))
                {
                    toPlan.Add(NodeSnapshot.From(node));
                }

                released.Add(node);
            }
            else if (_joins && eligible && _matches!(node.Labels))
            {
                toPlan.Add(NodeSnapshot.From(node));
                joining.Add(node);
            }
        }

        if (toPlan.Count > 0)
        {
            var secrets = await ClusterSecretReader.ReadGrantedAsync(_context.Client, JobPlanner.SecretsNeeded(_job, toPlan), _context.SecretGrant, cancellationToken).ConfigureAwait(false);
            var later = JobPlanner.Plan(_job, toPlan, secrets.ToResolver());
            if (_plans.Pins is { } pins)
            {
                // Before the nodes run: a spec image with no digest recorded yet is resolved now, with the node's
                // credentials, and recorded with the others (docs/design.md §2 "Pinned digests").
                var added = await _context.DigestPinner.PinLaterAsync(pins, later.DistinctPlans.SelectMany(p => p.Images), cancellationToken).ConfigureAwait(false);
                if (added > 0)
                {
                    Log.DigestsPinnedLater(_context.Logger, _job.Metadata.Name, added);
                }
            }

            _plans.Add(later, toPlan.Select(n => n.Name));
        }

        foreach (var node in released)
        {
            Tell(node.Name, ready: true);
        }

        if (joining.Count > 0)
        {
            _run.AddNodes(joining.Where(n => n.IsReady).Select(n => n.Name), ready: true);
            _run.AddNodes(joining.Where(n => !n.IsReady).Select(n => n.Name), ready: false);
            _members.UnionWith(joining.Select(n => n.Name));
            Log.NodesJoined(_context.Logger, _job.Metadata.Name, joining.Count);
        }
    }

    private void Tell(string nodeName, bool ready)
    {
        _run.SetNodeReady(nodeName, ready);
        if (!_told.TryGetValue(nodeName, out var before) || before != ready)
        {
            _told[nodeName] = ready;
            Log.NodeReadinessChanged(_context.Logger, _job.Metadata.Name, nodeName, ready ? "Ready" : "NotReady");
        }
    }

    private readonly record struct NodeChange(NodeInfo Node, bool Deleted);
}
