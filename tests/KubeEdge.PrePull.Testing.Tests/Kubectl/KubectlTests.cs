using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests.Kubectl;

/// <summary>
/// A fresh embedded server and the real kubectl pointed at it, with its own kubeconfig and discovery cache in a temp
/// folder that goes with the test.
/// </summary>
public abstract class KubectlTests() : ApiServerTests(new ApiServerFixture())
{
    private protected readonly string _dir = Directory.CreateTempSubdirectory("kubectl-tests").FullName;

    private protected KubectlProcess _kubectl = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        _server.WriteKubeconfig(kubeconfig);
        _kubectl = new KubectlProcess(Daemons.Require("kubectl", "kubectl"), kubeconfig, Path.Combine(_dir, "cache"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
