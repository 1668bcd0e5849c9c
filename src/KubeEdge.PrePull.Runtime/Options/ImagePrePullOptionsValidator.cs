using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.Options;

/// <summary>The attribute rules of <see cref="ImagePrePullOptions"/>, generated at build time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class ImagePrePullOptionsValidator : IValidateOptions<ImagePrePullOptions>
{
}
