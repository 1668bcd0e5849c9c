namespace KubeEdge.PrePull.Overrides;

/// <summary>An overrider's operator (see <see cref="Api.OverriderOperators"/>).</summary>
internal enum OverrideOperation
{
    Add,
    Remove,
    Replace,
}
