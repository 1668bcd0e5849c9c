using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Resources;

/// <summary>
/// Checks a custom resource against its CRD's structural OpenAPI v3 schema the way kube-apiserver does after
/// pruning and defaulting (docs/design.md §3): types, <c>format</c> int32/int64 ranges, enums, minimum/maximum
/// (exclusive too), minLength/maxLength, minItems/maxItems, required, pattern, <c>nullable</c>,
/// <c>x-kubernetes-int-or-string</c> and <c>x-kubernetes-preserve-unknown-fields</c>, with kube-apiserver's
/// wording and field paths. On an update, a value equal to the one stored at the same path is not checked again
/// (kube-apiserver's validation ratcheting), so an object stored before a schema change, or by a writer that
/// bypassed validation, can still have its status and metadata written.
/// </summary>
internal static class SchemaValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Validates an object (its <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> are checked elsewhere).</summary>
    /// <param name="schema">The served version's <c>openAPIV3Schema</c>.</param>
    /// <param name="obj">The object to store.</param>
    /// <param name="old">The stored object on an update, for ratcheting; <see langword="null"/> on create.</param>
    /// <param name="scope">Which top-level fields to check: all but <c>status</c> for the main endpoint of a resource with a status subresource, only <c>status</c> for the subresource, else all.</param>
    /// <returns>The violations, in field order; empty when valid.</returns>
    public static IReadOnlyList<SchemaFieldError> Validate(JsonObject schema, JsonObject obj, JsonObject? old, SchemaScope scope)
    {
        var errors = new List<SchemaFieldError>();
        var properties = schema["properties"] as JsonObject;
        if (scope != SchemaScope.StatusOnly)
        {
            foreach (var name in Required(schema))
            {
                if (name is not ("apiVersion" or "kind" or "metadata" or "status") && obj[name] is null)
                {
                    errors.Add(new SchemaFieldError(name, "FieldValueRequired", "Required value"));
                }
            }
        }

        foreach (var (name, value) in obj)
        {
            if (name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            var inScope = scope switch
            {
                SchemaScope.StatusOnly => name == "status",
                SchemaScope.AllButStatus => name != "status",
                _ => true,
            };
            if (inScope && properties?[name] is JsonObject propertySchema)
            {
                Check(propertySchema, value, old?[name], old is not null && old.ContainsKey(name), name, errors);
            }
        }

        return errors;
    }

    private static void Check(JsonObject schema, JsonNode? value, JsonNode? old, bool hasOld, string path, List<SchemaFieldError> errors)
    {
        if (hasOld && JsonEquality.Same(value, old))
        {
            return; // Ratcheting: an unchanged value is not re-validated.
        }

        if (value is null)
        {
            if (!IsTrue(schema, "nullable"))
            {
                var expected = IsTrue(schema, "x-kubernetes-int-or-string") ? "integer,string" : (string?)schema["type"];
                if (!string.IsNullOrEmpty(expected))
                {
                    errors.Add(TypeError(path, expected, "null"));
                }
            }

            return;
        }

        var actual = TypeName(value);
        if (IsTrue(schema, "x-kubernetes-int-or-string"))
        {
            if (actual is not ("integer" or "string"))
            {
                errors.Add(TypeError(path, "integer,string", actual));
                return;
            }
        }
        else if ((string?)schema["type"] is { Length: > 0 } type && type != actual && !(type == "number" && actual == "integer"))
        {
            errors.Add(TypeError(path, type, actual));
            return;
        }

        CheckEnum(schema, value, path, errors);
        switch (value)
        {
            case JsonObject obj:
                CheckObject(schema, obj, old as JsonObject, path, errors);
                break;
            case JsonArray array:
                CheckArray(schema, array, path, errors);
                break;
            default:
                CheckScalar(schema, (JsonValue)value, actual, path, errors);
                break;
        }
    }

    private static void CheckObject(JsonObject schema, JsonObject obj, JsonObject? old, string path, List<SchemaFieldError> errors)
    {
        foreach (var name in Required(schema))
        {
            if (obj[name] is null && !(obj.ContainsKey(name) && IsTrue(schema["properties"]?[name] as JsonObject, "nullable")))
            {
                errors.Add(new SchemaFieldError($"{path}.{name}", "FieldValueRequired", "Required value"));
            }
        }

        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        foreach (var (name, child) in obj)
        {
            if (properties?[name] is JsonObject childSchema)
            {
                Check(childSchema, child, old?[name], old is not null && old.ContainsKey(name), $"{path}.{name}", errors);
            }
            else if (additional is not null)
            {
                Check(additional, child, old?[name], old is not null && old.ContainsKey(name), $"{path}.{name}", errors);
            }
        }

        CountBounds(schema, obj.Count, "properties", path, errors);
    }

    private static void CheckArray(JsonObject schema, JsonArray array, string path, List<SchemaFieldError> errors)
    {
        if (Number(schema, "maxItems") is { } maxItems && array.Count > maxItems)
        {
            errors.Add(new SchemaFieldError(path, "FieldValueTooMany", Invariant($"Too many: {array.Count}: must have at most {maxItems} items")));
        }

        if (Number(schema, "minItems") is { } minItems && array.Count < minItems)
        {
            errors.Add(Invalid(path, Invariant($"{array.Count}"), Invariant($"{path} in body should have at least {minItems} items")));
        }

        if (schema["items"] is JsonObject itemSchema)
        {
            // Items are not correlated with the stored list (lists are atomic here): each is checked.
            for (var i = 0; i < array.Count; i++)
            {
                Check(itemSchema, array[i], null, hasOld: false, Invariant($"{path}[{i}]"), errors);
            }
        }
    }

    private static void CheckScalar(JsonObject schema, JsonValue value, string actual, string path, List<SchemaFieldError> errors)
    {
        if (actual == "string")
        {
            var text = value.GetValue<string>();
            var length = CountRunes(text);
            if (Number(schema, "maxLength") is { } maxLength && length > maxLength)
            {
                errors.Add(new SchemaFieldError(path, "FieldValueTooLong", Invariant($"Too long: may not be more than {maxLength} bytes")));
            }

            if (Number(schema, "minLength") is { } minLength && length < minLength)
            {
                errors.Add(Invalid(path, Quote(text), Invariant($"{path} in body should be at least {minLength} chars long")));
            }

            if ((string?)schema["pattern"] is { Length: > 0 } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, PatternTimeout))
            {
                errors.Add(Invalid(path, Quote(text), $"{path} in body should match '{pattern}'"));
            }

            return;
        }

        if (actual is not ("integer" or "number"))
        {
            return;
        }

        var raw = value.ToJsonString();
        var number = value.GetValue<double>();
        if (actual == "integer" && (string?)schema["format"] is "int32" or "int64" && !FitsFormat(raw, number, (string)schema["format"]!))
        {
            errors.Add(Invalid(path, "\"\"", $"Checked value must be of type integer with format {schema["format"]} in {path}"));
            return;
        }

        var shown = FormatNumber(raw);
        if (Number(schema, "minimum") is { } minimum)
        {
            var exclusive = IsTrue(schema, "exclusiveMinimum");
            if (exclusive ? number <= minimum : number < minimum)
            {
                errors.Add(Invalid(path, shown, $"{path} in body should be greater than {(exclusive ? string.Empty : "or equal to ")}{FormatNumber(schema["minimum"]!.ToJsonString())}"));
            }
        }

        if (Number(schema, "maximum") is { } maximum)
        {
            var exclusive = IsTrue(schema, "exclusiveMaximum");
            if (exclusive ? number >= maximum : number > maximum)
            {
                errors.Add(Invalid(path, shown, $"{path} in body should be less than {(exclusive ? string.Empty : "or equal to ")}{FormatNumber(schema["maximum"]!.ToJsonString())}"));
            }
        }

        if (Number(schema, "multipleOf") is { } multipleOf && multipleOf > 0 && Math.IEEERemainder(number, multipleOf) != 0)
        {
            errors.Add(Invalid(path, shown, $"{path} in body should be a multiple of {FormatNumber(schema["multipleOf"]!.ToJsonString())}"));
        }
    }

    private static void CheckEnum(JsonObject schema, JsonNode value, string path, List<SchemaFieldError> errors)
    {
        if (schema["enum"] is not JsonArray allowed || allowed.Any(a => JsonEquality.Same(a, value)))
        {
            return;
        }

        var supported = string.Join(", ", allowed.Select(a => Quote(a is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : a?.ToJsonString() ?? "null")));
        errors.Add(new SchemaFieldError(path, "FieldValueNotSupported", $"Unsupported value: {Shown(value)}: supported values: {supported}"));
    }

    private static void CountBounds(JsonObject schema, int count, string what, string path, List<SchemaFieldError> errors)
    {
        if (Number(schema, "maxProperties") is { } max && count > max)
        {
            errors.Add(new SchemaFieldError(path, "FieldValueTooMany", Invariant($"Too many: {count}: must have at most {max} items")));
        }

        if (Number(schema, "minProperties") is { } min && count < min)
        {
            errors.Add(Invalid(path, Invariant($"{count}"), Invariant($"{path} in body should have at least {min} {what}")));
        }
    }

    private static SchemaFieldError TypeError(string path, string expected, string actual) =>
        Invalid(path, Quote(actual), $"{path} in body must be of type {expected}: {Quote(actual)}");

    private static SchemaFieldError Invalid(string path, string shownValue, string detail) =>
        new(path, "FieldValueInvalid", $"Invalid value: {shownValue}: {detail}");

    /// <summary>The JSON type of a value in OpenAPI's words; a number without a fraction is an integer.</summary>
    private static string TypeName(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsIntegral(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    private static bool IsIntegral(JsonValue value)
    {
        var raw = value.ToJsonString();
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return true;
        }

        var number = value.GetValue<double>();
        return double.IsFinite(number) && Math.Floor(number) == number;
    }

    private static bool FitsFormat(string raw, double number, string format)
    {
        if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            // 1e12 and the like: in range only when the double is an exact whole number that fits.
            if (number is < -9.2233720368547758E18 or >= 9.2233720368547758E18)
            {
                return false;
            }

            whole = (long)number;
        }

        return format == "int64" || whole is >= int.MinValue and <= int.MaxValue;
    }

    private static string Shown(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Quote(v.GetValue<string>())
        : value is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? FormatNumber(n.ToJsonString())
        : value.ToJsonString();

    private static string FormatNumber(string raw) =>
        long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? whole.ToString(CultureInfo.InvariantCulture)
            : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Quotes a string the way Go's <c>%q</c> does for the common cases.</summary>
    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                < ' ' => builder.Append(Invariant($"\\x{(int)c:x2}")),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    private static int CountRunes(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<string> Required(JsonObject schema) =>
        schema["required"] is JsonArray required ? required.Select(r => (string?)r).OfType<string>() : [];

    private static double? Number(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    private static bool IsTrue(JsonObject? schema, string keyword) =>
        schema?[keyword] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
