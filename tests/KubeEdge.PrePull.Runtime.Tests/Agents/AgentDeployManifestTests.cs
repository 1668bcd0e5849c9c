using System.Text.Json;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>deploy/agent: the DaemonSet gives the sample what it reads, and the RBAC allows what the agent does, no more.</summary>
public sealed class AgentDeployManifestTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.RepoRoot, "deploy", "agent");

    [Fact]
    public void DaemonSet_NodeName_ComesFromTheDownwardApi()
    {
        var env = Container().Env.Single(e => e.Name == "NODE_NAME");

        Assert.Equal("spec.nodeName", env.ValueFrom.FieldRef.FieldPath);
    }

    [Fact]
    public void DaemonSet_RuntimeSocketAndProcfs_AreMountedFromTheHostWhereTheOptionsPoint()
    {
        var container = Container();
        var socket = Env(container, "ImagePrePullAgent__CriSocket");
        var procPath = Env(container, "ImagePrePullAgent__Cri__ProcPath");

        // The socket at the same path inside as on the host, as the sample's default has it.
        var (socketMount, socketHost) = HostMountOf(socket);
        Assert.Equal(socketMount, socketHost.Path);
        Assert.Equal(SampleSettings().GetProperty("CriSocket").GetString(), socket);
        Assert.Equal("/proc", HostMountOf(procPath).Host.Path);
    }

    [Fact]
    public void DaemonSet_Settings_BindToRealOptions()
    {
        var names = Container().Env.Select(e => e.Name).Where(n => n.StartsWith("ImagePrePullAgent__", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name =>
        {
            var parts = name.Split("__")[1..];
            var known = parts switch
            {
                ["CriSocket"] => true,
                ["Cri", var option] => typeof(CriImagePullerOptions).GetProperty(option) is not null,
                [var option] => typeof(ImagePrePullAgentOptions).GetProperty(option) is not null,
                _ => false,
            };
            Assert.True(known, $"{name} sets nothing the sample reads");
        });
    }

    [Fact]
    public void DaemonSet_Scheduling_AgentLabelAnyValueAndEveryTaint()
    {
        var spec = DaemonSet().Spec.Template.Spec;

        var term = Assert.Single(spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms);
        var match = Assert.Single(term.MatchExpressions);
        Assert.Equal((EdgeAgentLabels.Agent, "Exists"), (match.Key, match.OperatorProperty));
        Assert.Contains(spec.Tolerations, t => t.OperatorProperty == "Exists" && t.Key is null && t.Effect is null);
    }

    [Fact]
    public void Rbac_ServiceAccountOfTheDaemonSet_HasExactlyTheProtocolsRights()
    {
        var objects = Load("rbac.yaml");
        var account = objects.OfType<V1ServiceAccount>().Single();
        var binding = objects.OfType<V1ClusterRoleBinding>().Single();
        var role = objects.OfType<V1ClusterRole>().Single();
        Assert.Equal(account.Metadata.Name, DaemonSet().Spec.Template.Spec.ServiceAccountName);
        Assert.Equal(DaemonSet().Metadata.NamespaceProperty, account.Metadata.NamespaceProperty);
        Assert.Contains(binding.Subjects, s => s.Kind == "ServiceAccount" && s.Name == account.Metadata.Name && s.NamespaceProperty == account.Metadata.NamespaceProperty);
        Assert.Equal(role.Metadata.Name, binding.RoleRef.Name);

        var granted = role.Rules
            .SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.SelectMany(res => r.Verbs.Select(v => $"{g}/{res}:{v}"))))
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "/nodes:get",
                "operations.kubeedge.io/imageprepulljobs/status:patch",
                "operations.kubeedge.io/imageprepulljobs:get",
                "operations.kubeedge.io/imageprepulljobs:list",
                "operations.kubeedge.io/imageprepulljobs:watch",
            ],
            granted);

        // Secrets only where they are granted by default (docs/design.md §2, "Secret grants"): get, per namespace.
        var secretRoles = objects.OfType<V1Role>().ToList();
        Assert.Equal(["default", "kubeedge-prepull"], secretRoles.Select(r => r.Metadata.NamespaceProperty).Order(StringComparer.Ordinal));
        Assert.All(secretRoles, r => Assert.Equal("/secrets:get", Assert.Single(r.Rules.SelectMany(rule => rule.Resources.SelectMany(res => rule.Verbs.Select(v => $"{rule.ApiGroups.Single()}/{res}:{v}"))))));
        Assert.All(secretRoles, r => Assert.Contains(
            objects.OfType<V1RoleBinding>(),
            b => b.Metadata.NamespaceProperty == r.Metadata.NamespaceProperty && b.RoleRef.Name == r.Metadata.Name
                && b.Subjects.Any(s => s.Name == account.Metadata.Name && s.NamespaceProperty == account.Metadata.NamespaceProperty)));
    }

    private static V1DaemonSet DaemonSet() => Load("daemonset.yaml").OfType<V1DaemonSet>().Single();

    private static V1Container Container() => Assert.Single(DaemonSet().Spec.Template.Spec.Containers);

    private static string Env(V1Container container, string name) => container.Env.Single(e => e.Name == name).Value;

    /// <summary>The mount holding <paramref name="path"/> and the host path behind it.</summary>
    private static (string Mount, V1HostPathVolumeSource Host) HostMountOf(string path)
    {
        var spec = DaemonSet().Spec.Template.Spec;
        var mount = Container().VolumeMounts
            .Where(m => path == m.MountPath || path.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.MountPath.Length)
            .First();
        return (mount.MountPath, spec.Volumes.Single(v => v.Name == mount.Name).HostPath);
    }

    private static JsonElement SampleSettings()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "samples", "EdgeAgent", "appsettings.json")));
        return json.RootElement.GetProperty("ImagePrePullAgent").Clone();
    }

    private static List<object> Load(string file) => KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(Folder, file)));
}
