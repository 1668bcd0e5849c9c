using KubeEdge.PrePull.Credentials.Internal;

namespace KubeEdge.PrePull.Tests.Credentials;

public sealed class HostGlobTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("reg?", "reg1", true)]
    [InlineData("reg?", "reg", false)]
    [InlineData("reg[0-9]", "reg7", true)]
    [InlineData("reg[0-9]", "regx", false)]
    [InlineData("reg[^0-9]", "regx", true)]
    [InlineData("reg[^0-9]", "reg7", false)]
    [InlineData("reg[ab]", "regb", true)]
    [InlineData(@"a\*", "a*", true)]
    [InlineData(@"a\*", "ab", false)]
    [InlineData("reg[", "reg[", false)]
    [InlineData("reg[]", "reg]", false)]
    [InlineData("Reg", "reg", false)]
    public void IsMatch_Pattern_FollowsGoFilepathMatch(string pattern, string label, bool expected)
    {
        Assert.Equal(expected, HostGlob.IsMatch(pattern, label));
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/", "index.docker.io")]
    [InlineData("http://reg.example.com:5000/v2/", "reg.example.com:5000")]
    [InlineData("quay.io/v1/team", "quay.io/team")]
    [InlineData("reg.example.com/team/", "reg.example.com/team/")]
    [InlineData("reg.example.com/", "reg.example.com")]
    [InlineData("[fc00::1]:5000", "[fc00::1]:5000")]
    public void TryCreate_ConfigKey_BecomesKubeletIndexKey(string key, string index)
    {
        Assert.Equal(index, RegistryKey.TryCreate(key)?.Index);
    }

    [Theory]
    [InlineData("reg.example.com:port")]
    [InlineData("reg example.com")]
    [InlineData("[fc00::1")]
    public void TryCreate_InvalidUrl_ReturnsNull(string key)
    {
        Assert.Null(RegistryKey.TryCreate(key));
    }
}
