using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Tests.Credentials;

public sealed class CredentialResolverTests
{
    [Fact]
    public void Resolve_AuthAndUsernamePassword_AuthWins()
    {
        var json = """{"auths":{"harbor.example.com":{"username":"plain","password":"plain-pw","auth":""" + Quoted(TestSecrets.Base64("robot:token:with:colons")) + "}}}";
        var resolver = CredentialResolver.Create([TestSecrets.DockerConfigJson("default/harbor", json)]);

        var credential = Assert.Single(resolver.Resolve("harbor.example.com/team/app:v1", ["default/harbor"]).Credentials);

        Assert.Equal("robot", credential.Username);
        Assert.Equal("token:with:colons", credential.Password);
        Assert.Equal("harbor.example.com", credential.Registry);
        Assert.Equal("default/harbor", credential.Secret);
    }

    [Theory]
    [InlineData("dXNlcjpwYXNz")] // user:pass, length 12: no padding either way
    [InlineData("dXNlcjpwYXNzMQ==")] // user:pass1, padded
    [InlineData("dXNlcjpwYXNzMQ")] // user:pass1, unpadded
    [InlineData("dXNlcjpwYXNzMTI=")] // user:pass12, padded
    [InlineData("dXNlcjpwYXNzMTI")] // user:pass12, unpadded
    public void Resolve_PaddedOrUnpaddedAuth_Decodes(string auth)
    {
        var json = """{"auths":{"reg.example.com":{"auth":""" + Quoted(auth) + "}}}";
        var resolver = CredentialResolver.Create([TestSecrets.DockerConfigJson("ns/s", json)]);

        var credential = Assert.Single(resolver.Resolve("reg.example.com/a", ["ns/s"]).Credentials);

        Assert.Equal("user", credential.Username);
        Assert.StartsWith("pass", credential.Password, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_LegacyDockercfgWithHubKey_CoversDockerHubImages()
    {
        var json = """{"https://index.docker.io/v1/":{"email":"a@b.c","auth":""" + Quoted(TestSecrets.Base64("hub:pw")) + "}}";
        var resolver = CredentialResolver.Create([TestSecrets.DockerCfg("ns/legacy", json)]);

        Assert.Equal("hub", Assert.Single(resolver.Resolve("nginx:1.27", ["ns/legacy"]).Credentials).Username);
        Assert.Equal("hub", Assert.Single(resolver.Resolve("index.docker.io/team/app", ["ns/legacy"]).Credentials).Username);
        Assert.Empty(resolver.Resolve("quay.io/team/app", ["ns/legacy"]).Credentials);
    }

    [Fact]
    public void Resolve_FieldNamesInAnyCase_AreReadLikeGo()
    {
        const string Json = """{"Auths":{"reg.example.com":{"Username":"u","PASSWORD":"p"}}}""";
        var resolver = CredentialResolver.Create([TestSecrets.DockerConfigJson("ns/s", Json)]);

        var credential = Assert.Single(resolver.Resolve("reg.example.com/a", ["ns/s"]).Credentials);

        Assert.Equal(("u", "p"), (credential.Username, credential.Password));
    }

    [Fact]
    public void Resolve_SeveralSecretsAndKeys_MostSpecificKeyFirstThenSecretOrder()
    {
        var first = TestSecrets.DockerConfigJson("ns/first", TestSecrets.Auths([KeyValuePair.Create("reg.example.com", "a"), KeyValuePair.Create("*.example.com", "glob")]));
        var second = TestSecrets.DockerConfigJson("ns/second", TestSecrets.Auths([KeyValuePair.Create("reg.example.com/team", "team"), KeyValuePair.Create("https://reg.example.com/v2/", "b")]));
        var resolver = CredentialResolver.Create([first, second]);

        var resolution = resolver.Resolve("reg.example.com/team/app:v1", ["ns/first", "ns/second"]);

        Assert.Equal(["team", "a", "b", "glob"], resolution.Credentials.Select(c => c.Username));
        Assert.Equal(["ns/second", "ns/first", "ns/second", "ns/first"], resolution.Credentials.Select(c => c.Secret));
    }

    [Fact]
    public void Resolve_SameKeyInTwoSecrets_FollowsTheOrderOfTheRefs()
    {
        var a = TestSecrets.DockerConfigJson("ns/a", TestSecrets.Auths([KeyValuePair.Create("reg.example.com", "a")]));
        var b = TestSecrets.DockerConfigJson("ns/b", TestSecrets.Auths([KeyValuePair.Create("reg.example.com", "b")]));
        var resolver = CredentialResolver.Create([a, b]);

        Assert.Equal(["b", "a"], resolver.Resolve("reg.example.com/x", ["ns/b", "ns/a", "ns/b"]).Credentials.Select(c => c.Username));
    }

    [Fact]
    public void Resolve_NoMatchingKey_IsAnonymousWithoutHubFallbackForOtherRegistries()
    {
        var resolver = CredentialResolver.Create([TestSecrets.DockerConfigJson("ns/s", TestSecrets.Auths([KeyValuePair.Create("docker.io", "hub")]))]);

        Assert.Equal("hub", Assert.Single(resolver.Resolve("busybox", ["ns/s"]).Credentials).Username);
        Assert.Empty(resolver.Resolve("registry.example.com:5000/busybox", ["ns/s"]).Credentials);
        Assert.Empty(resolver.Resolve("not a reference", ["ns/s"]).Credentials);
    }

    [Fact]
    public void Resolve_BrokenSecrets_SkippedAndEachReportedByName()
    {
        var good = TestSecrets.DockerConfigJson("ns/good", TestSecrets.Auths([KeyValuePair.Create("reg.example.com", "good")]));
        var secrets = new[]
        {
            good,
            TestSecrets.Create("ns/opaque", "Opaque", ".dockerconfigjson", "{}"),
            TestSecrets.Create("ns/nodata", "kubernetes.io/dockerconfigjson", "other", "{}"),
            TestSecrets.DockerConfigJson("ns/json", "{\"auths\":{"),
            TestSecrets.DockerConfigJson("ns/base64", """{"auths":{"reg.example.com":{"auth":"!!!"}}}"""),
            TestSecrets.DockerConfigJson("ns/nocolon", """{"auths":{"reg.example.com":{"auth":""" + Quoted(TestSecrets.Base64("nocolon")) + "}}}"),
            TestSecrets.DockerConfigJson("ns/number", """{"auths":{"reg.example.com":{"username":5}}}"""),
            TestSecrets.DockerConfigJson("ns/auths", """{"auths":[]}"""),
        };
        var resolver = CredentialResolver.Create(secrets);
        string[] refs = ["ns/missing", "ns/opaque", "ns/nodata", "ns/json", "ns/base64", "ns/nocolon", "ns/number", "ns/auths", "ns/good", "bad-ref"];

        var resolution = resolver.Resolve("reg.example.com/app", refs);

        Assert.Equal("good", Assert.Single(resolution.Credentials).Username);
        Assert.Equal(
            [
                "secret ns/missing: secret not found",
                "secret ns/opaque: secret is of type 'Opaque', not kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg",
                "secret ns/nodata: secret has no '.dockerconfigjson' data",
                "secret ns/json: '.dockerconfigjson' is not valid JSON (line 1, byte 11)",
                "secret ns/base64: '.dockerconfigjson': registry 'reg.example.com': field 'auth' is not valid base64",
                "secret ns/nocolon: '.dockerconfigjson': registry 'reg.example.com': field 'auth' must be formatted as base64(username:password)",
                "secret ns/number: '.dockerconfigjson': registry 'reg.example.com': field 'username' must be a string",
                "secret ns/auths: '.dockerconfigjson': field 'auths' must be an object",
                "secret bad-ref: not a namespace/name secret reference",
            ],
            resolution.Problems.Select(p => p.ToString()));
        Assert.Equal(resolution.Problems, resolver.GetProblems(refs));
    }

    [Fact]
    public void Resolve_InvalidRegistryKey_SkipsOnlyThatKey()
    {
        var json = TestSecrets.Auths([KeyValuePair.Create("reg.example.com:port", "bad"), KeyValuePair.Create("reg.example.com", "ok")]);
        var resolver = CredentialResolver.Create([TestSecrets.DockerConfigJson("ns/s", json)]);

        var resolution = resolver.Resolve("reg.example.com/app", ["ns/s"]);

        Assert.Equal("ok", Assert.Single(resolution.Credentials).Username);
        Assert.Equal("'.dockerconfigjson': registry key 'reg.example.com:port' is not a valid URL; its credential is not used", Assert.Single(resolution.Problems).Message);
    }

    [Fact]
    public void Resolve_ParsedOnce_ReturnsTheSameCredentialObjects()
    {
        var resolver = CredentialResolver.Create([TestSecrets.DockerConfigJson("ns/s", TestSecrets.Auths([KeyValuePair.Create("reg.example.com", "u")]))]);

        var first = resolver.Resolve("reg.example.com/a", ["ns/s"]).Credentials[0];
        var second = resolver.Resolve("reg.example.com/b:v2", ["ns/s"]).Credentials[0];

        Assert.Same(first, second);
    }

    private static string Quoted(string value) => "\"" + value + "\"";
}
