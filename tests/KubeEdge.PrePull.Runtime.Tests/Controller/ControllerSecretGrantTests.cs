using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// Issue 16 item 6: a job author cannot borrow a secret the operator did not grant (docs/design.md §2, "Secret
/// grants"). The names are string literals so the tests compile, and fail, on a controller without grants.
/// </summary>
public sealed class ControllerSecretGrantTests : ControllerTests
{
    private const string Marker = "B0rr0wed-Password-4c2e-kube-system";
    private const string Registry = "harbor.example.com";
    private const string OptInLabel = "prepull.kubeedge.io/allow-prepull";

    [Fact]
    public async Task Job_NamesKubeSystemSecret_IsNotReadOrCopiedAndWarnsWithTheRule()
    {
        Cluster.AddNodes(2);
        await CreateSecretAsync("kube-system", "borrowed", labelled: false);
        var (requests, kubelets, host) = await StartControllerAsync();
        await using var stop = host;

        await Cluster.CreateJobAsync(Job("borrow", "kube-system/borrowed"));
        var job = await Cluster.WaitForPhaseAsync("borrow", JobPhases.Completed);

        // Not read: never a get by name, only the label-filtered list, which the server answers with nothing.
        Assert.DoesNotContain(requests.Lines, l => l.StartsWith("GET /api/v1/namespaces/kube-system/secrets/borrowed", StringComparison.Ordinal));
        Assert.All(
            requests.Lines.Where(l => l.Contains("/namespaces/kube-system/secrets", StringComparison.Ordinal)),
            l => Assert.Contains("labelSelector=" + OptInLabel + "=true", l, StringComparison.Ordinal));

        // Not copied and not used: the kubelets pulled anonymously.
        Assert.NotEmpty(kubelets.Requests);
        Assert.All(kubelets.Requests, r => Assert.Empty(r.Credentials));
        Assert.Empty(await Cluster.PodNamespaceSecretsAsync());

        var events = await Cluster.EventsAsync("borrow");
        var warning = Assert.Single(events, e => e.Reason == "SecretNotAllowed");
        Assert.Equal("Warning", warning.Type);
        Assert.Equal(
            "secret kube-system/borrowed: not in an allowed namespace (default, kubeedge-prepull) and lacks the label " + OptInLabel + "=true",
            warning.Message);
        Assert.DoesNotContain(events, e => e.Reason == "SecretSkipped");
        AssertNoMarker(job, events);
    }

    [Fact]
    public async Task Job_NamesLabelledSecretElsewhere_IsUsed()
    {
        Cluster.AddNodes(2);
        await CreateSecretAsync("team-a", "shared", labelled: true);
        var (requests, kubelets, host) = await StartControllerAsync();
        await using var stop = host;

        await Cluster.CreateJobAsync(Job("opted-in", "team-a/shared"));
        var job = await Cluster.WaitForPhaseAsync("opted-in", JobPhases.Completed);

        Assert.NotEmpty(kubelets.Requests);
        // The kubelets got the copy next to their pod, with the labelled secret's credential.
        Assert.All(kubelets.Requests, r =>
        {
            var credential = Assert.Single(r.Credentials);
            Assert.StartsWith("kubeedge-prepull/prepull-opted-in-shared-", credential.Secret, StringComparison.Ordinal);
            Assert.Equal(Marker, credential.Password);
        });
        Assert.All(job.Status!.NodeStatus!.SelectMany(n => n.ImageStatus!), s => Assert.Equal("team-a/shared", s.Secret));
        Assert.DoesNotContain(requests.Lines, l => l.StartsWith("GET /api/v1/namespaces/team-a/secrets/shared", StringComparison.Ordinal));
        var events = await Cluster.EventsAsync("opted-in");
        Assert.DoesNotContain(events, e => e.Type == "Warning");
        AssertNoMarker(job, events);
    }

    [Fact]
    public async Task Start_CopyLeftByACrashedRun_IsRemovedAndOperatorSecretsStay()
    {
        // What a controller killed mid-run leaves: the copy next to its pod (labels and annotation as PodApply writes them).
        await CreateSecretAsync("kubeedge-prepull", "operator-pull", labelled: false);
        var copy = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "prepull-crashed-borrowed-0123abcd",
                NamespaceProperty = "kubeedge-prepull",
                Labels = new Dictionary<string, string>
                {
                    ["app.kubernetes.io/managed-by"] = "kubeedge-prepull",
                    ["operations.kubeedge.io/imageprepulljob"] = "crashed",
                    ["operations.kubeedge.io/imageprepulljob-uid"] = "6a1f3c52-0000-4000-8000-000000000001",
                    ["operations.kubeedge.io/node"] = "edge-node-0",
                },
                Annotations = new Dictionary<string, string> { ["operations.kubeedge.io/source-secret"] = "default/harbor" },
            },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = System.Text.Encoding.UTF8.GetBytes("{\"auths\":{}}" + Marker) },
        };
        await Cluster.Client.CoreV1.CreateNamespacedSecretAsync(copy, "kubeedge-prepull", cancellationToken: ControllerCluster.Ct);

        await Cluster.StartControllerAsync();

        await Eventually.WaitUntilAsync(
            async () => (await Cluster.PodNamespaceSecretsAsync()).All(s => s.Metadata.Name != copy.Metadata.Name),
            () => "the leftover copy is removed",
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(50));
        Assert.Contains(await Cluster.PodNamespaceSecretsAsync(), s => s.Metadata.Name == "operator-pull");
        foreach (var form in MarkerForms)
        {
            Assert.DoesNotContain(Cluster.Logs.Collector.GetSnapshot(), r => r.Message.Contains(form, StringComparison.Ordinal));
        }
    }

    private static ImagePrePullJob Job(string name, string secret) => new()
    {
        ApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2,
        Kind = ImagePrePullJobNames.Kind,
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new ImagePrePullJobSpec
        {
            ImagePrePullTemplate = new ImagePrePullTemplate
            {
                Images = [Registry + "/team/app:v1"],
                LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["node-role.kubernetes.io/edge"] = string.Empty } },
                PullSecrets = [secret],
            },
        },
    };

    private async Task CreateSecretAsync(string ns, string name, bool labelled)
    {
        try
        {
            await Cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ControllerCluster.Ct);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // kube-system is there from the start.
        }

        await Cluster.CreateRegistrySecretAsync(ns, name, Registry, "robot", Marker);
        if (labelled)
        {
            var patch = new V1Patch("{\"metadata\":{\"labels\":{\"" + OptInLabel + "\":\"true\"}}}", V1Patch.PatchType.MergePatch);
            await Cluster.Client.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, cancellationToken: ControllerCluster.Ct);
        }
    }

    /// <summary>A controller whose client logs its requests, with kubelets that record the credentials they get.</summary>
    private async Task<(RequestLog Requests, CredentialRecordingPuller Kubelets, RunningHost Host)> StartControllerAsync()
    {
        var requests = new RequestLog();
        var kubelets = new CredentialRecordingPuller();
        Cluster.Server.Fleet.Puller = kubelets;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(Cluster.Logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddImagePrePull(o =>
            {
                o.LeaderElectionEnabled = false;
                o.StatusFlushInterval = ControllerCluster.FlushInterval;
            })
            .UseKubernetes(_ => new Kubernetes(Cluster.Server.CreateClientConfiguration(), requests))
            .AddPodApplyPuller();
        var host = builder.Build();
        await host.StartAsync(ControllerCluster.Ct);
        return (requests, kubelets, new RunningHost(host));
    }

    /// <summary>The password as it is stored (base64 of user:password inside the docker config) and as written.</summary>
    private static string[] MarkerForms => [Marker, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("robot:" + Marker))];

    private void AssertNoMarker(ImagePrePullJob job, IEnumerable<Corev1Event> events)
    {
        foreach (var form in MarkerForms)
        {
            Assert.DoesNotContain(Cluster.Logs.Collector.GetSnapshot(), r => r.Message.Contains(form, StringComparison.Ordinal) || (r.Exception?.ToString().Contains(form, StringComparison.Ordinal) ?? false));
            Assert.DoesNotContain(form, KubernetesJson.Serialize(job), StringComparison.Ordinal);
            Assert.DoesNotContain(events, e => e.Message.Contains(form, StringComparison.Ordinal));
        }

    }

    /// <summary>Stops and disposes a host before the cluster under it goes away.</summary>
    private sealed class RunningHost(IHost host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }
    }
}
