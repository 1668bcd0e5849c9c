using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

public sealed class PlanCommandTests
{
    private static readonly string[] HangzhouNodes = ["edge-hangzhou-1", "edge-hangzhou-2"];
    private static readonly string[] ShanghaiNodes = ["edge-shanghai-1", "edge-shanghai-2", "edgenode1"];

    [Fact]
    public void Plan_MultiRegistryExample_ResolvesEachRegionsImagesAndSecrets()
    {
        var (code, output, error) = CliRun.Run("plan", "--job", PlanTestData.MultiRegistryJob, "--nodes", PlanTestData.Nodes, "--secrets", PlanTestData.Secrets, "-o", "json");

        Assert.Equal(1, code); // edge-hangzhou-3 is NotReady: the job would count it as failed
        Assert.Equal(string.Empty, error);
        var plan = JsonNode.Parse(output)!;
        var plans = plan["plans"]!.AsArray();
        Assert.Equal(2, plans.Count);

        Assert.Equal(HangzhouNodes, PlanTestText.Strings(plans[0]!["nodes"]));
        AssertImages(
            plans[0]!,
            ("harbor.example.com/jili/example:v1.0.0", "hangzhou.registry.io/jili/example:v1.0.0", "default/hangzhou-secret"),
            ("registry.cn-shanghai.aliyuncs.com/team/app:v2", "hangzhou.registry.io/team/app:v2", "default/hangzhou-secret"),
            ("nginx:1.27", "hangzhou.registry.io/nginx:1.27", "default/hangzhou-secret"));

        Assert.Equal(ShanghaiNodes, PlanTestText.Strings(plans[1]!["nodes"]));
        AssertImages(
            plans[1]!,
            ("harbor.example.com/jili/example:v1.0.0", "harbor.example.com/jili/example:v1.0.0", "default/harbor-secret"),
            ("registry.cn-shanghai.aliyuncs.com/team/app:v2", "registry.cn-shanghai.aliyuncs.com/team/app:v2", "default/aliyun-secret"),
            ("nginx:1.27", "nginx:1.27", null));

        var failed = Assert.Single(plan["failedNodes"]!.AsArray())!;
        Assert.Equal("the node is not ready", (string?)failed["reason"]);
        Assert.Equal(["edge-hangzhou-3"], PlanTestText.Strings(failed["nodes"]));
        Assert.Empty(plan["secretWarnings"]!.AsArray());
    }

    [Fact]
    public void Plan_UpstreamExample_UsesTheDockerHubSecretAndExitsZero()
    {
        var (code, output, _) = CliRun.Run("plan", "--job", PlanTestData.UpstreamJob, "--nodes", PlanTestData.Nodes, "--secrets", PlanTestData.Secrets);

        Assert.Equal(0, code);
        Assert.Equal(
            [
                "ImagePrePullJob \"imageprepull-example\" (operations.kubeedge.io/v1alpha1)",
                "1 node: 1 planned in 1 distinct plan, 0 failed, 0 nodes with image errors",
                string.Empty,
                "Plan 1: 1 node: edgenode1",
                "  IMAGE           RESOLVED        SECRET             CANDIDATES",
                "  busybox:latest  busybox:latest  default/my-secret  default/my-secret",
            ],
            PlanTestText.Lines(output));
    }

    [Fact]
    public void Plan_Table_GroupsNodesAndListsFailuresAndWarnings()
    {
        var (code, output, _) = CliRun.Run("plan", "--job", PlanTestData.MultiRegistryJob, "--nodes", PlanTestData.Nodes);

        Assert.Equal(1, code);
        var lines = PlanTestText.Lines(output);
        Assert.Equal("6 nodes: 5 planned in 2 distinct plans, 1 failed, 0 nodes with image errors", lines[1]);
        Assert.Contains("Plan 1: 2 nodes: edge-hangzhou-1, edge-hangzhou-2", lines);
        Assert.Contains("Plan 2: 3 nodes: edge-shanghai-1, edge-shanghai-2, edgenode1", lines);
        Assert.Contains("  nginx:1.27                                     nginx:1.27                                     (anonymous)  -", lines);
        Assert.Single(lines, "  warning: secret default/harbor-secret: secret not found; secret default/aliyun-secret: secret not found");
        Assert.Single(lines, "  warning: secret default/hangzhou-secret: secret not found");
        Assert.Contains("  the node is not ready: edge-hangzhou-3", lines);
        Assert.Equal(
            ["Secret warnings: 3", "  secret default/hangzhou-secret: secret not found", "  secret default/harbor-secret: secret not found", "  secret default/aliyun-secret: secret not found"],
            lines[^4..]);
        Assert.DoesNotContain("Nodes:", lines);
    }

    [Fact]
    public void Plan_AllNodes_AddsOneLinePerNode()
    {
        var (_, output, _) = CliRun.Run("plan", "--job", PlanTestData.MultiRegistryJob, "--nodes", PlanTestData.Nodes, "--secrets", PlanTestData.Secrets, "--all-nodes");

        var lines = PlanTestText.Lines(output);
        var nodes = lines[(Array.IndexOf(lines, "Nodes:") + 1)..];
        Assert.Equal(
            [
                "  edge-hangzhou-1  plan 1",
                "  edge-hangzhou-2  plan 1",
                "  edge-hangzhou-3  failed: the node is not ready",
                "  edge-shanghai-1  plan 2",
                "  edge-shanghai-2  plan 2",
                "  edgenode1        plan 2",
            ],
            nodes);
    }

    [Fact]
    public void Plan_ManyNodes_PrintsOneBlockPerDistinctPlan()
    {
        var nodes = Enumerable.Range(0, 10_000).Select(i => PlanTestText.NodeYaml($"edge-{i:D5}", i % 2 == 0 ? "hangzhou" : "shanghai", ready: true));
        var path = CliRun.TempFile("apiVersion: v1\nkind: List\nitems:\n" + string.Concat(nodes));

        var (code, output, _) = CliRun.Run("plan", "--job", PlanTestData.MultiRegistryJob, "--nodes", path, "--secrets", PlanTestData.Secrets);

        Assert.Equal(0, code);
        var lines = PlanTestText.Lines(output);
        Assert.Equal("10000 nodes: 10000 planned in 2 distinct plans, 0 failed, 0 nodes with image errors", lines[1]);
        Assert.Contains("Plan 1: 5000 nodes: edge-00000, edge-00002, edge-00004, edge-00006, edge-00008 and 4995 more", lines);
        Assert.True(lines.Length < 20, $"expected a short table, got {lines.Length} lines");
    }

    [Fact]
    public void Plan_Json_HasEveryDocumentedField()
    {
        var (_, output, _) = CliRun.Run("plan", "--job", PlanTestData.MultiRegistryJob, "--nodes", PlanTestData.Nodes, "-o", "json");

        var plan = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(["apiVersion", "kind", "job", "ok", "error", "summary", "plans", "failedNodes", "secretWarnings", "completionPolicy", "waitingNodes"], plan.Select(p => p.Key));
        Assert.Equal("prepull.kubeedge.io/plan/v1", (string?)plan["apiVersion"]);
        Assert.Equal("ImagePrePullPlan", (string?)plan["kind"]);
        Assert.Equal("prepull-multi-registry", (string?)plan["job"]!["name"]);
        Assert.Equal("operations.kubeedge.io/v1alpha2", (string?)plan["job"]!["apiVersion"]);
        Assert.False((bool)plan["ok"]!);
        Assert.Null(plan["error"]);
        Assert.Equal(
            """{"nodes":6,"plannedNodes":5,"failedNodes":1,"nodesWithImageErrors":0,"distinctPlans":2,"secretWarnings":3}""",
            plan["summary"]!.ToJsonString());
        var first = plan["plans"]![0]!.AsObject();
        Assert.Equal(["id", "nodeCount", "nodes", "images"], first.Select(p => p.Key));
        Assert.Equal(1, (int)first["id"]!);
        Assert.Equal(2, (int)first["nodeCount"]!);
        var image = first["images"]![0]!.AsObject();
        Assert.Equal(["image", "resolvedImage", "status", "secret", "candidateSecrets", "error", "warning", "fallbackImage", "fallbackSecret"], image.Select(p => p.Key));
        Assert.Equal("Anonymous", (string?)image["status"]);
        Assert.Null(image["secret"]);
        Assert.Equal("secret default/hangzhou-secret: secret not found", (string?)image["warning"]);
        Assert.Equal(["reason", "nodeCount", "nodes"], plan["failedNodes"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            """[{"secret":"default/hangzhou-secret","message":"secret not found"},{"secret":"default/harbor-secret","message":"secret not found"},{"secret":"default/aliyun-secret","message":"secret not found"}]""",
            plan["secretWarnings"]!.ToJsonString());
    }

    [Fact]
    public void Plan_Yaml_IsTheSameTreeAsJson()
    {
        var args = new[] { "plan", "--job", PlanTestData.MultiRegistryJob, "--nodes", PlanTestData.Nodes, "--secrets", PlanTestData.Secrets };
        var (_, json, _) = CliRun.Run([.. args, "-o", "json"]);
        var (code, yaml, _) = CliRun.Run([.. args, "-o", "yaml"]);

        Assert.Equal(1, code);
        Assert.StartsWith("apiVersion: prepull.kubeedge.io/plan/v1\nkind: ImagePrePullPlan\n", yaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(JsonNode.Parse(json)!.ToJsonString(), PlanTestText.YamlAsJson(yaml).ToJsonString());
    }

    [Fact]
    public void Plan_SecretData_NeverAppearsInAnyOutput()
    {
        foreach (var format in new[] { "table", "json", "yaml" })
        {
            foreach (var job in new[] { PlanTestData.MultiRegistryJob, PlanTestData.UpstreamJob })
            {
                var (_, output, error) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes, "--secrets", PlanTestData.Secrets, "-o", format, "--all-nodes", "--verbose");

                Assert.Contains("default/", output, StringComparison.Ordinal); // secret names are shown...
                Assert.DoesNotContain(PlanTestData.PasswordMarker, output, StringComparison.Ordinal); // ...their data never
                Assert.DoesNotContain(PlanTestData.PasswordMarker, error, StringComparison.Ordinal);
                Assert.DoesNotContain("harbor-robot", output, StringComparison.Ordinal); // nor user names
            }
        }
    }

    [Fact]
    public void Plan_SecretOfAnotherType_IsAWarningThatNamesIt()
    {
        var job = CliRun.TempFile("""
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: {name: opaque}
            spec:
              imagePrePullTemplate:
                images: [harbor.example.com/jili/example:v1.0.0]
                nodeNames: [edgenode1]
                pullSecrets: [default/default-token, default/harbor-secret]
            """);

        var (code, output, _) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes, "--secrets", PlanTestData.Secrets, "-o", "json");

        Assert.Equal(0, code);
        var plan = JsonNode.Parse(output)!;
        var warning = Assert.Single(plan["secretWarnings"]!.AsArray())!;
        Assert.Equal("default/default-token", (string?)warning["secret"]);
        Assert.Contains("Opaque", (string?)warning["message"], StringComparison.Ordinal);
        var image = plan["plans"]![0]!["images"]![0]!;
        Assert.Equal("default/harbor-secret", (string?)image["secret"]);
        Assert.Contains("default/default-token", (string?)image["warning"], StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OverrideThatBreaksTheReference_IsAnImageErrorAndExitsOne()
    {
        var job = CliRun.TempFile("""
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: {name: broken}
            spec:
              imagePrePullTemplate:
                images: [nginx:1.27]
                nodeNames: [edgenode1, edge-hangzhou-1]
              imagePrePullOverriders:
                - nodeLabel: topology.kubernetes.io/region=hangzhou
                  overriders:
                    imageOverriders: [{component: Repository, operator: replace, value: "Upper/Case"}]
            """);

        var (code, output, _) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes, "-o", "json");

        Assert.Equal(1, code);
        var plan = JsonNode.Parse(output)!;
        Assert.Equal(1, (int)plan["summary"]!["nodesWithImageErrors"]!);
        var broken = plan["plans"]!.AsArray().Single(p => PlanTestText.Strings(p!["nodes"]).SequenceEqual(["edge-hangzhou-1"]))!["images"]![0]!;
        Assert.Equal("Error", (string?)broken["status"]);
        Assert.Null(broken["resolvedImage"]);
        Assert.Equal("imagePrePullOverriders[0] made \"nginx:1.27\" an invalid reference \"Upper/Case:1.27\": invalid reference format: repository name must be lowercase", (string?)broken["error"]);

        var (_, table, _) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes);
        Assert.Contains("  error: nginx:1.27: imagePrePullOverriders[0] made \"nginx:1.27\" an invalid reference \"Upper/Case:1.27\": invalid reference format: repository name must be lowercase", PlanTestText.Lines(table));
        Assert.Contains("2 nodes: 2 planned in 2 distinct plans, 0 failed, 1 node with image errors", PlanTestText.Lines(table));
    }

    [Fact]
    public void Plan_NamedNodesMissingOrNotEdge_AreFailedNodesWithUpstreamReasons()
    {
        var job = CliRun.TempFile("""
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: {name: named}
            spec: {imagePrePullTemplate: {images: [nginx], nodeNames: [edgenode1, ghost, cloud-master, edgenode1]}}
            """);

        var (code, output, _) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes, "-o", "json");

        Assert.Equal(1, code);
        Assert.Contains("\"reason\": \"failed to get node, err: Node \\\"ghost\\\" not found\"", output, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"reason":"failed to get node, err: Node \"ghost\" not found","nodeCount":1,"nodes":["ghost"]},{"reason":"the node is not an edge node","nodeCount":1,"nodes":["cloud-master"]}]"""),
            JsonNode.Parse(output)!["failedNodes"]));

        var (plainCode, plainOutput, _) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes, "-o", "json", "--ignore-edge-label");
        Assert.Equal(1, plainCode);
        Assert.Equal("ghost", (string?)JsonNode.Parse(plainOutput)!["failedNodes"]![0]!["nodes"]![0]);
        Assert.Single(JsonNode.Parse(plainOutput)!["failedNodes"]!.AsArray());
    }

    [Fact]
    public void Plan_NoNodeMatches_ReportsTheJobErrorAndExitsOne()
    {
        var job = CliRun.TempFile("""
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: {name: nobody}
            spec: {imagePrePullTemplate: {images: [nginx], labelSelector: {matchLabels: {topology.kubernetes.io/region: mars}}}}
            """);

        var (code, output, _) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes);

        Assert.Equal(1, code);
        Assert.Equal("The job would fail before touching any node: no nodes were matched with selector", PlanTestText.Lines(output)[1]);
    }

    private static void AssertImages(JsonNode plan, params (string Image, string Resolved, string? Secret)[] expected)
    {
        var images = plan["images"]!.AsArray();
        Assert.Equal(expected.Length, images.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var image = images[i]!;
            Assert.Equal(expected[i].Image, (string?)image["image"]);
            Assert.Equal(expected[i].Resolved, (string?)image["resolvedImage"]);
            Assert.Equal(expected[i].Secret, (string?)image["secret"]);
            Assert.Equal(expected[i].Secret is null ? "Anonymous" : "Credential", (string?)image["status"]);
            Assert.Equal(expected[i].Secret is { } secret ? [secret] : [], PlanTestText.Strings(image["candidateSecrets"]));
            Assert.Null(image["error"]);
            Assert.Null(image["warning"]);
        }
    }
}
