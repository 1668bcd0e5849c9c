using System.Text.Json;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Credentials.Internal;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Tests.Credentials;

/// <summary>Every case of <c>vectors/keyring.json</c>.</summary>
public sealed class KeyringVectorTests
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Vector("keyring.json"))).RootElement);

    public static TheoryData<string, string, bool> UrlMatchCases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var c in Root.Value.GetProperty("urlMatch").EnumerateArray())
        {
            data.Add(c[0].GetString()!, c[1].GetString()!, c[2].GetBoolean());
        }

        return data;
    }

    public static TheoryData<int, string, string[]> LookupCases()
    {
        var data = new TheoryData<int, string, string[]>();
        var index = 0;
        foreach (var lookup in Root.Value.GetProperty("lookups").EnumerateArray())
        {
            foreach (var c in lookup.GetProperty("cases").EnumerateArray())
            {
                data.Add(index, c[0].GetString()!, [.. c[1].EnumerateArray().Select(u => u.GetString()!)]);
            }

            index++;
        }

        return data;
    }

    public static TheoryData<string, bool> DefaultRegistryCases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var expected in new[] { true, false })
        {
            foreach (var image in Root.Value.GetProperty("isDefaultRegistryMatch").GetProperty(expected ? "true" : "false").EnumerateArray())
            {
                data.Add(image.GetString()!, expected);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UrlMatchCases))]
    public void Matches_VectorGlobAndTarget_AgreesWithKubelet(string glob, string target, bool expected)
    {
        var key = RegistryKey.TryCreate(glob);

        Assert.NotNull(key);
        Assert.Equal(expected, key.Matches(new LookupTarget(target)));
    }

    [Theory]
    [MemberData(nameof(LookupCases))]
    public void ResolveName_VectorLookup_ReturnsUsersMostSpecificFirst(int configIndex, string repository, string[] expectedUsers)
    {
        var config = Root.Value.GetProperty("lookups")[configIndex].GetProperty("config").EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!));
        var resolver = CredentialResolver.Create([TestSecrets.DockerConfigJson("default/regcred", TestSecrets.Auths(config))]);

        var resolution = resolver.ResolveName(repository, ["default/regcred"]);

        Assert.Equal(expectedUsers, resolution.Credentials.Select(c => c.Username));
        Assert.All(resolution.Credentials, c => Assert.Equal("pw-" + c.Username, c.Password));
        Assert.All(resolution.Credentials, c => Assert.Equal("default/regcred", c.Secret));
        Assert.Empty(resolution.Problems);
    }

    [Theory]
    [MemberData(nameof(DefaultRegistryCases))]
    public void IsDefaultRegistryMatch_VectorImage_AgreesWithKubelet(string image, bool expected)
    {
        Assert.Equal(expected, DockerHub.IsDefaultRegistryMatch(image));
    }
}
