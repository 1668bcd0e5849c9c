using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>An API error answered as a <c>Status</c> object, like kube-apiserver does.</summary>
internal sealed class ApiException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="code">HTTP status code.</param>
    /// <param name="reason">Status reason (<c>NotFound</c>, <c>Conflict</c>, ...).</param>
    /// <param name="message">Human-readable message.</param>
    public ApiException(int code, string reason, string message)
        : base(message)
    {
        Code = code;
        Reason = reason;
    }

    /// <summary>HTTP status code.</summary>
    public int Code { get; }

    /// <summary>Status reason.</summary>
    public string Reason { get; }

    /// <summary>The <c>details</c> of the Status (name, group, kind), if any.</summary>
    public JsonObject? Details { get; init; }

    /// <summary>404 for a missing object.</summary>
    /// <param name="qualifiedPlural">Resource name used in messages.</param>
    /// <param name="name">Object name.</param>
    /// <returns>The error.</returns>
    public static ApiException NotFound(string qualifiedPlural, string name) =>
        new(404, "NotFound", $"{qualifiedPlural} \"{name}\" not found") { Details = NameDetails(qualifiedPlural, name) };

    /// <summary>409 for a create whose name is taken.</summary>
    /// <param name="qualifiedPlural">Resource name used in messages.</param>
    /// <param name="name">Object name.</param>
    /// <returns>The error.</returns>
    public static ApiException AlreadyExists(string qualifiedPlural, string name) =>
        new(409, "AlreadyExists", $"{qualifiedPlural} \"{name}\" already exists") { Details = NameDetails(qualifiedPlural, name) };

    /// <summary>409 for a write based on a stale resourceVersion (or a failed precondition).</summary>
    /// <param name="qualifiedPlural">Resource name used in messages.</param>
    /// <param name="name">Object name.</param>
    /// <param name="why">What was wrong.</param>
    /// <returns>The error.</returns>
    public static ApiException Conflict(string qualifiedPlural, string name, string why = "the object has been modified; please apply your changes to the latest version and try again") =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {qualifiedPlural} \"{name}\": {why}") { Details = NameDetails(qualifiedPlural, name) };

    /// <summary>422 for an object that breaks a rule.</summary>
    /// <param name="kind">Object kind.</param>
    /// <param name="name">Object name (may be empty).</param>
    /// <param name="field">The field at fault.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <returns>The error.</returns>
    public static ApiException Invalid(string kind, string name, string field, string problem) =>
        new(422, "Invalid", $"{kind} \"{name}\" is invalid: {field}: {problem}")
        {
            Details = new JsonObject
            {
                ["name"] = name,
                ["kind"] = kind,
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = problem, ["field"] = field }),
            },
        };

    /// <summary>
    /// 422 for a custom resource that breaks its schema, as kube-apiserver answers: the message names the
    /// qualified kind (<c>ImagePrePullJob.operations.kubeedge.io "bad" is invalid: ...</c>) and lists several
    /// errors in brackets; each error is one cause.
    /// </summary>
    /// <param name="type">The resource.</param>
    /// <param name="name">Object name.</param>
    /// <param name="errors">The violations (at least one).</param>
    /// <returns>The error.</returns>
    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<SchemaFieldError> errors)
    {
        var qualifiedKind = type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
        var list = errors.Count == 1 ? errors[0].ToString() : $"[{string.Join(", ", errors)}]";
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add(new JsonObject { ["reason"] = error.Reason, ["message"] = error.Message, ["field"] = error.Field });
        }

        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Kind;
        details["causes"] = causes;
        return new(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {list}") { Details = details };
    }

    /// <summary>400 for a malformed request.</summary>
    /// <param name="message">What is wrong.</param>
    /// <returns>The error.</returns>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>410 for a resourceVersion older than the retained history.</summary>
    /// <param name="message">What expired.</param>
    /// <returns>The error.</returns>
    public static ApiException Expired(string message) => new(410, "Expired", message);

    private static JsonObject NameDetails(string qualifiedPlural, string name)
    {
        var dot = qualifiedPlural.IndexOf('.', StringComparison.Ordinal);
        var details = new JsonObject { ["name"] = name, ["kind"] = dot < 0 ? qualifiedPlural : qualifiedPlural[..dot] };
        if (dot >= 0)
        {
            details["group"] = qualifiedPlural[(dot + 1)..];
        }

        return details;
    }
}
