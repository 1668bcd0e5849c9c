using System.Text;
using System.Text.Json;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.Status;
using KubeEdge.PrePull.Testing.Registries;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling;

// docs/design.md §2 "Overrides": a scoped mirror (Bob) with fallbackToOriginal to the original registry (Alice),
// planned by the planner and run by the scheduler on the real runtime, as a node-local backend or an agent runs it.
public abstract partial class ImagePullerContractTests<TFixture, TPuller>
{
    [Fact]
    public async Task Fallback_MirrorLacksOneImage_PullsItFromTheOriginalAndTheOtherFromTheMirror()
    {
        using var puller = Create();
        var repo = "fb-" + Guid.NewGuid().ToString("N")[..8];
        var missing = await Fixture.Alice.PushImageAsync(repo + "/app", "v1");
        var mirrored = await Fixture.Alice.PushImageAsync(repo + "/base", "v1");
        await Fixture.Bob.PushImageAsync(repo + "/base", "v1");

        var entry = await RunScopedMirrorJobAsync(puller, [missing, mirrored], Fixture.Bob.Password);

        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        var app = entry.ImageStatus![0];
        Assert.Equal(missing, app.ResolvedImage);
        Assert.Equal(Mirror(missing), app.FallbackFrom);
        Assert.Equal("default/alice", app.Secret);
        var base_ = entry.ImageStatus[1];
        Assert.Equal(Mirror(mirrored), base_.ResolvedImage);
        Assert.Null(base_.FallbackFrom);
        Assert.Equal("edge/bob", base_.Secret);
        Assert.Equal(app.ImageRef, await RuntimeImageIdAsync(missing));
        Assert.Null(await RuntimeImageIdAsync(Mirror(missing)));
        Assert.Equal(base_.ImageRef, await RuntimeImageIdAsync(Mirror(mirrored)));
        Assert.Null(await RuntimeImageIdAsync(mirrored));
    }

    [Fact]
    public async Task Fallback_MirrorRefusesTheMirrorSecret_PullsTheOriginalAndLeaksNoSecret()
    {
        using var puller = Create();
        var repo = "fb-" + Guid.NewGuid().ToString("N")[..8];
        var image = await Fixture.Alice.PushImageAsync(repo + "/app", "v1");
        await Fixture.Bob.PushImageAsync(repo + "/app", "v1");
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");

        var entry = await RunScopedMirrorJobAsync(puller, [image], wrongPassword);

        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        var status = Assert.Single(entry.ImageStatus!);
        Assert.Equal(image, status.ResolvedImage);
        Assert.Equal(Mirror(image), status.FallbackFrom);
        Assert.Equal("default/alice", status.Secret);
        Assert.Equal(status.ImageRef, await RuntimeImageIdAsync(image));
        var text = JsonSerializer.Serialize(entry);
        foreach (var secret in new[] { wrongPassword, Fixture.Alice.Password, Fixture.Bob.Password })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Fallback_OriginalMissingToo_FailsNamingBothReferences()
    {
        using var puller = Create();
        var image = $"{Fixture.Alice.Host}/fb-{Guid.NewGuid():N}/gone:v1";

        var entry = await RunScopedMirrorJobAsync(puller, [image], Fixture.Bob.Password);

        Assert.Equal(NodeTaskPhases.Failure, entry.Phase);
        var status = Assert.Single(entry.ImageStatus!);
        TestContext.Current.TestOutputHelper?.WriteLine(status.Reason ?? "(no reason)");
        Assert.Equal(image, status.ResolvedImage);
        Assert.Equal(Mirror(image), status.FallbackFrom);
        Assert.Contains($"fell back from {Mirror(image)}, which failed", status.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.Bob.Password, status.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.Alice.Password, status.Reason, StringComparison.Ordinal);
    }

    private string Mirror(string image) => Fixture.Bob.Host + image[Fixture.Alice.Host.Length..];

    /// <summary>
    /// Plans and runs, on this node alone, a job whose images live on Alice; one rule (scoped to Alice's images)
    /// sends them to Bob with Bob's secret, and falls back to Alice with the template's secret.
    /// </summary>
    private async Task<ImagePrePullNodeTaskStatus> RunScopedMirrorJobAsync(TPuller puller, IReadOnlyList<string> images, string bobPassword)
    {
        var job = ImagePrePullJobSerializer.Deserialize($$"""
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: { name: fallback }
            spec:
              imagePrePullTemplate:
                images: {{JsonSerializer.Serialize(images)}}
                nodeNames: [{{Node}}]
                checkItems: []
                imagePullPolicy: Always
                pullSecrets: [default/alice]
              imagePrePullOverriders:
              - nodeLabel: region=hangzhou
                imagePrefixes: ["{{Fixture.Alice.Host}}/", "unrelated.example.com/"]
                fallbackToOriginal: true
                overriders:
                  imageOverriders: [{ component: Registry, operator: replace, value: "{{Fixture.Bob.Host}}" }]
                  secretOverriders: [{ component: SecretName, operator: replace, value: edge/bob }]
            """);
        Assert.Empty(KubeEdge.PrePull.Validation.ImagePrePullJobValidator.Validate(job));
        SecretSnapshot[] secrets =
        [
            DockerConfig("default", "alice", Fixture.Alice, Fixture.Alice.Password),
            DockerConfig("edge", "bob", Fixture.Bob, bobPassword),
        ];
        var plan = JobPlanner.Plan(job, [new NodeSnapshot(Node, new Dictionary<string, string> { ["region"] = "hangzhou" })], secrets);

        var run = new JobScheduler(puller).Start([NodeTaskResult.Pending(Node)], plan, JobSettings.FromTemplate(job.Spec.ImagePrePullTemplate!), Token);
        var outcome = await run.Completion.WaitAsync(TimeSpan.FromMinutes(3), Token);
        var entry = NodeStatusConverter.ToStatus(outcome.Nodes.Single());
        TestContext.Current.TestOutputHelper?.WriteLine(JsonSerializer.Serialize(entry));
        return entry;
    }

    private static SecretSnapshot DockerConfig(string ns, string name, LocalRegistry registry, string password)
    {
        var auth = new Dictionary<string, object> { ["username"] = registry.User, ["password"] = password };
        var json = JsonSerializer.Serialize(new { auths = new Dictionary<string, object> { [registry.Host] = auth } });
        return new SecretSnapshot(ns, name, "kubernetes.io/dockerconfigjson", new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes(json) });
    }
}
