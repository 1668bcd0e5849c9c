using KubeEdge.PrePull.Names;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Options;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>
/// Fails start-up unless the builder added a backend: at most one of PodApply, CRI and Docker, plus optionally the
/// edge agents (<c>AddEdgeAgents</c>, once, with a valid label key), and at least one of them.
/// </summary>
internal sealed class PullerRegistrationValidator(IEnumerable<PullerRegistration> registrations, IEnumerable<EdgeAgentRegistration> agents) : IValidateOptions<ImagePrePullOptions>
{
    public ValidateOptionsResult Validate(string? name, ImagePrePullOptions options)
    {
        var backends = registrations.Select(r => r.Backend).ToList();
        var labels = agents.Select(a => a.NodeLabel).Distinct(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        if (backends.Count > 1)
        {
            problems.Add($"At most one pulling backend besides AddEdgeAgents() may be registered, but {backends.Count} are: {string.Join(", ", backends)}.");
        }

        if (backends.Count == 0 && labels.Count == 0)
        {
            problems.Add("No pulling backend is registered: call AddPodApplyPuller(), AddCriPuller(socket), AddDockerPuller(socket) or AddEdgeAgents() on the builder that AddImagePrePull() returns.");
        }

        if (labels.Count > 1)
        {
            problems.Add($"AddEdgeAgents(nodeLabel) was called with {labels.Count} different labels ({string.Join(", ", labels)}); call it once.");
        }

        foreach (var label in labels)
        {
            var problem = string.IsNullOrWhiteSpace(label) ? "the node label key must not be empty" : KubernetesNames.CheckLabelKey(label);
            if (problem is not null)
            {
                problems.Add($"AddEdgeAgents(nodeLabel): {problem}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
