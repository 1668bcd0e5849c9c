using KubeEdge.PrePull.Images;

namespace KubeEdge.PrePull.Tests.Images;

public sealed class ImageReferenceTests
{
    public static TheoryData<string> ValidInputs() => [.. ImageReferenceVectors.Valid.Select(c => c.GetProperty("input").GetString()!)];

    public static TheoryData<string> InvalidInputs() => [.. ImageReferenceVectors.Invalid.Select(c => c.GetProperty("input").GetString()!)];

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void Parse_VectorValidCase_MatchesEveryGivenField(string input)
    {
        var expected = ImageReferenceVectors.Find(ImageReferenceVectors.Valid, input);

        var reference = ImageReference.Parse(input);

        AssertIfGiven(expected, "normalized", reference.ToString());
        AssertIfGiven(expected, "dockerRef", reference.DockerReference);
        AssertIfGiven(expected, "domain", reference.Domain);
        AssertIfGiven(expected, "path", reference.Path);
        AssertIfGiven(expected, "familiar", reference.FamiliarName);
        Assert.Equal(reference.Domain + "/" + reference.Path, reference.Name);
    }

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void TryParse_VectorInvalidCase_FailsWithUpstreamText(string input)
    {
        var expected = ImageReferenceVectors.Find(ImageReferenceVectors.Invalid, input).GetProperty("error").GetString()!;

        var ok = ImageReference.TryParse(input, out var reference, out var error);

        Assert.False(ok);
        Assert.Null(reference);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => ImageReference.Parse(input));
        Assert.Equal(error, thrown.Message);
    }

    [Theory]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27", "1.27", null)]
    [InlineData("Foo/bar:V1", "Foo/bar:V1", "V1", null)]
    [InlineData("a_b.c/d", "a_b.c/d", null, null)]
    [InlineData("localhost/fooo:tag@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582", "localhost/fooo:tag@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582", "tag", "sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582")]
    [InlineData("[fc00::1]:5000/docker/docker:v2", "[fc00::1]:5000/docker/docker:v2", "v2", null)]
    [InlineData("index.docker.io/nginx", "docker.io/library/nginx", null, null)]
    public void Parse_ValidReference_SplitsTagAndDigest(string input, string normalized, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(input);

        Assert.Equal(normalized, reference.ToString());
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
    }

    [Fact]
    public void Parse_FirstSegmentNoHostButPathComponent_HasEmptyDomainLikeUpstream()
    {
        var reference = ImageReference.Parse("a_b.c/d");

        Assert.Equal(string.Empty, reference.Domain);
        Assert.Equal("a_b.c/d", reference.Path);
        Assert.Equal("a_b.c/d", reference.Name);
    }

    [Theory]
    [InlineData("nginx:", "invalid reference format")]
    [InlineData("nginx@sha256:abc", "invalid reference format")]
    [InlineData("nginx@sha256:E6693C20186F837FC393390135D8A598A96A833917917789D63766CAB6C59582", "invalid checksum digest format")]
    [InlineData("nginx@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c5958", "invalid checksum digest length")]
    [InlineData("nginx@md5:e6693c20186f837fc393390135d8a598", "unsupported digest algorithm")]
    [InlineData("FOO_X/bar", "invalid reference format: repository name must be lowercase")]
    [InlineData("localhost:5000/Nginx", "invalid reference format: repository name must be lowercase")]
    [InlineData("example.com:port/nginx", "invalid reference format")]
    [InlineData("example-.com/nginx", "invalid reference format")]
    [InlineData("[fe80::1%eth0]:5000/debian", "invalid reference format")]
    [InlineData("docker.io/", "invalid reference format")]
    public void TryParse_InvalidReference_ReportsUpstreamError(string input, string expected)
    {
        Assert.False(ImageReference.TryParse(input, out _, out var error));
        Assert.Equal(expected, error);
    }

    // Further cases of upstream's TestValidateReferenceName / TestValidateRemoteName / TestParseRepositoryInfo.
    [Theory]
    [InlineData("-docker/docker")]
    [InlineData("-docker.io/docker/docker")]
    [InlineData("[fc00::1]")]
    [InlineData("[2001:db8:3:4::192.0.2.33]:5000/debian")]
    [InlineData("_docker/_docker")]
    [InlineData("dock_.er/docker")]
    [InlineData("dock-.er/docker")]
    [InlineData(" nginx")]
    [InlineData("nginx:1.0\u00fc")]
    public void TryParse_UpstreamInvalidName_IsRejected(string input)
    {
        Assert.False(ImageReference.TryParse(input, out _, out var error));
        Assert.StartsWith("invalid reference format", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("d/docker", "docker.io/d/docker")]
    [InlineData("jess/t", "docker.io/jess/t")]
    [InlineData("ubuntu-12.04-base", "docker.io/library/ubuntu-12.04-base")]
    [InlineData("xn--n3h.com:18080/foo", "xn--n3h.com:18080/foo")]
    [InlineData("example.com:8000/privatebasee", "example.com:8000/privatebasee")]
    [InlineData("dbcc1", "docker.io/library/dbcc1")]
    [InlineData("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1bz", "docker.io/library/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1bz")]
    public void Parse_UpstreamValidName_Normalizes(string input, string normalized)
    {
        Assert.Equal(normalized, ImageReference.Parse(input).ToString());
    }

    [Fact]
    public void TryParse_TagOf128Characters_IsValidAnd129IsNot()
    {
        Assert.True(ImageReference.TryParse("nginx:" + new string('a', 128), out _, out _));
        Assert.False(ImageReference.TryParse("nginx:" + new string('a', 129), out _, out _));
    }

    [Fact]
    public void TryParse_PathLongerThan255_ReportsTooLong()
    {
        var path = string.Join('/', Enumerable.Repeat("abcdefghij", 24)); // 263 characters

        Assert.False(ImageReference.TryParse("example.com/" + path, out _, out var error));
        Assert.Equal("repository name must not be more than 255 characters", error);
        Assert.True(ImageReference.TryParse("example.com/" + path[..255].TrimEnd('/'), out _, out _));
    }

    [Fact]
    public void TryParse_HexIdentifierAfterHost_IsValid()
    {
        var hex = new string('a', 64);

        Assert.True(ImageReference.TryParse("docker.io/" + hex, out var reference, out _));
        Assert.Equal("docker.io/library/" + hex, reference.ToString());
    }

    [Fact]
    public void TryParse_Null_FailsLikeEmpty()
    {
        Assert.False(ImageReference.TryParse(null, out _, out var error));
        Assert.Equal("repository name must have at least one component", error);
    }

    [Fact]
    public void Equals_SameNormalizedForm_AreEqual()
    {
        var a = ImageReference.Parse("nginx");
        var b = ImageReference.Parse("index.docker.io/library/nginx");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ImageReference.Parse("nginx:latest"));
    }

    [Fact]
    public void Parse_AlreadyNormalizedInput_ReusesTheInputString()
    {
        const string Input = "registry.example.com/team/app:v1";

        Assert.Same(Input, ImageReference.Parse(Input).ToString());
    }

    private static void AssertIfGiven(System.Text.Json.JsonElement expected, string property, string actual)
    {
        if (ImageReferenceVectors.Optional(expected, property) is { } value)
        {
            Assert.Equal(value, actual);
        }
    }
}
