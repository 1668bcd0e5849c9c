using System.Globalization;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>
/// Builds <c>meta.k8s.io/v1 Table</c> answers, which kubectl asks for to print columns: the CRD's
/// <c>additionalPrinterColumns</c>, the built-in printers for nodes and pods, or NAME and AGE.
/// </summary>
internal sealed class TableBuilder
{
    private readonly TimeProvider _time;

    /// <summary>Creates the builder.</summary>
    /// <param name="time">Clock for the AGE column.</param>
    public TableBuilder(TimeProvider time) => _time = time;

    /// <summary>Builds a table.</summary>
    /// <param name="type">The resource version served.</param>
    /// <param name="items">The rows' objects.</param>
    /// <param name="resourceVersion">The list's resourceVersion.</param>
    /// <param name="continueToken">The list's continue token, if any.</param>
    /// <returns>The Table object.</returns>
    public JsonObject Build(ResourceType type, IEnumerable<JsonObject> items, long resourceVersion, string? continueToken)
    {
        var columns = Columns(type);
        var definitions = new JsonArray();
        foreach (var (name, columnType, priority, _) in columns)
        {
            definitions.Add(new JsonObject
            {
                ["name"] = name,
                ["type"] = columnType,
                ["format"] = name == "Name" ? "name" : string.Empty,
                ["description"] = string.Empty,
                ["priority"] = priority,
            });
        }

        var rows = new JsonArray();
        var now = _time.GetUtcNow();
        foreach (var item in items)
        {
            var age = Age(item, now);
            var cells = new JsonArray();
            foreach (var column in columns)
            {
                cells.Add(JsonValue.Create(column.Cell(item, age)) ?? (JsonNode?)null);
            }

            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]?.DeepClone(),
                },
            });
        }

        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private List<(string Name, string Type, int Priority, Func<JsonObject, string, object?> Cell)> Columns(ResourceType type)
    {
        if (BuiltInPrinters.For(type.Kind) is { } builtIn)
        {
            return builtIn.Select(c => (c.Name, "string", 0, c.Cell)).ToList();
        }

        var columns = new List<(string, string, int, Func<JsonObject, string, object?>)>
        {
            ("Name", "string", 0, (o, _) => (string?)o["metadata"]?["name"]),
        };
        if (type.PrinterColumns.Count == 0)
        {
            columns.Add(("Age", "date", 0, (_, age) => age));
            return columns;
        }

        foreach (var column in type.PrinterColumns)
        {
            columns.Add((column.Name, column.Type, column.Priority, (o, _) => Cell(o, column)));
        }

        return columns;
    }

    private object? Cell(JsonObject obj, PrinterColumn column)
    {
        var value = SimpleJsonPath.Evaluate(obj, column.JsonPath);
        if (value is not JsonValue scalar)
        {
            return value?.ToJsonString();
        }

        if (column.Type == "date" && scalar.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
        {
            // Like kube-apiserver, date columns are sent already humanized ("5m").
            return HumanDuration.Format(_time.GetUtcNow() - when);
        }

        return column.Type switch
        {
            "integer" when scalar.TryGetValue<long>(out var number) => number,
            "number" when scalar.TryGetValue<double>(out var real) => real,
            "boolean" when scalar.TryGetValue<bool>(out var flag) => flag,
            _ => scalar.TryGetValue<string>(out var s) ? s : scalar.ToJsonString(),
        };
    }

    private static string Age(JsonObject obj, DateTimeOffset now) =>
        DateTimeOffset.TryParse((string?)obj["metadata"]?["creationTimestamp"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? HumanDuration.Format(now - created)
            : "<unknown>";
}
