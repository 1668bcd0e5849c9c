using System.Text.RegularExpressions;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// The baseline for <see cref="ReferenceParsingBenchmark"/>: normalization the way it is usually ported, with string
/// splitting and concatenation plus the upstream grammar as one (source-generated) regular expression.
/// </summary>
internal static partial class RegexReferenceParser
{
    public static string? Normalize(string input)
    {
        var slash = input.IndexOf('/', StringComparison.Ordinal);
        string domain;
        string remainder;
        if (slash < 0 || (input[..slash].IndexOfAny(['.', ':']) < 0 && input[..slash] != "localhost" && !input[..slash].Any(char.IsUpper)))
        {
            domain = "docker.io";
            remainder = input;
        }
        else
        {
            domain = input[..slash] == "index.docker.io" ? "docker.io" : input[..slash];
            remainder = input[(slash + 1)..];
        }

        if (domain == "docker.io" && !remainder.Contains('/', StringComparison.Ordinal))
        {
            remainder = "library/" + remainder;
        }

        var normalized = domain + "/" + remainder;
        var match = Reference().Match(normalized);
        return match.Success ? normalized : null;
    }

    [GeneratedRegex(@"^((?:(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
