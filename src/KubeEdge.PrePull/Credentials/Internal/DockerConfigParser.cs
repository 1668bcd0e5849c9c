using System.Text.Json;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Credentials.Internal;

/// <summary>
/// Reads a <c>kubernetes.io/dockerconfigjson</c> or <c>kubernetes.io/dockercfg</c> secret as the kubelet does
/// (field names case-insensitive as in Go, only <c>username</c>, <c>password</c>, <c>auth</c> used, <c>auth</c>
/// wins). A secret that does not parse yields no entries and one problem. Problem texts name fields and registry
/// keys, never values, and never pass on parser messages, which can quote the input.
/// </summary>
internal static class DockerConfigParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static ParsedSecret Parse(SecretSnapshot secret)
    {
        var reference = secret.Reference;
        var (dataKey, nested) = secret.Type switch
        {
            SecretTypes.DockerConfigJson => (SecretTypes.DockerConfigJsonKey, true),
            SecretTypes.DockerCfg => (SecretTypes.DockerCfgKey, false),
            _ => (null, false),
        };
        if (dataKey is null)
        {
            return Failed(reference, $"secret is of type '{secret.Type ?? string.Empty}', not {SecretTypes.DockerConfigJson} or {SecretTypes.DockerCfg}");
        }

        if (!secret.Data.TryGetValue(dataKey, out var bytes) || bytes is null || bytes.Length == 0)
        {
            return Failed(reference, $"secret has no '{dataKey}' data");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, Options);
            return Read(reference, dataKey, nested, document.RootElement);
        }
        catch (JsonException e)
        {
            // e.Message may quote the offending bytes: report only the position.
            return Failed(reference, $"'{dataKey}' is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // JsonDocument checks UTF-8 in strings only when they are read.
            return Failed(reference, $"'{dataKey}' is not valid UTF-8 JSON");
        }
    }

    private static ParsedSecret Read(string reference, string dataKey, bool nested, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Failed(reference, $"'{dataKey}' must be a JSON object");
        }

        var registries = root;
        if (nested)
        {
            registries = default;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name.Equals("auths", StringComparison.OrdinalIgnoreCase))
                {
                    registries = property.Value;
                }
            }

            if (registries.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                return new ParsedSecret(reference, [], []);
            }

            if (registries.ValueKind != JsonValueKind.Object)
            {
                return Failed(reference, $"'{dataKey}': field 'auths' must be an object");
            }
        }

        var entries = new List<KeyringEntry>();
        var problems = new List<SecretProblem>();
        foreach (var registry in registries.EnumerateObject())
        {
            // A key is shown in problems and in PullCredential.Registry; user info in it (https://user:pw@host) is not.
            var shownKey = RegistryKey.Redact(registry.Name);
            if (ReadEntry(registry.Value, out var username, out var password) is { } error)
            {
                return Failed(reference, $"'{dataKey}': registry '{shownKey}': {error}");
            }

            if (RegistryKey.TryCreate(registry.Name) is not { } key)
            {
                problems.Add(new SecretProblem(reference, $"'{dataKey}': registry key '{shownKey}' is not a valid URL; its credential is not used"));
                continue;
            }

            // Go decodes into a map: a repeated key keeps its last value.
            entries.RemoveAll(e => e.Credential.Registry == shownKey);
            entries.Add(new KeyringEntry(key, new PullCredential(reference, shownKey, username, password)));
        }

        return new ParsedSecret(reference, entries, problems);
    }

    private static string? ReadEntry(JsonElement entry, out string? username, out string? password)
    {
        username = null;
        password = null;
        if (entry.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (entry.ValueKind != JsonValueKind.Object)
        {
            return "must be an object";
        }

        string? auth = null;
        foreach (var field in entry.EnumerateObject())
        {
            var name = field.Name;
            var isUser = name.Equals("username", StringComparison.OrdinalIgnoreCase);
            var isPassword = name.Equals("password", StringComparison.OrdinalIgnoreCase);
            var isAuth = name.Equals("auth", StringComparison.OrdinalIgnoreCase);
            var isEmail = name.Equals("email", StringComparison.OrdinalIgnoreCase);
            if (!(isUser || isPassword || isAuth || isEmail))
            {
                continue;
            }

            if (field.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return $"field '{name.ToLowerInvariant()}' must be a string";
            }

            var value = field.Value.GetString();
            if (isUser)
            {
                username = value;
            }
            else if (isPassword)
            {
                password = value;
            }
            else if (isAuth)
            {
                auth = value;
            }
        }

        if (string.IsNullOrEmpty(auth))
        {
            return null;
        }

        return AuthField.TryDecode(auth, out username, out password) is { } authError ? $"field 'auth' {authError}" : null;
    }

    private static ParsedSecret Failed(string reference, string message) =>
        new(reference, [], [new SecretProblem(reference, message)]);
}
