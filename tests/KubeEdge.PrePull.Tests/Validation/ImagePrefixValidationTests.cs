using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Tests.Validation;

// docs/design.md §2 "Validation": a prefix no normalized reference can start with is refused with its path.
public sealed class ImagePrefixValidationTests
{
    [Theory]
    [InlineData("harbor.example.com/")]
    [InlineData("harbor.example.com")]
    [InlineData("docker.io/library/")]
    [InlineData("docker.io/library/nginx:1.2")]
    [InlineData("docker.io/library/nginx:")]
    [InlineData("docker.io/team")]
    [InlineData("docker.io/")]
    [InlineData("registry.local:5000/")]
    [InlineData("localhost:")]
    [InlineData("localhost/")]
    [InlineData("harbor")] // a host name such as harbor.example.com starts with it
    [InlineData("docker.io/library/nginx@")]
    [InlineData("docker.io/library/nginx@sha256:4f")]
    public void Validate_PrefixSomeReferenceStartsWith_IsAccepted(string prefix)
    {
        Assert.Empty(ImagePrePullJobValidator.Validate(Job("v1alpha2", prefix)));
    }

    [Theory]
    [InlineData("index.docker.io/", "no normalized image reference (such as docker.io/library/nginx:1.27) starts with it")]
    [InlineData("nginx:1.27", "no normalized image reference (such as docker.io/library/nginx:1.27) starts with it")]
    [InlineData("library/", "no normalized image reference (such as docker.io/library/nginx:1.27) starts with it")]
    [InlineData("docker.io/library/NGINX", "no normalized image reference (such as docker.io/library/nginx:1.27) starts with it")]
    [InlineData("harbor.example.com//", "no normalized image reference (such as docker.io/library/nginx:1.27) starts with it")]
    [InlineData("https://harbor.example.com/", "no normalized image reference (such as docker.io/library/nginx:1.27) starts with it")]
    [InlineData("", "must not be empty")]
    public void Validate_PrefixNoReferenceStartsWith_IsRefusedWithItsPath(string prefix, string why)
    {
        foreach (var version in new[] { "v1alpha1", "v1alpha2" })
        {
            var problem = Assert.Single(ImagePrePullJobValidator.Validate(Job(version, prefix)));

            Assert.Equal("spec.imagePrePullOverriders[0].imagePrefixes[1]", problem.Path);
            Assert.Equal($"Invalid value: \"{prefix}\": {why}", problem.Message);
        }
    }

    private static ImagePrePullJob Job(string version, string prefix) => ImagePrePullJobSerializer.Deserialize($$"""
        apiVersion: operations.kubeedge.io/{{version}}
        kind: ImagePrePullJob
        metadata: { name: scoped }
        spec:
          imagePrePullTemplate:
            images: ["nginx:1.27"]
            nodeNames: [n1]
          imagePrePullOverriders:
          - nodeLabel: region=hz
            imagePrefixes: ["docker.io/", "{{prefix}}"]
            fallbackToOriginal: true
            overriders:
              imageOverriders: [{ component: Registry, operator: replace, value: mirror.example.com }]
        """);
}
