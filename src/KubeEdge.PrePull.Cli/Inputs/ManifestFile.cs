using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>
/// Reads the objects of one kind from a file as <c>kubectl get KIND -o yaml|json</c> writes it: a <c>v1</c>
/// <c>List</c> (or <c>KINDList</c>) of items, a single object, or several YAML documents of either form.
/// </summary>
internal static class ManifestFile
{
    /// <summary>Every object of the file, each checked to be of <paramref name="kind"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">The expected kind, e.g. <c>Node</c>.</param>
    /// <exception cref="CliException">The file is missing, a directory, unreadable, malformed, or holds something else.</exception>
    public static IReadOnlyList<ManifestObject> Read(string path, string kind)
    {
        var text = InputFile.ReadAllText(path, $"a file of {kind}s");
        return Objects(text, path, kind);
    }

    /// <summary>Every object of the text (see <see cref="Read"/>).</summary>
    public static IReadOnlyList<ManifestObject> Objects(string text, string source, string kind)
    {
        var documents = ManifestDocuments.Parse(text, source);
        if (documents.Count == 0)
        {
            // An empty cluster still gives a List with no items; an empty file is a mistake (a failed redirect...).
            throw new CliException($"{source}: the file holds no {kind} and no List");
        }

        var objects = new List<ManifestObject>();
        for (var d = 0; d < documents.Count; d++)
        {
            var where = documents.Count == 1 ? source : $"{source}: document {d + 1}";
            if (documents[d] is not JsonObject root)
            {
                throw new CliException($"{where}: expected a {kind} or a List of {kind}s, got {ManifestObject.Describe(documents[d])}");
            }

            var document = new ManifestObject(root, where);
            var documentKind = document.String("kind");
            if (documentKind is "List" || documentKind == kind + "List")
            {
                var items = document.ObjectList("items");
                for (var i = 0; i < items.Count; i++)
                {
                    // The API server leaves kind out of a typed list's items; kubectl's "List" writes it.
                    var item = new ManifestObject(items[i], $"{where}: items[{i}]");
                    CheckKind(item, item.String("kind") ?? (documentKind == "List" ? null : kind), kind);
                    objects.Add(item);
                }
            }
            else
            {
                CheckKind(document, documentKind, kind);
                objects.Add(document);
            }
        }

        return objects;
    }

    private static void CheckKind(ManifestObject item, string? actual, string kind)
    {
        if (actual != kind)
        {
            var got = actual is null ? "nothing" : $"\"{actual}\"";
            throw new CliException(item.Problem("kind", $"expected \"{kind}\" (or a List of them), got {got}"));
        }

        var apiVersion = item.String("apiVersion");
        if (apiVersion is not (null or "v1"))
        {
            throw new CliException(item.Problem("apiVersion", $"expected \"v1\", got \"{apiVersion}\""));
        }
    }
}
