using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>The attribute rules of <see cref="ImagePrePullAgentOptions"/>, generated at build time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class ImagePrePullAgentOptionsValidator : IValidateOptions<ImagePrePullAgentOptions>
{
}
