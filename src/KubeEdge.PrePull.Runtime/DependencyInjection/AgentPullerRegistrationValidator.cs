using KubeEdge.PrePull.Runtime.Agents;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>Fails the agent's start-up unless exactly one node-local backend (CRI or Docker) was added on its builder.</summary>
internal sealed class AgentPullerRegistrationValidator(IEnumerable<PullerRegistration> registrations) : IValidateOptions<ImagePrePullAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, ImagePrePullAgentOptions options)
    {
        var backends = registrations.Select(r => r.Backend).ToList();
        return backends.Count switch
        {
            1 => ValidateOptionsResult.Success,
            0 => ValidateOptionsResult.Fail(
                "No pulling backend is registered for the agent: call AddCriPuller(socket) or AddDockerPuller(socket) on the builder that AddImagePrePullAgent() returns."),
            _ => ValidateOptionsResult.Fail(
                $"Exactly one pulling backend may be registered for the agent, but {backends.Count} are: {string.Join(", ", backends)}."),
        };
    }
}
