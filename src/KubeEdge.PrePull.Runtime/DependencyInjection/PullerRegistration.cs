namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>Records each backend the builder added, so start-up validation can insist on exactly one.</summary>
internal sealed record PullerRegistration(string Backend);
