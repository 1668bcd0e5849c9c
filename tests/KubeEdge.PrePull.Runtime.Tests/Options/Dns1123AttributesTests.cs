using KubeEdge.PrePull.Runtime.Options;

namespace KubeEdge.PrePull.Runtime.Tests.Options;

/// <summary>The options' name attributes check with the core's rules; null and empty are left to <c>[Required]</c>.</summary>
public sealed class Dns1123AttributesTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("kubeedge-prepull", true)]
    [InlineData("a", true)]
    [InlineData("Not_A_Namespace", false)]
    [InlineData("a.b", false)]
    [InlineData("-a", false)]
    [InlineData("ns\n", false)]
    [InlineData(42, false)]
    public void Dns1123Label_Values(object? value, bool valid)
    {
        Assert.Equal(valid, new Dns1123LabelAttribute().IsValid(value));
    }

    [Fact]
    public void Dns1123Label_Length_AtMost63()
    {
        Assert.True(new Dns1123LabelAttribute().IsValid(new string('a', 63)));
        Assert.False(new Dns1123LabelAttribute().IsValid(new string('a', 64)));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("edge-node-1", true)]
    [InlineData("edge.example.com", true)]
    [InlineData("Edge_Node", false)]
    [InlineData("node.", false)]
    [InlineData("node\n", false)]
    [InlineData(42, false)]
    public void Dns1123Subdomain_Values(object? value, bool valid)
    {
        Assert.Equal(valid, new Dns1123SubdomainAttribute().IsValid(value));
    }

    [Fact]
    public void Dns1123Subdomain_Length_AtMost253()
    {
        Assert.True(new Dns1123SubdomainAttribute().IsValid(new string('a', 253)));
        Assert.False(new Dns1123SubdomainAttribute().IsValid(new string('a', 254)));
    }
}
