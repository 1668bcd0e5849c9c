using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>Turns Node objects, from a file or from the cluster, into what node selection reads.</summary>
internal static class NodeReader
{
    /// <summary>The nodes of a file written by <c>kubectl get nodes -o yaml</c> (or JSON, or several documents).</summary>
    /// <exception cref="CliException">The file cannot be read or an object is not a usable Node; the message names the field.</exception>
    public static IReadOnlyList<NodeInfo> ReadFile(string path) =>
        ManifestFile.Read(path, "Node").Select(FromManifest).ToArray();

    /// <summary>A Node object of a file.</summary>
    public static NodeInfo FromManifest(ManifestObject node)
    {
        var name = node.String("metadata.name");
        if (string.IsNullOrEmpty(name))
        {
            throw new CliException(node.Problem("metadata.name", "required"));
        }

        var ready = false;
        var conditions = node.ObjectList("status.conditions");
        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = new ManifestObject(conditions[i], $"{node.Location}: status.conditions[{i}]");
            if (condition.String("type") == "Ready")
            {
                ready = condition.String("status") == "True";
            }
        }

        return new NodeInfo(name, node.StringMap("metadata.labels"), ready);
    }
}
