using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Serialization.Internal;

/// <summary>
/// Explains a type error at a JSON path: what the model expects there and what the document has, so a user reads
/// <c>spec.imagePrePullTemplate.images: expected a list of strings, got an object</c> instead of a .NET type name.
/// </summary>
internal static class FieldPath
{
    // Reflection here only adds a hint to an error message: a property or interface that trimming removed makes the
    // hint unknown (null), never a wrong answer nor a failure (docs/design.md §3 "The edge agent on a small device").
    private const string OnlyAHint = "Walks the model's public properties for an error hint; members trimmed away leave the hint unknown.";

    /// <summary>Turns System.Text.Json's <c>$.a.b[0]</c> (or <c>$['a']</c>) into <c>a.b[0]</c>.</summary>
    public static string FromJsonPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return string.Empty;
        }

        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return path.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal).TrimStart('.');
    }

    /// <summary>Describes what <paramref name="rootType"/> expects at <paramref name="path"/>, or null when unknown.</summary>
    public static string? Expected(Type rootType, string path) => ExpectedType(rootType, path) is { } type ? Describe(type) : null;

    /// <summary>
    /// The range of the integer <paramref name="rootType"/> expects at <paramref name="path"/> (e.g. -2147483648 to
    /// 2147483647 for an <see cref="int"/>), or null when no integer is expected there.
    /// </summary>
    public static (decimal Min, decimal Max)? IntegerRange(Type rootType, string path)
    {
        var type = ExpectedType(rootType, path) is { } t ? Nullable.GetUnderlyingType(t) ?? t : null;
        return type == typeof(int) ? (int.MinValue, int.MaxValue)
            : type == typeof(long) ? (long.MinValue, long.MaxValue)
            : type == typeof(uint) ? (uint.MinValue, uint.MaxValue)
            : null;
    }

    /// <summary>The type <paramref name="rootType"/> has at <paramref name="path"/>, or null when unknown.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = OnlyAHint)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = OnlyAHint)]
    private static Type? ExpectedType(Type rootType, string path)
    {
        var type = rootType;
        foreach (var segment in Segments(path))
        {
            if (segment.Index)
            {
                type = ElementType(type);
            }
            else
            {
                var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .FirstOrDefault(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name) == segment.Name);
                if (property is null)
                {
                    return null;
                }

                type = property.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        return type;
    }

    /// <summary>The JSON value found at <paramref name="path"/> in <paramref name="root"/>, or null.</summary>
    public static JsonNode? At(JsonNode? root, string path)
    {
        var node = root;
        foreach (var segment in Segments(path))
        {
            node = segment.Index
                ? node is JsonArray array && segment.Position < array.Count ? array[segment.Position] : null
                : node is JsonObject obj && obj.TryGetPropertyValue(segment.Name, out var child) ? child : null;
        }

        return node;
    }

    /// <summary>Describes the JSON value found at <paramref name="path"/> in <paramref name="root"/>.</summary>
    public static string Actual(JsonNode? root, string path)
    {
        return At(root, path) switch
        {
            null => "null",
            JsonObject => "an object",
            JsonArray => "a list",
            JsonValue value => value.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => "a string",
                System.Text.Json.JsonValueKind.Number => "a number",
                System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "a boolean",
                _ => "a value",
            },
            _ => "a value",
        };
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(uint))
        {
            return "an integer";
        }

        if (type == typeof(bool))
        {
            return "a boolean";
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return "an RFC 3339 time string";
        }

        if (IsDictionary(type))
        {
            return "a map of strings";
        }

        if (ElementType(type) is { } element)
        {
            var inner = Describe(element);
            return inner switch
            {
                "a string" => "a list of strings",
                "an integer" => "a list of integers",
                _ => "a list of objects",
            };
        }

        return "an object";
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = OnlyAHint)]
    private static bool IsDictionary(Type type) =>
        type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = OnlyAHint)]
    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || IsDictionary(type) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        return type.IsArray
            ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static IEnumerable<(string Name, bool Index, int Position)> Segments(string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            yield return (bracket < 0 ? part : part[..bracket], false, 0);
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                if (close < 0)
                {
                    yield break;
                }

                _ = int.TryParse(part.AsSpan(bracket + 1, close - bracket - 1), out var position);
                yield return (string.Empty, true, position);
                bracket = part.IndexOf('[', close);
            }
        }
    }
}
