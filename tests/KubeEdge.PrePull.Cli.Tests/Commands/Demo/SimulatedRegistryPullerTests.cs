using KubeEdge.PrePull.Cli.Commands.Demo;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Cli.Tests.Commands.Demo;

public sealed class SimulatedRegistryPullerTests
{
    private static readonly string[] Nodes = [.. Enumerable.Range(0, 4000).Select(i => $"edge-node-{i:D4}")];

    [Fact]
    public void Roll_SameSeed_SameFateWhateverTheOrder_OtherSeed_Differs()
    {
        var first = new SimulatedRegistryPuller(7, 0.3, TimeProvider.System);
        var again = new SimulatedRegistryPuller(7, 0.3, TimeProvider.System);
        var other = new SimulatedRegistryPuller(8, 0.3, TimeProvider.System);
        const string Image = "harbor.example.com/edge/log-forwarder:1.9.3";

        var forward = Nodes.Select(n => first.Roll(n, Image)).ToList();
        var backward = Nodes.Reverse().Select(n => again.Roll(n, Image)).Reverse().ToList();

        Assert.Equal(forward, backward);
        Assert.NotEqual(forward, Nodes.Select(n => other.Roll(n, Image)).ToList());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.02)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Roll_ManyPulls_FailAtTheRateWithLatenciesInRange(double rate)
    {
        var puller = new SimulatedRegistryPuller(1, rate, TimeProvider.System);

        var rolls = Nodes.Select(n => puller.Roll(n, "registry.example.org/iot/mqtt-bridge:3.2.0")).ToList();

        Assert.InRange(rolls.Count(r => r.Fails) / (double)rolls.Count, rate - 0.02, rate + 0.02);
        Assert.All(rolls, r => Assert.InRange(r.Latency.TotalMilliseconds, SimulatedRegistryPuller.MinLatencyMilliseconds, SimulatedRegistryPuller.MaxLatencyMilliseconds));
        Assert.True(rolls.Select(r => r.Latency).Distinct().Count() > 100, "latencies spread over the range");
    }

    [Fact]
    public async Task PullAsync_FailingPull_ReportsARegistryErrorNamingTheImage()
    {
        var puller = new SimulatedRegistryPuller(1, 1.0, TimeProvider.System);
        const string Image = "hangzhou.mirror.example.com/edge/inference-server:v2.4.1";
        var node = Nodes.First(n => puller.Roll(n, Image).Kind == PullFailureKind.RegistryUnreachable);

        var result = await puller.PullAsync(new PullRequest(node, Image, Image, [], "IfNotPresent"), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(PullFailureKind.RegistryUnreachable, result.FailureKind);
        Assert.Equal(
            "rpc error: code = Unknown desc = failed to pull and unpack image \"hangzhou.mirror.example.com/edge/inference-server:v2.4.1\": failed to resolve reference \"hangzhou.mirror.example.com/edge/inference-server:v2.4.1\": failed to do request: Head \"https://hangzhou.mirror.example.com/v2/edge/inference-server/manifests/v2.4.1\": dial tcp 203.0.113.17:443: i/o timeout",
            result.Reason);
    }
}
