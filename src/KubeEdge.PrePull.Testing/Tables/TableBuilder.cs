using System.Globalization;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>
/// Builds <c>meta.k8s.io/v1 Table</c> answers, which kubectl asks for to print columns: the CRD's
/// <c>additionalPrinterColumns</c>, the built-in printers (<see cref="BuiltInPrinters"/>), or NAME and AGE.
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
    /// <param name="includeHeaders">
    /// Whether <c>columnDefinitions</c> are sent; a watch sends them with its first event only, as kube-apiserver does
    /// (kubectl keeps the first event's columns for the rows that follow).
    /// </param>
    /// <returns>The Table object.</returns>
    public JsonObject Build(ResourceType type, IEnumerable<JsonObject> items, long resourceVersion, string? continueToken, bool includeHeaders = true)
    {
        var columns = Columns(type);
        var definitions = new JsonArray();
        foreach (var column in includeHeaders ? columns : [])
        {
            definitions.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["format"] = column.Format,
                ["description"] = string.Empty,
                ["priority"] = column.Priority,
            });
        }

        var rows = new JsonArray();
        var now = _time.GetUtcNow();
        foreach (var item in items)
        {
            var cells = new JsonArray();
            foreach (var column in columns)
            {
                cells.Add(JsonValue.Create(column.Cell(item, now)) ?? (JsonNode?)null);
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

    private static IReadOnlyList<TableColumn> Columns(ResourceType type)
    {
        if (type.PrinterColumns.Count == 0 && type.Schema is null && BuiltInPrinters.For(type.Kind) is { } builtIn)
        {
            return builtIn;
        }

        var columns = new List<TableColumn> { TableColumn.ObjectName };
        if (type.PrinterColumns.Count == 0)
        {
            // A custom resource without printer columns: NAME and AGE, as the CRD handler prints it.
            columns.Add(TableColumn.Age with { Type = "date" });
            return columns;
        }

        foreach (var column in type.PrinterColumns)
        {
            columns.Add(new TableColumn(column.Name, column.Type, (o, now) => Cell(o, column, now), column.Priority));
        }

        return columns;
    }

    private static object? Cell(JsonObject obj, PrinterColumn column, DateTimeOffset now)
    {
        var value = SimpleJsonPath.Evaluate(obj, column.JsonPath);
        if (value is not JsonValue scalar)
        {
            return value?.ToJsonString();
        }

        if (column.Type == "date" && scalar.TryGetValue<string>(out var text))
        {
            // Like kube-apiserver, date columns are sent already humanized ("5m").
            return TableColumn.Since(now, text);
        }

        return column.Type switch
        {
            "integer" when scalar.TryGetValue<long>(out var number) => number,
            "number" when scalar.TryGetValue<double>(out var real) => real,
            "boolean" when scalar.TryGetValue<bool>(out var flag) => flag,
            _ => scalar.TryGetValue<string>(out var s) ? s : scalar.ToJsonString(),
        };
    }
}
