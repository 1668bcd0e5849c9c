using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.Tests.Options;

/// <summary>
/// <c>SecretNamespaces</c> (docs/design.md §2, "Secret grants"): its default, binding from configuration, and the
/// check of every entry with the core's namespace rule, naming the entry.
/// </summary>
public sealed class SecretNamespacesTests
{
    [Fact]
    public void Default_IsPodNamespaceAndDefault()
    {
        Assert.Empty(new ImagePrePullOptions().SecretNamespaces);
        Assert.Equal(["default", "kubeedge-prepull"], new ImagePrePullOptions().SecretGrant().Namespaces);
        Assert.Equal(["default", "team-pods"], new ImagePrePullOptions { PodNamespace = "team-pods" }.SecretGrant().Namespaces);
        Assert.Equal(["default", "kubeedge-prepull"], new ImagePrePullAgentOptions().SecretGrant().Namespaces);
    }

    [Fact]
    public void Configuration_List_BindsAndReplacesTheDefault()
    {
        var options = ConfiguredController.Bind(("ImagePrePull:SecretNamespaces:0", "team-a"), ("ImagePrePull:SecretNamespaces:1", "team-b"));

        Assert.Equal(["team-a", "team-b"], options.SecretNamespaces);
        Assert.Equal(["team-a", "team-b"], options.SecretGrant().Namespaces);
    }

    [Fact]
    public async Task Start_BadNamespace_FailsNamingTheEntry()
    {
        using var host = ConfiguredController.Build(("ImagePrePull:SecretNamespaces:0", "team-a"), ("ImagePrePull:SecretNamespaces:1", "Kube_System"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("SecretNamespaces[1] \"Kube_System\" must be a namespace name (a DNS-1123 label)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok", null)]
    [InlineData("", "SecretNamespaces[0] \"\" must be a namespace name")]
    [InlineData("a.b", "SecretNamespaces[0] \"a.b\" must be a namespace name")]
    public void AgentValidator_Entries_CheckedLikeTheController(string ns, string? expected)
    {
        var options = new ImagePrePullAgentOptions { NodeName = "edge-1" };
        options.SecretNamespaces.Add(ns);

        var result = new ImagePrePullAgentOptionsValidator().Validate(null, options);

        if (expected is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
