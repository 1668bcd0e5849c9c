namespace KubeEdge.PrePull.Overrides;

/// <summary>Applies the image overriders of the rules that select a node to one image of the job.</summary>
internal static class ImageRewriter
{
    /// <summary>
    /// Runs every image overrider of <paramref name="rules"/> in order, each on the result of the one before, as
    /// Karmada does (each re-parses the current string). Without any image overrider the image is returned as written.
    /// </summary>
    /// <param name="image">The image as written in the spec (a valid reference).</param>
    /// <param name="rules">The rules that select the node, in list order.</param>
    /// <param name="checkReference">Returns why a string is not a valid image reference, or <see langword="null"/> when it is.</param>
    /// <param name="error">
    /// When an overrider produced an invalid reference: the reason, naming the rule, e.g.
    /// <c>imagePrePullOverriders[1] made "a/b:1" an invalid reference "a/:1": ...</c>.
    /// </param>
    /// <returns>The reference to pull, or <see langword="null"/> when <paramref name="error"/> is set.</returns>
    public static string? Rewrite(string image, IReadOnlyList<OverrideRule> rules, Func<string, string?> checkReference, out string? error)
    {
        error = null;
        var current = image;
        foreach (var rule in rules)
        {
            foreach (var overrider in rule.ImageOverrides)
            {
                var parts = OverrideImage.Split(current);
                overrider.Apply(parts);
                var next = parts.ToString();
                var problem = checkReference(next);
                if (problem is not null)
                {
                    error = $"{rule.Name} made \"{image}\" an invalid reference \"{next}\": {problem}";
                    return null;
                }

                current = next;
            }
        }

        return current;
    }
}
