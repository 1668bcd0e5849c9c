using k8s;
using k8s.Models;
using KubeEdge.PrePull.Testing.Faults;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests.Faults;

/// <summary>Faults on demand, as a client sees them.</summary>
public sealed class FaultInjectorTests() : ApiServerTests(ApiServerFixture.WithFakeClock())
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(EmbeddedApiServerTests.Pod("p", "edge-1"), "default", cancellationToken: Ct);
    }

    [Fact]
    public async Task Add_ConflictTwice_FailsTwoPatchesThenLetsTheThirdThrough()
    {
        _server.Faults.Add("pods", "patch", FaultKind.Conflict, times: 2);
        var patch = new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch);

        await ClientCalls.FailsWithAsync(409, () => _client.CoreV1.PatchNamespacedPodAsync(patch, "p", "default", cancellationToken: Ct));
        await ClientCalls.FailsWithAsync(409, () => _client.CoreV1.PatchNamespacedPodAsync(patch, "p", "default", cancellationToken: Ct));
        var third = await _client.CoreV1.PatchNamespacedPodAsync(patch, "p", "default", cancellationToken: Ct);

        Assert.Equal("b", third.Metadata.Labels["a"]);
        Assert.Equal(0, _server.Faults.Pending);
    }

    [Fact]
    public async Task Add_InternalErrorForOneVerb_LeavesOtherVerbsAndResourcesAlone()
    {
        _server.Faults.Add("pods", "list", FaultKind.InternalError);

        await _client.CoreV1.ReadNamespacedPodAsync("p", "default", cancellationToken: Ct);
        await _client.CoreV1.ListNodeAsync(cancellationToken: Ct);
        var body = await ClientCalls.FailsWithAsync(500, () => _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct));

        Assert.Contains("\"reason\":\"InternalError\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_StatusSubresourceFault_HitsOnlyStatusWrites()
    {
        _server.Faults.Add("pods/status", "patch", FaultKind.Conflict);
        var patch = new V1Patch("""{"status":{"phase":"Running"}}""", V1Patch.PatchType.MergePatch);

        await _client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), "p", "default", cancellationToken: Ct);
        await ClientCalls.FailsWithAsync(409, () => _client.CoreV1.PatchNamespacedPodStatusAsync(patch, "p", "default", cancellationToken: Ct));
    }

    [Fact]
    public async Task Add_GoneOnList_Returns410Expired()
    {
        _server.Faults.Add("pods", "list", FaultKind.Gone);

        var body = await ClientCalls.FailsWithAsync(410, () => _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct));

        Assert.Contains("\"reason\":\"Expired\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_GoneOnWatch_SendsExpiredErrorEvent()
    {
        _server.Faults.Add("pods", "watch", FaultKind.Gone);
        Exception? error = null;

        await foreach (var _ in _client.CoreV1.WatchListNamespacedPodAsync("default", onError: e => error = e, cancellationToken: Ct))
        {
            Assert.Fail("an expired watch delivers no object");
        }

        Assert.Equal(410, Assert.IsType<KubernetesException>(error).Status.Code);
    }

    [Fact]
    public async Task Add_CloseWatch_EndsTheStreamAfterInitialEvents()
    {
        _server.Faults.Add("pods", "watch", FaultKind.CloseWatch);

        var names = new List<string>();
        await foreach (var (_, pod) in _client.CoreV1.WatchListNamespacedPodAsync("default", cancellationToken: Ct))
        {
            names.Add(pod.Metadata.Name);
        }

        Assert.Equal(["p"], names);
    }

    [Fact]
    public async Task CloseWatches_EndsAnOpenWatch()
    {
        // Without a resourceVersion the watch first sends the existing pod: KubernetesClient needs one line before it yields.
        var watch = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in _client.CoreV1.WatchListNamespacedPodAsync("default", cancellationToken: Ct))
            {
                count++;
            }

            return count;
        }, Ct);

        // The watch may not be open yet when the first close goes out: close until it ends.
        await Eventually.WaitUntilAsync(() => { _server.Faults.CloseWatches("pods"); return watch.IsCompleted; }, "the watch ends");

        Assert.Equal(1, await watch);
    }

    [Fact]
    public async Task Add_Delay_HoldsTheResponseUntilTimeAdvances()
    {
        _server.Faults.Add("pods", "get", FaultKind.Delay, delay: TimeSpan.FromSeconds(30));

        var read = _client.CoreV1.ReadNamespacedPodAsync("p", "default", cancellationToken: Ct);

        // Once the server took the fault for this read, only the clock can release it.
        await Eventually.WaitUntilAsync(() => _server.Faults.Pending == 0, "the server holds the read");
        Assert.False(read.IsCompleted);
        await Eventually.AdvanceUntilAsync(_time, TimeSpan.FromSeconds(30), read, "the held read is answered");

        Assert.Equal("p", (await read).Metadata.Name);
    }

    [Fact]
    public void Add_NonPositiveTimes_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _server.Faults.Add("pods", "get", FaultKind.Conflict, times: 0));
    }
}
