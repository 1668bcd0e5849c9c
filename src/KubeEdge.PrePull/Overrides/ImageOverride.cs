namespace KubeEdge.PrePull.Overrides;

/// <summary>One checked image overrider, applied with Karmada's <c>overrideImage</c> semantics.</summary>
/// <param name="Component">What it edits.</param>
/// <param name="Operation">How.</param>
/// <param name="Value">The value (ignored by <see cref="OverrideOperation.Remove"/>).</param>
internal sealed record ImageOverride(ImageComponent Component, OverrideOperation Operation, string Value)
{
    /// <summary>
    /// Edits <paramref name="image"/> in place. Registry and Repository <c>add</c> concatenate without a separator
    /// (the user supplies <c>/</c> or <c>.</c>); Tag <c>add</c> concatenates and keeps the result only if it is a
    /// valid tag or digest; an invalid Tag value is a silent no-op, exactly as in Karmada.
    /// </summary>
    public void Apply(OverrideImage image)
    {
        switch (Component, Operation)
        {
            case (ImageComponent.Registry, OverrideOperation.Add):
                image.Hostname += Value;
                break;
            case (ImageComponent.Registry, OverrideOperation.Replace):
                image.Hostname = Value;
                break;
            case (ImageComponent.Registry, OverrideOperation.Remove):
                image.Hostname = string.Empty;
                break;
            case (ImageComponent.Repository, OverrideOperation.Add):
                image.Repository += Value;
                break;
            case (ImageComponent.Repository, OverrideOperation.Replace):
                image.Repository = Value;
                break;
            case (ImageComponent.Repository, OverrideOperation.Remove):
                image.Repository = string.Empty;
                break;
            case (ImageComponent.Tag, OverrideOperation.Add):
                image.SetTagOrDigest(image.TagOrDigest + Value);
                break;
            case (ImageComponent.Tag, OverrideOperation.Replace):
                image.SetTagOrDigest(Value);
                break;
            case (ImageComponent.Tag, OverrideOperation.Remove):
                image.RemoveTagOrDigest();
                break;
        }
    }
}
