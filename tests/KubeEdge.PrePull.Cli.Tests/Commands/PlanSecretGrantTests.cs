using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

/// <summary>
/// <c>plan</c> applies the controller's secret grants (docs/design.md §2, "Secret grants"): a secret the controller
/// would refuse is a secret warning naming the rule, and its images are planned without it.
/// </summary>
public sealed class PlanSecretGrantTests
{
    private const string Marker = "PLAN-GRANT-PASSWORD-MARKER";

    private const string Nodes = """
        apiVersion: v1
        kind: Node
        metadata: {name: n1, labels: {node-role.kubernetes.io/edge: ""}}
        status: {conditions: [{type: Ready, status: "True"}]}
        """;

    private static string Job(string secret) => """
        apiVersion: operations.kubeedge.io/v1alpha2
        kind: ImagePrePullJob
        metadata: {name: one}
        spec: {imagePrePullTemplate: {images: [harbor.example.com/jili/example:v1], nodeNames: [n1], pullSecrets: [SECRET]}}
        """.Replace("SECRET", secret, StringComparison.Ordinal);

    private static string Secret(string ns, string labels) => """
        apiVersion: v1
        kind: Secret
        metadata: {name: borrowed, namespace: NS, labels: {LABELS}}
        type: kubernetes.io/dockerconfigjson
        stringData:
          .dockerconfigjson: '{"auths": {"harbor.example.com": {"username": "u", "password": "MARKER"}}}'
        """.Replace("NS", ns, StringComparison.Ordinal).Replace("LABELS", labels, StringComparison.Ordinal).Replace("MARKER", Marker, StringComparison.Ordinal);

    [Fact]
    public void Plan_KubeSystemSecret_IsAWarningNamingTheRule()
    {
        var (code, output, error) = CliRun.Run(
            "plan", "--job", CliRun.TempFile(Job("kube-system/borrowed")), "--nodes", CliRun.TempFile(Nodes), "--secrets", CliRun.TempFile(Secret("kube-system", "")), "-o", "json");

        Assert.Equal(string.Empty, error);
        Assert.Equal(0, code);
        var plan = JsonNode.Parse(output)!;
        var warning = Assert.Single(plan["secretWarnings"]!.AsArray())!;
        Assert.Equal("kube-system/borrowed", (string?)warning["secret"]);
        Assert.Equal("not in an allowed namespace (default, kubeedge-prepull) and lacks the label prepull.kubeedge.io/allow-prepull=true", (string?)warning["message"]);
        Assert.Null((string?)plan["plans"]![0]!["images"]![0]!["secret"]);
        Assert.DoesNotContain(Marker, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LabelledSecretOrAllowedNamespace_IsUsed()
    {
        var labelled = CliRun.Run(
            "plan", "--job", CliRun.TempFile(Job("kube-system/borrowed")), "--nodes", CliRun.TempFile(Nodes),
            "--secrets", CliRun.TempFile(Secret("kube-system", "prepull.kubeedge.io/allow-prepull: \"true\"")), "-o", "json");
        var allowed = CliRun.Run(
            "plan", "--job", CliRun.TempFile(Job("team-a/borrowed")), "--nodes", CliRun.TempFile(Nodes),
            "--secrets", CliRun.TempFile(Secret("team-a", "")), "--secret-namespace", "team-a", "-o", "json");

        foreach (var (code, output, error) in new[] { labelled, allowed })
        {
            Assert.Equal(string.Empty, error);
            Assert.Equal(0, code);
            var plan = JsonNode.Parse(output)!;
            Assert.Empty(plan["secretWarnings"]!.AsArray());
            Assert.EndsWith("/borrowed", (string?)plan["plans"]![0]!["images"]![0]!["secret"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Plan_BadSecretNamespace_IsAnInputError()
    {
        var (code, _, error) = CliRun.Run(
            "plan", "--job", CliRun.TempFile(Job("default/x")), "--nodes", CliRun.TempFile(Nodes), "--secret-namespace", "Bad_NS");

        Assert.Equal(2, code);
        Assert.Contains("--secret-namespace: secret namespace \"Bad_NS\" is not a namespace name", error, StringComparison.Ordinal);
    }
}
