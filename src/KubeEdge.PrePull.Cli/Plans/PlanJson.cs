using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Cli.Plans;

/// <summary>
/// The machine-readable form of a <see cref="PlanReport"/> (<c>prepull.kubeedge.io/plan/v1</c>, described field by
/// field in docs/plan-output.md). Built by hand so that field names and order never depend on a serializer: every
/// field is always present, <c>null</c> where it does not apply.
/// </summary>
internal static class PlanJson
{
    // Relaxed escaping: the output goes to a terminal or a file, never into HTML, and "\"" reads better than "\u0022".
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };


    /// <summary>The report as a JSON tree (also the tree the YAML output writes).</summary>
    public static JsonObject ToTree(PlanReport report) => new()
    {
        ["apiVersion"] = PlanReport.ApiVersion,
        ["kind"] = PlanReport.Kind,
        ["job"] = new JsonObject { ["name"] = report.JobName, ["apiVersion"] = report.JobApiVersion },
        ["ok"] = report.Ok,
        ["error"] = report.Error,
        ["summary"] = new JsonObject
        {
            ["nodes"] = report.PlannedNodeCount + report.FailedNodeCount,
            ["plannedNodes"] = report.PlannedNodeCount,
            ["failedNodes"] = report.FailedNodeCount,
            ["nodesWithImageErrors"] = report.NodesWithImageErrors,
            ["distinctPlans"] = report.Plans.Count,
            ["secretWarnings"] = report.SecretWarnings.Count,
        },
        ["plans"] = Array(report.Plans, Plan),
        ["failedNodes"] = Array(report.FailedNodes, f => new JsonObject
        {
            ["reason"] = f.Reason,
            ["nodeCount"] = f.Nodes.Count,
            ["nodes"] = Strings(f.Nodes),
        }),
        ["secretWarnings"] = Array(report.SecretWarnings, w => new JsonObject { ["secret"] = w.Secret, ["message"] = w.Message }),
        ["completionPolicy"] = report.CompletionPolicy is { } policy
            ? new JsonObject
            {
                ["type"] = policy.Type,
                ["activeDeadlineSeconds"] = policy.ActiveDeadlineSeconds,
                ["ttlSecondsAfterFinished"] = policy.TtlSecondsAfterFinished,
            }
            : null,
        ["waitingNodes"] = Array(report.WaitingNodes, w => new JsonObject
        {
            ["reason"] = w.Reason,
            ["nodeCount"] = w.Nodes.Count,
            ["nodes"] = Strings(w.Nodes),
        }),
    };

    /// <summary>The report as indented JSON text.</summary>
    public static string Write(PlanReport report) => ToTree(report).ToJsonString(Indented);

    private static JsonObject Plan(PlanGroup plan, int index) => new()
    {
        ["id"] = index + 1,
        ["nodeCount"] = plan.Nodes.Count,
        ["nodes"] = Strings(plan.Nodes),
        ["images"] = Array(plan.Images, (image, _) => new JsonObject
        {
            ["image"] = image.Image,
            ["resolvedImage"] = image.ResolvedImage,
            ["status"] = image.Outcome.ToString(),
            ["secret"] = image.Secret,
            ["candidateSecrets"] = Strings(image.CandidateSecrets),
            ["error"] = image.Error,
            ["warning"] = image.Warning,
            ["fallbackImage"] = image.FallbackImage,
            ["fallbackSecret"] = image.FallbackSecret,
        }),
    };

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    private static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode> convert) => [.. items.Select(i => (JsonNode?)convert(i))];

    private static JsonArray Array<T>(IEnumerable<T> items, Func<T, int, JsonNode> convert) => [.. items.Select((item, i) => (JsonNode?)convert(item, i))];
}
