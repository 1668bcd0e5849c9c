using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.Tests.Options;

/// <summary>
/// A controller host whose <see cref="ImagePrePullOptions"/> come from configuration keys under <c>ImagePrePull</c>, as
/// a user's appsettings would give them; nothing is started, so no API server is needed.
/// </summary>
internal static class ConfiguredController
{
    /// <summary>The options the host binds from <paramref name="settings"/>.</summary>
    public static ImagePrePullOptions Bind(params (string Key, string Value)[] settings)
    {
        using var host = Build(settings);
        return host.Services.GetRequiredService<IOptions<ImagePrePullOptions>>().Value;
    }

    /// <summary>The host, built but not started.</summary>
    public static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddImagePrePull(o => o.LeaderElectionEnabled = false)
            .UseKubernetes(_ => new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }))
            .AddPodApplyPuller();
        builder.Services.Configure<ImagePrePullOptions>(builder.Configuration.GetSection("ImagePrePull"));
        return builder.Build();
    }
}
