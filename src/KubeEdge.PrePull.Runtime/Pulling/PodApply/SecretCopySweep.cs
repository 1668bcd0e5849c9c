using System.Net;
using k8s;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.LeaderElection;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// Removes the secret copies an earlier controller left behind (docs/design.md §3, "Secret copies"): a process killed
/// mid-run never deletes the copies it made next to its pods, and nothing else would, while the copy holds another
/// namespace's credentials. Run once by a new leader after it leads and before its first reconcile: no job runs on it
/// yet, so every copy in the pod namespace is a leftover; a job it resumes makes its copies again before its pods.
/// A copy is a secret with the backend's managed-by and job-uid labels and the source annotation; the operator's own
/// secrets in that namespace carry none of them and are never touched.
/// </summary>
internal static class SecretCopySweep
{
    /// <summary>The label selector of everything the backend makes (pods and copies) for some job.</summary>
    public const string Selector = PodApplyNames.ManagedByLabel + "=" + PodApplyNames.ManagedBy + "," + PodApplyNames.JobUidLabel;

    /// <summary>Sweeps when <paramref name="pullers"/> is the PodApply backend; never throws but for cancellation.</summary>
    /// <param name="pullers">The host's backend.</param>
    /// <param name="fence">This term's leadership: a replica that lost it deletes nothing more (docs/design.md §3, Fencing).</param>
    /// <param name="cancellationToken">Ends with the term.</param>
    /// <returns>How many copies were deleted.</returns>
    public static async Task<int> RunAsync(IJobPullerFactory pullers, LeadershipFence fence, CancellationToken cancellationToken)
    {
        if (pullers is not PodApplyPullerFactory factory)
        {
            return 0; // Other backends copy nothing.
        }

        var ns = factory.Options.Namespace;
        var count = 0;
        try
        {
            var secrets = await factory.Client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: Selector, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var name in secrets.Items
                .Where(s => s.Metadata?.Annotations?.ContainsKey(PodApplyNames.SourceSecretAnnotation) == true)
                .Select(s => s.Metadata.Name))
            {
                if (!fence.IsHeld)
                {
                    return count;
                }

                try
                {
                    await factory.Client.CoreV1.DeleteNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                    Log.SecretDeleted(factory.Logger, ns, name);
                    count++;
                }
                catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.NotFound))
                {
                    // Gone already.
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The run goes on: a leftover is removed by its job's own sweep when the job is deleted.
            Log.CopySweepFailed(factory.Logger, ns, ApiErrors.Describe(e));
            return count;
        }

        if (count > 0)
        {
            Log.CopiesSwept(factory.Logger, count, ns);
        }

        return count;
    }
}
