using System.Text;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Credentials.Internal;

namespace KubeEdge.PrePull.Tests.Credentials;

/// <summary>Secret data must never reach a problem, an exception message or a ToString(), even from broken input.</summary>
public sealed class SecretLeakTests
{
    private const string Password = "Pa55-s3cret-VALUE";
    private const string Marker = "s3cret";

    private static readonly string AuthOfPassword = TestSecrets.Base64("robot:" + Password);

    public static TheoryData<string, string?, string, string> Inputs() => new()
    {
        { "valid with password", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", P("""{"auths":{"reg.io":{"username":"u","password":"%PW%"}}}""") },
        { "valid with auth", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", "{\"auths\":{\"reg.io\":{\"auth\":\"" + AuthOfPassword + "\"}}}" },
        { "truncated after password", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", P("""{"auths":{"reg.io":{"password":"%PW%" """) },
        { "unquoted password", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", P("""{"auths":{"reg.io":{"password":%PW%}}}""") },
        { "password after garbage", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", P("""{"auths":{"reg.io":{"password":"%PW%",,}}}""") },
        { "auth not base64", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", P("""{"auths":{"reg.io":{"auth":"%PW%!"}}}""") },
        { "auth without colon", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", "{\"auths\":{\"reg.io\":{\"auth\":\"" + TestSecrets.Base64(Password) + "\"}}}" },
        { "password not a string", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", P("""{"auths":{"reg.io":{"password":["%PW%"]}}}""") },
        { "root is the secret", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", $"\"{Password}\"" },
        { "auths is the secret", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", P("""{"auths":"%PW%"}""") },
        { "user info in key", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", P("""{"auths":{"https://robot:%PW%@reg.io":{"auth":"x"}}}""") },
        { "user info in valid key", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", P("""{"auths":{"https://robot:%PW%@reg.io":{"username":"u"}}}""") },
        { "legacy entry is the secret", "kubernetes.io/dockercfg", ".dockercfg", P("""{"reg.io":"%PW%"}""") },
        { "other type", "Opaque", ".dockerconfigjson", P("""{"auths":{"reg.io":{"password":"%PW%"}}}""") },
        { "wrong data key", "kubernetes.io/dockerconfigjson", "password", Password },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Resolve_InputContainingSecret_NoMessageOrToStringShowsIt(string scenario, string? type, string key, string data)
    {
        var snapshot = TestSecrets.Create("ns/regcred", type, key, data);
        var texts = new List<string> { snapshot.ToString() };

        var exception = Record.Exception(() =>
        {
            var parsed = DockerConfigParser.Parse(snapshot);
            texts.Add(parsed.ToString());
            texts.AddRange(parsed.Entries.Select(e => e.ToString()));
            var resolver = CredentialResolver.Create([snapshot]);
            var resolution = resolver.Resolve("reg.io/team/app:v1", ["ns/regcred"]);
            texts.Add(resolution.ToString());
            texts.AddRange(resolution.Credentials.Select(c => c.ToString()));
            texts.AddRange(resolution.Credentials.Select(c => c.Registry));
            texts.AddRange(resolution.Problems.Select(p => p.ToString()));
            texts.AddRange(resolver.GetProblems(["ns/regcred"]).Select(p => p.Message));
        });

        Assert.Null(exception);
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain(Marker, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(AuthOfPassword, text, StringComparison.Ordinal);
        });
        Assert.True(texts.Count > 3, scenario);
    }

    private static string P(string template) => template.Replace("%PW%", Password, StringComparison.Ordinal);

    [Fact]
    public void Resolve_InvalidUtf8AroundSecret_ReportsWithoutData()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"auths\":{\"reg.io\":{\"password\":\"" + Password).Concat(new byte[] { 0xff, 0xfe, (byte)'"', (byte)'}', (byte)'}', (byte)'}' }).ToArray();
        var snapshot = new SecretSnapshot("ns", "bin", "kubernetes.io/dockerconfigjson", new Dictionary<string, byte[]> { [".dockerconfigjson"] = bytes });

        var problem = Assert.Single(CredentialResolver.Create([snapshot]).GetProblems(["ns/bin"]));

        Assert.DoesNotContain(Marker, problem.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("'.dockerconfigjson' is not valid", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_KeyWithUserInfo_HidesIt()
    {
        Assert.Equal("https://***@reg.io/v1/", RegistryKey.Redact("https://robot:" + Password + "@reg.io/v1/"));
        Assert.Equal("reg.io/team@x", RegistryKey.Redact("reg.io/team@x"));
    }
}
