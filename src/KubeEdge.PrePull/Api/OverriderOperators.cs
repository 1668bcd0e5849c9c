namespace KubeEdge.PrePull.Api;

/// <summary>The operators of image and secret overriders.</summary>
public static class OverriderOperators
{
    /// <summary>Append to the component (image) or add a reference (secret).</summary>
    public const string Add = "add";

    /// <summary>Remove the component (image) or the references with that name (secret).</summary>
    public const string Remove = "remove";

    /// <summary>Replace the component (image) or every reference's name (secret).</summary>
    public const string Replace = "replace";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Add, Remove, Replace];
}
