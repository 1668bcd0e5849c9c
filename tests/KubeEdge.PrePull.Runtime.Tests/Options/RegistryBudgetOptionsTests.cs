using KubeEdge.PrePull.Runtime.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.Tests.Options;

/// <summary>The registry budget options (docs/design.md §2 "Registry budget"): defaults, binding, and checks naming the key.</summary>
public sealed class RegistryBudgetOptionsTests
{
    [Fact]
    public void Defaults_NoCapAndTheBackoffFrom5sTo5min()
    {
        var options = new ImagePrePullOptions();

        Assert.Empty(options.RegistryConcurrency);
        Assert.Equal(0, options.DefaultRegistryConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RegistryBackoffInitialDelay);
        Assert.Equal(TimeSpan.FromMinutes(5), options.RegistryBackoffMaxDelay);
    }

    [Fact]
    public void Configuration_HostsAndPortsBind_AndTheBudgetUsesThem()
    {
        var options = ConfiguredController.Bind(
            ("ImagePrePull:RegistryConcurrency:harbor.example.com", "4"),
            ("ImagePrePull:RegistryConcurrency:127.0.0.1_5000", "2"),
            ("ImagePrePull:DefaultRegistryConcurrency", "8"),
            ("ImagePrePull:RegistryBackoffInitialDelay", "00:00:02"));

        Assert.Equal(4, options.RegistryConcurrency["harbor.example.com"]);
        var budget = options.CreateRegistryBudget(TimeProvider.System, null);
        Assert.Equal(4, budget.LimitOf("harbor.example.com"));
        Assert.Equal(2, budget.LimitOf("127.0.0.1:5000"));
        Assert.Equal(8, budget.LimitOf("docker.io"));
        Assert.Equal(TimeSpan.FromSeconds(2), options.RegistryBackoffInitialDelay);
    }

    [Theory]
    [InlineData("ImagePrePull:RegistryConcurrency:harbor.example.com", "-1", "RegistryConcurrency[\"harbor.example.com\"]: -1 is outside the allowed range 0 to 10000 (0 means no cap).")]
    [InlineData("ImagePrePull:RegistryConcurrency:harbor.example.com", "20000", "RegistryConcurrency[\"harbor.example.com\"]: 20000 is outside the allowed range 0 to 10000 (0 means no cap).")]
    [InlineData("ImagePrePull:RegistryConcurrency:harbor*", "1", "RegistryConcurrency[\"harbor*\"]: a registry host is a DNS name or an IPv4 address")]
    [InlineData("ImagePrePull:RegistryConcurrency:harbor_99999", "1", "RegistryConcurrency[\"harbor_99999\"]: the port must be a number from 1 to 65535.")]
    [InlineData("ImagePrePull:DefaultRegistryConcurrency", "-3", "DefaultRegistryConcurrency")]
    [InlineData("ImagePrePull:RegistryBackoffMaxDelay", "00:00:01", "RegistryBackoffMaxDelay (00:00:01) must not be shorter than RegistryBackoffInitialDelay (00:00:05).")]
    [InlineData("ImagePrePull:RegistryBackoffInitialDelay", "02:00:00", "RegistryBackoffInitialDelay")]
    public async Task Start_BadValue_FailsNamingTheKey(string key, string value, string expected)
    {
        using var host = ConfiguredController.Build((key, value));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameRegistryTwice_NamesBothKeys()
    {
        var options = new ImagePrePullOptions { LeaderElectionEnabled = false };
        options.RegistryConcurrency["docker.io"] = 1;
        options.RegistryConcurrency["index.docker.io"] = 2;

        var result = new ImagePrePullOptionsCrossValidator().Validate(null, options);

        Assert.Contains("names the registry docker.io again", result.FailureMessage, StringComparison.Ordinal);
    }
}
