using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

/// <summary>The shapes of nodes and secrets files <c>plan</c> reads, and its errors: one line, exit code 2.</summary>
public sealed class PlanCommandInputTests
{
    private const string OneNodeJob = """
        apiVersion: operations.kubeedge.io/v1alpha2
        kind: ImagePrePullJob
        metadata: {name: one}
        spec: {imagePrePullTemplate: {images: [harbor.example.com/jili/example:v1], nodeNames: [n1, n2], pullSecrets: [default/harbor]}}
        """;

    [Fact]
    public void Plan_MultiDocumentYaml_ReadsEveryNodeAndSecret()
    {
        var nodes = CliRun.TempFile("""
            # two single objects and a List, as 'kubectl get node n1 -o yaml' and friends write them
            apiVersion: v1
            kind: Node
            metadata: {name: n1, labels: {node-role.kubernetes.io/edge: ""}}
            status: {conditions: [{type: Ready, status: "True"}]}
            ---
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Node
              metadata: {name: n2, labels: {node-role.kubernetes.io/edge: ""}}
              status: {conditions: [{type: Ready, status: "True"}]}
            """);
        var secrets = CliRun.TempFile("""
            apiVersion: v1
            kind: Secret
            metadata: {name: unrelated, namespace: kube-system}
            type: Opaque
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: harbor, namespace: default}
            type: kubernetes.io/dockerconfigjson
            stringData:
              .dockerconfigjson: '{"auths": {"harbor.example.com": {"username": "u", "password": "p"}}}'
            """);

        var (code, output, error) = CliRun.Run("plan", "--job", CliRun.TempFile(OneNodeJob), "--nodes", nodes, "--secrets", secrets, "-o", "json");

        Assert.Equal(string.Empty, error);
        Assert.Equal(0, code);
        var plan = Assert.Single(JsonNode.Parse(output)!["plans"]!.AsArray())!;
        Assert.Equal(["n1", "n2"], PlanTestText.Strings(plan["nodes"]));
        Assert.Equal("default/harbor", (string?)plan["images"]![0]!["secret"]);
    }

    [Fact]
    public void Plan_JsonNodeListWithoutItemKinds_IsRead()
    {
        // What the API server itself returns for GET /api/v1/nodes: a NodeList whose items carry no kind.
        var nodes = CliRun.TempFile("""
            {"apiVersion": "v1", "kind": "NodeList", "metadata": {"resourceVersion": "7"}, "items": [
              {"metadata": {"name": "n1", "labels": {"node-role.kubernetes.io/edge": ""}}, "status": {"conditions": [{"type": "Ready", "status": "True"}]}},
              {"metadata": {"name": "n2", "labels": {"node-role.kubernetes.io/edge": ""}}, "status": {"conditions": [{"type": "Ready", "status": "False"}]}}
            ]}
            """);

        var (code, output, _) = CliRun.Run("plan", "--job", CliRun.TempFile(OneNodeJob), "--nodes", nodes, "-o", "json");

        Assert.Equal(1, code);
        var plan = JsonNode.Parse(output)!;
        Assert.Equal(["n1"], PlanTestText.Strings(plan["plans"]![0]!["nodes"]));
        Assert.Equal("the node is not ready", (string?)plan["failedNodes"]![0]!["reason"]);
        Assert.Equal("secret not found", (string?)plan["secretWarnings"]![0]!["message"]);
    }

    [Theory]
    [InlineData("missing-nodes")]
    [InlineData("missing-secrets")]
    [InlineData("missing-job")]
    public void Plan_MissingFile_IsOneLineNamingItAndExitsTwo(string which)
    {
        var job = which == "missing-job" ? "/nonexistent/job.yaml" : PlanTestData.UpstreamJob;
        var nodes = which == "missing-nodes" ? "/nonexistent/nodes.yaml" : PlanTestData.Nodes;
        var secrets = which == "missing-secrets" ? "/nonexistent/secrets.yaml" : PlanTestData.Secrets;

        var (code, output, error) = CliRun.Run("plan", "--job", job, "--nodes", nodes, "--secrets", secrets);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"kubeedge-prepull: /nonexistent/{which[8..]}.yaml: no such file", error.Trim());
    }

    [Theory]
    [InlineData("nodes", "# nothing but a comment\n", ": the file holds no Node and no List")]
    [InlineData("secrets", "", ": the file holds no Secret and no List")]
    [InlineData("nodes", "apiVersion: v1\nkind: List\nitems: [\n", "malformed YAML at line 4")]
    [InlineData("nodes", "{\"kind\": \"NodeList\", \"items\": [}", "malformed JSON at line 1")]
    [InlineData("nodes", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", ": kind: expected \"Node\" (or a List of them), got \"Pod\"")]
    [InlineData("nodes", "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a}}\n- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n", ": items[1]: kind: expected \"Node\" (or a List of them), got \"Secret\"")]
    [InlineData("nodes", "kind: Node\nmetadata: {labels: {a: b}}\n---\nkind: Node\nmetadata: {name: x, labels: [a]}\n", ": document 1: metadata.name: required")]
    [InlineData("nodes", "kind: Node\nmetadata: {name: x, labels: [a]}\n", ": metadata.labels: expected a map of strings, got a list")]
    [InlineData("nodes", "- a\n- b\n", ": expected a Node or a List of Nodes, got a list")]
    [InlineData("nodes", "apiVersion: apps/v1\nkind: Node\nmetadata: {name: x}\n", ": apiVersion: expected \"v1\", got \"apps/v1\"")]
    [InlineData("secrets", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {.dockerconfigjson: \"PLAN-TEST-PASSWORD-MARKER!!\"}\n", ": data[\".dockerconfigjson\"]: not valid base64")]
    [InlineData("secrets", "kind: SecretList\nitems:\n- {metadata: {name: s}, data: {x: [1]}}\n", ": items[0]: data[\"x\"]: expected a string, got a list")]
    public void Plan_BadFile_IsOneLineNamingFileAndFieldAndExitsTwo(string option, string content, string expected)
    {
        var path = CliRun.TempFile(content);
        var nodes = option == "nodes" ? path : PlanTestData.Nodes;
        string[] secrets = option == "secrets" ? ["--secrets", path] : [];

        var (code, output, error) = CliRun.Run(["plan", "--job", PlanTestData.UpstreamJob, "--nodes", nodes, .. secrets]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith($"kubeedge-prepull: {path}", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(PlanTestData.PasswordMarker, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_BadFileWithVerbose_ShowsTheStackTrace()
    {
        var path = CliRun.TempFile("apiVersion: v1\nkind: Pod\n");

        var (code, _, error) = CliRun.Run("plan", "--job", PlanTestData.UpstreamJob, "--nodes", path, "--verbose");

        Assert.Equal(2, code);
        Assert.Contains("CliException", error, StringComparison.Ordinal);
        Assert.Contains(" at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_InvalidJob_ListsItsProblemsAndExitsTwo()
    {
        var job = CliRun.TempFile("""
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: {name: bad}
            spec: {imagePrePullTemplate: {images: [nginx], nodeNames: [n1], concurrency: -1}}
            """);

        var (code, output, error) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"kubeedge-prepull: {job}: spec.imagePrePullTemplate.concurrency: Invalid value: -1: must be greater than or equal to 0", error.Trim());
    }

    [Theory]
    [InlineData(new[] { "plan", "--job", "j.yaml" }, "give --nodes FILE (and --secrets FILE), or --kubeconfig PATH")]
    [InlineData(new[] { "plan", "--job", "j.yaml", "--secrets", "s.yaml" }, "give --nodes FILE (and --secrets FILE), or --kubeconfig PATH")]
    [InlineData(new[] { "plan", "--job", "j.yaml", "--nodes", "n.yaml", "--kubeconfig", "k" }, "do not also give --nodes or --secrets")]
    [InlineData(new[] { "plan", "--job", "j.yaml", "--nodes", "n.yaml", "--context", "c" }, "--context needs --kubeconfig")]
    [InlineData(new[] { "plan", "--nodes", "n.yaml" }, "--job")]
    [InlineData(new[] { "plan", "--job", "j.yaml", "--nodes", "n.yaml", "-o", "xml" }, "xml")]
    [InlineData(new[] { "plan", "--job", "j.yaml", "--nodes", "n.yaml", "--bogus" }, "--bogus")]
    public void Plan_UsageError_SaysWhatIsWrongAndExitsTwo(string[] args, string expected)
    {
        var (code, output, error) = CliRun.Run(args);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.EndsWith("kubeedge-prepull: run 'kubeedge-prepull plan --help' for usage", error.Trim(), StringComparison.Ordinal);
    }
}
