using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.Runtime.Pulling.Docker;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>The runtime the simulated kubelets pull through for real, as given by <c>--cri</c> or <c>--docker</c>.</summary>
/// <param name="Kind">CRI or Docker.</param>
/// <param name="Socket">The runtime's Unix socket.</param>
internal sealed record RealRuntime(RuntimeKind Kind, string Socket)
{
    /// <summary>The option that named it, for error messages.</summary>
    public string Option => Kind == RuntimeKind.Cri ? "--cri" : "--docker";

    /// <summary>
    /// The puller of the runtime, after asking the runtime for its version: an unreachable socket is found here, before
    /// any registry or server starts, rather than as a failure on every node.
    /// </summary>
    /// <returns>The puller (dispose it) and the runtime's name and version.</returns>
    /// <exception cref="CliException">The socket is missing or does not answer as such a runtime; the message names it.</exception>
    public async Task<(IImagePuller Puller, string Version)> ConnectAsync(CancellationToken cancellationToken)
    {
        if (Kind == RuntimeKind.Cri)
        {
            var cri = new CriImagePuller(new CriImagePullerOptions { SocketPath = Socket });
            try
            {
                var version = await cri.ProbeAsync(cancellationToken).ConfigureAwait(false);
                return (cri, $"{version.RuntimeName} {version.RuntimeVersion} (CRI {version.RuntimeApiVersion})");
            }
            catch (RuntimeUnavailableException e)
            {
                cri.Dispose();
                throw new CliException($"{Option}: {e.Message}", e);
            }
        }

        var docker = new DockerImagePuller(new DockerImagePullerOptions { SocketPath = Socket });
        try
        {
            var api = await docker.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return (docker, $"Docker Engine (API {api})");
        }
        catch (RuntimeUnavailableException e)
        {
            docker.Dispose();
            throw new CliException($"{Option}: {e.Message}", e);
        }
    }
}
