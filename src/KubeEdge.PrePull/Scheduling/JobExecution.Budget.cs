namespace KubeEdge.PrePull.Scheduling;

// The host's registry budget, shared with every other job of the host (docs/design.md §2 "Registry budget").
internal sealed partial class JobExecution
{
    /// <summary>The budget every pull attempt goes through; <see langword="null"/>: no budget.</summary>
    public RegistryBudget? Budget { get; init; }
}
