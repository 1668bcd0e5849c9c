using KubeEdge.PrePull.Runtime.Options;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>Fails start-up unless exactly one pulling backend was added on the builder.</summary>
internal sealed class PullerRegistrationValidator(IEnumerable<PullerRegistration> registrations) : IValidateOptions<ImagePrePullOptions>
{
    public ValidateOptionsResult Validate(string? name, ImagePrePullOptions options)
    {
        var backends = registrations.Select(r => r.Backend).ToList();
        return backends.Count switch
        {
            1 => ValidateOptionsResult.Success,
            0 => ValidateOptionsResult.Fail(
                "No pulling backend is registered: call AddPodApplyPuller(), AddCriPuller(socket) or AddDockerPuller(socket) on the builder that AddImagePrePull() returns."),
            _ => ValidateOptionsResult.Fail(
                $"Exactly one pulling backend may be registered, but {backends.Count} are: {string.Join(", ", backends)}."),
        };
    }
}
