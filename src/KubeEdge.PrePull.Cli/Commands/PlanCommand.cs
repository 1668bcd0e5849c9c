using System.CommandLine;
using KubeEdge.PrePull.Cli.Inputs;
using KubeEdge.PrePull.Cli.Plans;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Names;
using KubeEdge.PrePull.Selection;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Cli.Commands;

/// <summary>
/// <c>plan</c>: the dry run. Selects the job's nodes and plans them as the controller would, and prints per plan each
/// image's resolved reference and the secrets that would be tried (names only), or why it would fail. Exit code 0
/// when nothing would fail, 1 when the plan shows failures, 2 when the inputs cannot be read.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var job = new Option<string>("--job", "-j") { Description = "The ImagePrePullJob file (YAML or JSON).", Required = true };
        var nodes = new Option<string?>("--nodes") { Description = "Nodes as 'kubectl get nodes -o yaml' writes them (a List, one Node, or several YAML documents; JSON too)." };
        var secrets = new Option<string?>("--secrets") { Description = "Secrets as 'kubectl get secrets -o yaml' writes them; without it (and without --kubeconfig) every secret counts as missing." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Read nodes and the job's secrets from this cluster instead of files." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use (default: its current context)." };
        var format = new Option<string>("--output", "-o") { Description = "table, json or yaml.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "yaml");
        var allNodes = new Option<bool>("--all-nodes") { Description = "In the table, also list every node with its plan or failure." };
        var secretNamespaces = new Option<string[]>("--secret-namespace")
        {
            Description = "A namespace whose secrets jobs may use, as the controller's SecretNamespaces (repeat it); default: kubeedge-prepull and default. Other secrets need the label " + SecretGrant.OptInSelector + ".",
            AllowMultipleArgumentsPerToken = false,
        };
        var noEdge = new Option<bool>("--ignore-edge-label") { Description = $"Do not require the {NodeSelectionOptions.DefaultEdgeLabel} label (plain Kubernetes)." };

        var command = new Command("plan", "Show what a job would pull on each node, with which secret, or why it would fail; pulls nothing.")
        {
            job, nodes, secrets, kubeconfig, context, format, allNodes, noEdge, secretNamespaces,
        };
        command.Validators.Add(result =>
        {
            var fromCluster = result.GetValue(kubeconfig) is not null;
            if (fromCluster && (result.GetValue(nodes) is not null || result.GetValue(secrets) is not null))
            {
                result.AddError("--kubeconfig reads nodes and secrets from the cluster: do not also give --nodes or --secrets");
            }
            else if (!fromCluster && result.GetValue(nodes) is null)
            {
                result.AddError("give --nodes FILE (and --secrets FILE), or --kubeconfig PATH");
            }
            else if (!fromCluster && result.GetValue(context) is not null)
            {
                result.AddError("--context needs --kubeconfig");
            }
        });

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var jobPath = parseResult.GetValue(job)!;
            var parsed = await BlockingRead.RunAsync(() => JobFile.Read(jobPath, ExitCodes.InputError), cancellationToken).ConfigureAwait(false);
            List<ValidationProblem> problems = [.. ImagePrePullJobValidator.Validate(parsed), .. ApiServerChecks.Check(parsed)];
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    error.WriteLine($"kubeedge-prepull: {jobPath}: {problem}");
                }

                return ExitCodes.InputError;
            }

            var options = new NodeSelectionOptions { RequireEdgeLabel = !parseResult.GetValue(noEdge) };
            var grant = Grant(parseResult.GetValue(secretNamespaces));
            PlanReport report;
            if (parseResult.GetValue(kubeconfig) is { } path)
            {
                using var cluster = ClusterSource.Connect(path, parseResult.GetValue(context));
                var clusterNodes = await cluster.ListNodesAsync(cancellationToken).ConfigureAwait(false);
                report = await DryRun.PlanAsync(parsed, clusterNodes, (refs, ct) => cluster.ReadSecretsAsync(refs, grant, ct), options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var nodesPath = parseResult.GetValue(nodes)!;
                var fileNodes = await BlockingRead.RunAsync(() => NodeReader.ReadFile(nodesPath), cancellationToken).ConfigureAwait(false);
                var secretsPath = parseResult.GetValue(secrets);
                report = await DryRun.PlanAsync(parsed, fileNodes, (refs, ct) => BlockingRead.RunAsync(() => SecretReader.ReadFileGranted(secretsPath, refs, grant), ct), options, cancellationToken).ConfigureAwait(false);
            }

            switch (parseResult.GetValue(format))
            {
                case "json":
                    output.WriteLine(PlanJson.Write(report));
                    break;
                case "yaml":
                    output.Write(YamlTree.Write(PlanJson.ToTree(report)));
                    break;
                default:
                    PlanTable.Write(report, parseResult.GetValue(allNodes), output);
                    break;
            }

            return report.Ok ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>The controller's rule: the given namespaces, else its default (kubeedge-prepull and default).</summary>
    /// <exception cref="CliException">A namespace is not a namespace name.</exception>
    private static SecretGrant Grant(string[]? namespaces)
    {
        foreach (var ns in namespaces ?? [])
        {
            if (KubernetesNames.CheckDns1123Label(ns) is { } error)
            {
                throw new CliException($"--secret-namespace: secret namespace \"{ns}\" is not a namespace name: {error}");
            }
        }

        return new SecretGrant(namespaces is { Length: > 0 } ? namespaces : ["kubeedge-prepull", SecretReference.DefaultNamespace]);
    }
}
