namespace KubeEdge.PrePull.Validation.Internal;

/// <summary>Whether a string is an image reference the runtime can pull.</summary>
internal static class ImageReferenceRules
{
    /// <summary>Why <paramref name="value"/> is not a valid image reference, or null when it is.</summary>
    public static string? Error(string value)
    {
        if (value.Length == 0)
        {
            return "invalid reference format";
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "invalid reference format";
            }
        }

        var nameEnd = value.IndexOf('@', StringComparison.Ordinal);
        var name = nameEnd < 0 ? value : value[..nameEnd];
        var firstSlash = name.IndexOf('/', StringComparison.Ordinal);
        var path = firstSlash < 0 ? name : name[(firstSlash + 1)..];
        var tagStart = path.LastIndexOf(':');
        var repository = tagStart < 0 ? path : path[..tagStart];
        return repository.Length == 0 || repository.Any(char.IsAsciiLetterUpper)
            ? repository.Length == 0 ? "invalid reference format" : "invalid reference format: repository name must be lowercase"
            : null;
    }
}
