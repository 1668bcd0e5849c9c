using System.Text;
using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Tests.Credentials;

/// <summary>Builds secret snapshots for tests.</summary>
internal static class TestSecrets
{
    public static SecretSnapshot DockerConfigJson(string reference, string json) =>
        Create(reference, "kubernetes.io/dockerconfigjson", ".dockerconfigjson", json);

    public static SecretSnapshot DockerCfg(string reference, string json) =>
        Create(reference, "kubernetes.io/dockercfg", ".dockercfg", json);

    public static SecretSnapshot Create(string reference, string? type, string key, string data)
    {
        var parts = reference.Split('/');
        return new SecretSnapshot(parts[0], parts[1], type, new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(data) });
    }

    /// <summary>A <c>.dockerconfigjson</c> whose registries map to a user name; the password is <c>pw-</c> + user.</summary>
    public static string Auths(IEnumerable<KeyValuePair<string, string>> registries) =>
        "{\"auths\":{" + string.Join(',', registries.Select(r => $"\"{r.Key}\":{{\"username\":\"{r.Value}\",\"password\":\"pw-{r.Value}\"}}")) + "}}";

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
