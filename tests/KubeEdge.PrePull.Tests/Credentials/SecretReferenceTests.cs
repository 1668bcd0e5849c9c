using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Tests.Credentials;

public sealed class SecretReferenceTests
{
    [Theory]
    [InlineData("default/harbor", "default", "harbor")]
    [InlineData("edge/hangzhou-secret", "edge", "hangzhou-secret")]
    [InlineData("harbor", "default", "harbor")]
    [InlineData("kube-system/a.b.c", "kube-system", "a.b.c")]
    [InlineData("Not Checked/Here", "Not Checked", "Here")] // the shape only; names are the validator's job
    public void Parse_Reference_SplitsAndDefaultsTheNamespace(string value, string ns, string name)
    {
        var reference = SecretReference.Parse(value);

        Assert.Equal(ns, reference.Namespace);
        Assert.Equal(name, reference.Name);
        Assert.Equal(new SecretReference(ns, name), reference);
    }

    [Theory]
    [InlineData("default/harbor", "default/harbor")]
    [InlineData("harbor", "default/harbor")]
    [InlineData("team/harbor", "team/harbor")]
    public void ToString_Parsed_IsNamespaceSlashName(string value, string expected)
    {
        Assert.Equal(expected, SecretReference.Parse(value).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/harbor")]
    [InlineData("default/")]
    [InlineData("a/b/c")]
    [InlineData("default//harbor")]
    public void TryParse_NotAReference_False(string? value)
    {
        Assert.False(SecretReference.TryParse(value, out var reference));
        Assert.Null(reference);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/harbor")]
    [InlineData("a/b/c")]
    public void Parse_NotAReference_FormatExceptionQuotingTheValue(string value)
    {
        var error = Assert.Throws<FormatException>(() => SecretReference.Parse(value));

        Assert.Equal($"\"{value}\" is not a secret reference (\"name\" or \"namespace/name\")", error.Message);
    }

    [Fact]
    public void Parse_Null_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => SecretReference.Parse(null!));
    }

    [Theory]
    [InlineData("", "harbor", "namespace")]
    [InlineData("default", "", "name")]
    [InlineData("a/b", "harbor", "namespace")]
    [InlineData("default", "a/b", "name")]
    public void Constructor_EmptyOrSlash_ArgumentExceptionNamingTheParameter(string ns, string name, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => new SecretReference(ns, name));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Constructor_Null_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new SecretReference(null!, "harbor"));
        Assert.Throws<ArgumentNullException>(() => new SecretReference("default", null!));
    }

    [Fact]
    public void Equality_SameParts_EqualAndSameHash()
    {
        var a = SecretReference.Parse("harbor");
        var b = new SecretReference(SecretReference.DefaultNamespace, "harbor");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, SecretReference.Parse("team/harbor"));
        Assert.NotEqual(a, SecretReference.Parse("default/Harbor"));
    }

    [Fact]
    public void DefaultNamespace_IsDefault()
    {
        Assert.Equal("default", SecretReference.DefaultNamespace);
    }
}
