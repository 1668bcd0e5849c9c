using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Planning;

namespace KubeEdge.PrePull.Tests.Planning;

/// <content><see cref="JobPlanner.SecretsNeeded"/>: the secrets a plan of the given nodes reads, asked once.</content>
public sealed partial class JobPlannerTests
{
    public static TheoryData<string[], string[]> SecretsByNodes() => new()
    {
        { [], [] },
        { ["plain"], ["default/harbor-secret", "default/aliyun-secret", "default/dockerhub-secret"] },
        { ["hz-1"], ["edge/hangzhou-secret"] },
        { ["hz-1", "hz-2", "hz-debug"], ["edge/hangzhou-secret"] },
        { ["sh-1"], ["default/harbor-secret", "default/aliyun-secret", "default/dockerhub-secret", "default/shanghai-secret"] },
        { ["port"], ["default/harbor-secret", "default/aliyun-secret", "default/dockerhub-secret"] },
        { ["hz-1", "plain", "sh-1"], ["edge/hangzhou-secret", "default/harbor-secret", "default/aliyun-secret", "default/dockerhub-secret", "default/shanghai-secret"] },
    };

    [Theory]
    [MemberData(nameof(SecretsByNodes))]
    public void SecretsNeeded_Nodes_JobSecretsAfterTheirOverridersInOrderOfFirstUse(string[] nodeNames, string[] expected)
    {
        var nodes = nodeNames.Select(n => Nodes.Single(s => s.Name == n)).ToArray();

        var needed = JobPlanner.SecretsNeeded(Job, nodes);

        Assert.Equal(expected, needed.Select(r => r.ToString()));
    }

    [Fact]
    public void SecretsNeeded_AllNodes_WhatAPlanWithoutSecretsReportsMissing()
    {
        var needed = JobPlanner.SecretsNeeded(Job, Nodes);

        var missing = JobPlanner.Plan(Job, Nodes, []).SecretProblems.Select(p => p.Secret);
        Assert.Equal(missing, needed.Select(r => r.ToString()));
    }

    [Fact]
    public void SecretsNeeded_ReadThenPlan_NoSecretProblemButTheMissingOne()
    {
        var needed = JobPlanner.SecretsNeeded(Job, Nodes);
        var read = Secrets.Where(s => needed.Contains(SecretReference.Parse(s.Reference))).ToArray();

        var plan = JobPlanner.Plan(Job, Nodes, read);

        Assert.Equal(Secrets.Length, read.Length);
        Assert.Equal([new SecretProblem("default/shanghai-secret", "secret not found")], plan.SecretProblems);
    }

    [Fact]
    public void SecretsNeeded_JobWithoutSecrets_Empty()
    {
        var job = Job with
        {
            Spec = Job.Spec with
            {
                ImagePrePullTemplate = Job.Spec.ImagePrePullTemplate! with { ImageSecrets = null, PullSecrets = null },
                ImagePrePullOverriders = null,
            },
        };

        Assert.Empty(JobPlanner.SecretsNeeded(job, Nodes));
    }

    [Fact]
    public void SecretsNeeded_JobWithoutImages_ArgumentExceptionAsPlan()
    {
        var job = Job with { Spec = Job.Spec with { ImagePrePullTemplate = Job.Spec.ImagePrePullTemplate! with { Images = [] } } };

        var needed = Assert.Throws<ArgumentException>(() => JobPlanner.SecretsNeeded(job, Nodes));
        var plan = Assert.Throws<ArgumentException>(() => JobPlanner.Plan(job, Nodes, []));

        Assert.Equal(plan.Message, needed.Message);
    }

    [Fact]
    public void SecretsNeeded_NodeWithoutLabels_ArgumentExceptionNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => JobPlanner.SecretsNeeded(Job, [Nodes[0], new NodeSnapshot("x", null!)]));

        Assert.StartsWith("nodes[1] must have a name and labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretsNeeded_Null_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => JobPlanner.SecretsNeeded(null!, Nodes));
        Assert.Throws<ArgumentNullException>(() => JobPlanner.SecretsNeeded(new ImagePrePullJob(), null!));
    }
}
