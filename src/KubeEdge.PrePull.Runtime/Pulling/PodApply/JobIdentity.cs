using KubeEdge.PrePull.Api;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>What the backend needs of a job: its name, uid and pull policy, taken once when the run starts.</summary>
/// <param name="Name">The job's name.</param>
/// <param name="Uid">The job's uid (owner references and the uid label).</param>
/// <param name="PullPolicy">The job's <c>imagePullPolicy</c>, defaulted.</param>
internal sealed record JobIdentity(string Name, string Uid, string PullPolicy)
{
    /// <summary>Reads a job; names the missing field.</summary>
    /// <exception cref="ArgumentException">When the job has no name or uid.</exception>
    public static JobIdentity From(ImagePrePullJob job)
    {
        var name = job.Metadata?.Name;
        var uid = job.Metadata?.Uid;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("The job has no metadata.name; PodApply names its pods after it.", nameof(job));
        }

        if (string.IsNullOrEmpty(uid))
        {
            throw new ArgumentException($"Job '{name}' has no metadata.uid; PodApply needs it for owner references (use the job read from the API server).", nameof(job));
        }

        var policy = job.Spec?.ImagePrePullTemplate?.ImagePullPolicy;
        return new JobIdentity(name, uid, string.IsNullOrEmpty(policy) ? ImagePrePullJobDefaults.ImagePullPolicy : policy);
    }

    /// <summary>The owner reference to the job that pods and copied secrets carry.</summary>
    public V1OwnerReference OwnerReference() => new()
    {
        ApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2,
        Kind = ImagePrePullJobNames.Kind,
        Name = Name,
        Uid = Uid,
        Controller = true,
    };

    /// <summary>The labels of everything made for this job on <paramref name="node"/>.</summary>
    public Dictionary<string, string> Labels(string node) => new(StringComparer.Ordinal)
    {
        [PodApplyNames.ManagedByLabel] = PodApplyNames.ManagedBy,
        [PodApplyNames.JobLabel] = PodApplyNames.LabelValue(Name),
        [PodApplyNames.JobUidLabel] = Uid,
        [PodApplyNames.NodeLabel] = PodApplyNames.LabelValue(node),
    };
}
