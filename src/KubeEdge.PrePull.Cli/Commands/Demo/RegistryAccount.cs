using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>A private registry of the demo and the <c>default/</c> secret holding a robot account for it.</summary>
/// <param name="SecretName">The secret's name in the <c>default</c> namespace.</param>
/// <param name="Registry">The registry host.</param>
/// <param name="User">The robot account; its password is random per run and never printed.</param>
internal sealed record RegistryAccount(string SecretName, string Registry, string User)
{
    public string SecretRef => new SecretReference(DemoScenario.SecretNamespace, SecretName).ToString();
}
