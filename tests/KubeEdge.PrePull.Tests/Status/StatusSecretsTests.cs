using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Status;
using KubeEdge.PrePull.Tests.Scheduling;

namespace KubeEdge.PrePull.Tests.Status;

public sealed class StatusSecretsTests
{
    [Fact]
    public async Task Build_PullerLeaksCredentials_StatusJsonNamesTheSecretButHoldsNoData()
    {
        var credential = new PullCredential("default/harbor", "harbor.example.com", "robot$ci", "Zm9vYmFy-pass", identityToken: "id-token-123");
        var plan = new NodePlan(
        [
            new ImagePlan("app:v1", "harbor.example.com/app:v1", [credential]),
            new ImagePlan("app:v2", "harbor.example.com/app:v2", [credential]),
        ]);
        var puller = new FakePuller((r, _, _) => r.Image == "app:v1"
            ? ValueTask.FromResult(PullResult.Success("sha256:1", credential.Secret))
            : throw new HttpRequestException("401 for robot$ci with Zm9vYmFy-pass / id-token-123 (cm9ib3QkY2k6Wm05dlltRnktcGFzcw==)"));
        using var clock = new TestClock();

        var outcome = await new JobScheduler(puller, timeProvider: clock)
            .Start(TestJobs.Nodes(1), new TestPlans(plan), TestJobs.Settings(tolerate: 1m), TestContext.Current.CancellationToken).OutcomeAsync();
        var json = KubernetesJson.Serialize(new JobStatusBuilder().Build(outcome, clock.GetUtcNow(), clock.GetUtcNow()));

        Assert.Contains("\"secret\":\"default/harbor\"", json, StringComparison.Ordinal);
        Assert.Contains("401 for", json, StringComparison.Ordinal);
        foreach (var secret in new[] { "robot$ci", "Zm9vYmFy-pass", "id-token-123", "cm9ib3QkY2k6Wm05dlltRnktcGFzcw==" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }
    }
}
