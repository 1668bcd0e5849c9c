namespace KubeEdge.PrePull.Overrides;

/// <summary>The part of an image reference an image overrider edits (see <see cref="Api.ImageComponents"/>).</summary>
internal enum ImageComponent
{
    Registry,
    Repository,
    Tag,
}
