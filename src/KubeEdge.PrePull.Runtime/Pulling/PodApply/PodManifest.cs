using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>Builds the pull pod of one node.</summary>
internal static class PodManifest
{
    /// <summary>The pod: bound to the node, tolerating every taint, never restarting, one container per image.</summary>
    public static V1Pod Create(string ns, string name, string node, JobIdentity job, IReadOnlyList<PodContainer> containers, IReadOnlyList<string> pullSecretNames, PodApplyOptions options)
    {
        var resources = Resources(options);
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = job.Labels(node),
                OwnerReferences = [job.OwnerReference()],
            },
            Spec = new V1PodSpec
            {
                NodeName = node,
                RestartPolicy = "Never",
                Tolerations = [new V1Toleration { OperatorProperty = "Exists" }],
                ImagePullSecrets = [.. pullSecretNames.Select(s => new V1LocalObjectReference { Name = s })],
                AutomountServiceAccountToken = false,
                EnableServiceLinks = false,
                TerminationGracePeriodSeconds = 0,
                Containers = [.. containers.Select(c => new V1Container
                {
                    Name = c.Name,
                    Image = c.Image,
                    ImagePullPolicy = job.PullPolicy,
                    Command = options.ContainerCommand.Count > 0 ? [.. options.ContainerCommand] : null,
                    Resources = resources,
                })],
            },
        };
    }

    /// <summary>Whether a leftover pod can be adopted: made for this job and node, with the same images, secrets and policy, not failed or going away.</summary>
    public static bool CanAdopt(V1Pod existing, V1Pod wanted)
    {
        if (existing.Metadata.DeletionTimestamp is not null || existing.Status?.Phase == "Failed")
        {
            return false;
        }

        var labels = existing.Metadata.Labels;
        if (labels is null || !wanted.Metadata.Labels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value))
        {
            return false;
        }

        var have = existing.Spec?.Containers ?? [];
        var want = wanted.Spec.Containers;
        return existing.Spec?.NodeName == wanted.Spec.NodeName
            && have.Count == want.Count
            && have.Zip(want).All(p => p.First.Name == p.Second.Name && p.First.Image == p.Second.Image && p.First.ImagePullPolicy == p.Second.ImagePullPolicy)
            && (existing.Spec?.ImagePullSecrets ?? []).Select(s => s.Name).SequenceEqual(wanted.Spec.ImagePullSecrets.Select(s => s.Name), StringComparer.Ordinal);
    }

    /// <summary>The requests and limits of every container, or <see langword="null"/> when the options set none.</summary>
    public static V1ResourceRequirements? Resources(PodApplyOptions options)
    {
        var amounts = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.CpuRequest))
        {
            amounts["cpu"] = new ResourceQuantity(options.CpuRequest);
        }

        if (!string.IsNullOrEmpty(options.MemoryRequest))
        {
            amounts["memory"] = new ResourceQuantity(options.MemoryRequest);
        }

        // Requests equal to limits: the kubelet admits the pod on a full node only if this little fits.
        return amounts.Count == 0 ? null : new V1ResourceRequirements { Requests = amounts, Limits = new Dictionary<string, ResourceQuantity>(amounts, StringComparer.Ordinal) };
    }
}
