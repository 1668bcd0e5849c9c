using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.PodApply;

/// <summary>The pull pods' requests, straight through the client's HttpClient and through the typed calls alike.</summary>
public sealed class PodApiTests : IAsyncLifetime
{
    private const string Ns = "default";
    private PodApplyCluster _cluster = null!;

    private static CancellationToken Ct => PodApplyCluster.Ct;

    public async ValueTask InitializeAsync() => _cluster = await PodApplyCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateWatchDelete_BothWays_SameStatesAndErrors(bool useHttpClient)
    {
        var node = _cluster.AddNode();
        var api = new PodApi(_cluster.Client, Ns, useHttpClient);
        var job = new JobIdentity("job", "uid-1", "IfNotPresent");
        var template = new PodTemplate(Ns, job, new PodApplyOptions());
        PodContainer[] containers = [new("image-0", "nginx:1.27")];
        V1Pod Typed() => PodManifest.Create(Ns, "pull", node, job, containers, [], new PodApplyOptions());
        var (_, listVersion) = await api.ListAsync(PodApplyNames.JobUidLabel + "=uid-1", Ct);

        var created = await api.CreateAsync(w => template.Write(w, "pull", node, containers, []), Typed, Ct);
        var pulled = await FirstAsync(api.WatchAsync(PodApplyNames.JobUidLabel + "=uid-1", listVersion, 60, Ct), e => !string.IsNullOrEmpty(e.Pod?.Container("image-0")?.ImageId));
        await api.DeleteAsync("pull", Ct);
        var again = await Assert.ThrowsAsync<HttpOperationException>(() => api.DeleteAsync("pull", Ct));
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(async () =>
        {
            await api.CreateAsync(w => template.Write(w, "pull", node, containers, []), Typed, Ct);
            await api.CreateAsync(w => template.Write(w, "pull", node, containers, []), Typed, Ct);
        });

        Assert.Equal("pull", created.Name);
        Assert.False(string.IsNullOrEmpty(created.Uid));
        Assert.Equal(created.Uid, pulled.Pod!.Uid);
        Assert.True(ApiErrors.Is(again, HttpStatusCode.NotFound));
        Assert.Equal("the API server answered 404 NotFound", ApiErrors.Describe(again));
        Assert.True(ApiErrors.Is(conflict, HttpStatusCode.Conflict));
    }

    [Theory]
    [InlineData(null, null, 0)]
    [InlineData("50m", "32Mi", 2)]
    [InlineData(null, "16Mi", 1)]
    public void Write_AnyOptionsAndSecrets_SamePodAsTheManifest(string? cpu, string? memory, int secrets)
    {
        var options = new PodApplyOptions { CpuRequest = cpu, MemoryRequest = memory };
        if (secrets > 0)
        {
            options.ContainerCommand.Clear();
        }

        var job = new JobIdentity("a-job", "uid-2", "Always");
        PodContainer[] containers = [new("image-0", "nginx:1.27"), new("image-1", "registry.example.org/team/app@sha256:0123")];
        var secretNames = Enumerable.Range(0, secrets).Select(i => "copy-" + i).ToList();
        var template = new PodTemplate("prepull", job, options);

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            template.Write(writer, "prepull-a-job-node-1", "node-1", containers, secretNames);
        }

        var expected = JsonNode.Parse(KubernetesJson.Serialize(PodManifest.Create("prepull", "prepull-a-job-node-1", "node-1", job, containers, secretNames, options)));
        var written = JsonNode.Parse(buffer.WrittenSpan);
        Assert.True(JsonNode.DeepEquals(expected, written), $"{expected?.ToJsonString()}\n{written?.ToJsonString()}");
    }

    private static async Task<PodWatchEvent> FirstAsync(IAsyncEnumerable<PodWatchEvent> events, Func<PodWatchEvent, bool> match)
    {
        await foreach (var e in events)
        {
            if (match(e))
            {
                return e;
            }
        }

        throw new InvalidOperationException("the watch ended first");
    }
}
