namespace KubeEdge.PrePull.Images.Internal;

/// <summary>
/// distribution/reference's <c>ParseNormalizedNamed</c> as a single pass over the input: split the Docker domain,
/// check the remote name is lower-case, then match the reference grammar on <c>domain/remainder</c> without
/// building that string (it is built only when normalization changes the input).
/// </summary>
internal static class NormalizedReferenceParser
{
    private const string DefaultDomain = "docker.io";
    private const string LegacyDefaultDomain = "index.docker.io";
    private const string OfficialRepositoryPrefix = "library/";

    public static ImageReference? Parse(string input, out string? error)
    {
        if (input.Length == 0)
        {
            error = ReferenceErrors.NameEmpty;
            return null;
        }

        if (ReferenceGrammar.IsHexIdentifier(input))
        {
            error = ReferenceErrors.HexIdentifier(input);
            return null;
        }

        var span = input.AsSpan();
        var domain = SplitDockerDomain(span, out var remainderStart, out var domainFromInput);
        var remainder = span[remainderStart..];
        var addLibrary = domain.SequenceEqual(DefaultDomain) && !remainder.Contains('/');

        var tagSeparator = remainder.IndexOf(':');
        if (!ReferenceGrammar.IsLowercase(tagSeparator < 0 ? remainder : remainder[..tagSeparator]))
        {
            error = ReferenceErrors.NameContainsUppercase;
            return null;
        }

        var nameEnd = remainder.IndexOfAny(':', '@');
        if (nameEnd < 0)
        {
            nameEnd = remainder.Length;
        }

        var tagStart = -1;
        var digestStart = -1;
        var hasDomain = true;
        if (!MatchesGrammar(domain, remainder, nameEnd, foldCase: false, ref tagStart, ref digestStart, ref hasDomain))
        {
            // Upstream: if the lower-cased input would match, the only fault is upper case.
            var ignoredTag = -1;
            var ignoredDigest = -1;
            var ignoredDomain = true;
            error = MatchesGrammar(domain, remainder, nameEnd, foldCase: true, ref ignoredTag, ref ignoredDigest, ref ignoredDomain)
                ? ReferenceErrors.NameContainsUppercase
                : ReferenceErrors.InvalidFormat;
            return null;
        }

        var pathLength = hasDomain ? (addLibrary ? OfficialRepositoryPrefix.Length : 0) + nameEnd : domain.Length + 1 + nameEnd;
        if (pathLength > ReferenceGrammar.MaxPathLength)
        {
            error = ReferenceErrors.NameTooLong;
            return null;
        }

        if (digestStart >= 0 && DigestValidator.Validate(remainder[digestStart..]) is { } digestError)
        {
            error = digestError;
            return null;
        }

        // The normalized form is the input itself unless the domain was defaulted or "library/" inserted.
        string value;
        int shift;
        if (domainFromInput && !addLibrary)
        {
            value = input;
            shift = remainderStart;
        }
        else
        {
            value = string.Concat(DefaultDomain + "/", addLibrary ? OfficialRepositoryPrefix : string.Empty, remainder);
            shift = value.Length - remainder.Length;
        }

        var domainLength = hasDomain ? domain.Length : 0;
        var pathStart = hasDomain ? domain.Length + 1 : 0;
        error = null;
        return new ImageReference(
            value,
            domainLength,
            pathStart,
            shift + nameEnd,
            tagStart < 0 ? -1 : shift + tagStart,
            digestStart < 0 ? -1 : shift + digestStart);
    }

    // splitDockerDomain: the first segment is a domain if it is localhost, has '.' or ':', or has upper case.
    private static ReadOnlySpan<char> SplitDockerDomain(ReadOnlySpan<char> name, out int remainderStart, out bool fromInput)
    {
        var slash = name.IndexOf('/');
        var first = slash < 0 ? default : name[..slash];
        if (slash < 0 || (first.IndexOfAny('.', ':') < 0 && !first.SequenceEqual("localhost") && ReferenceGrammar.IsLowercase(first)))
        {
            remainderStart = 0;
            fromInput = false;
            return DefaultDomain;
        }

        remainderStart = slash + 1;
        fromInput = !first.SequenceEqual(LegacyDefaultDomain);
        return fromInput ? first : DefaultDomain;
    }

    // ReferenceRegexp on domain + "/" + remainder: name (optional domain, then path components), ":tag", "@digest".
    // Path components cannot hold ':' or '@', so the name ends at the first of them; tags cannot hold '@'.
    private static bool MatchesGrammar(
        ReadOnlySpan<char> domain,
        ReadOnlySpan<char> remainder,
        int nameEnd,
        bool foldCase,
        ref int tagStart,
        ref int digestStart,
        ref bool hasDomain)
    {
        var i = nameEnd;
        if (i < remainder.Length && remainder[i] == ':')
        {
            var tagEnd = remainder[(i + 1)..].IndexOf('@');
            tagEnd = tagEnd < 0 ? remainder.Length : i + 1 + tagEnd;
            if (!ReferenceGrammar.IsTag(remainder[(i + 1)..tagEnd]))
            {
                return false;
            }

            tagStart = i + 1;
            i = tagEnd;
        }

        if (i < remainder.Length)
        {
            if (remainder[i] != '@' || !ReferenceGrammar.IsDigest(remainder[(i + 1)..]))
            {
                return false;
            }

            digestStart = i + 1;
        }

        if (!ReferenceGrammar.IsRemoteName(remainder[..nameEnd], foldCase))
        {
            return false;
        }

        // The domain group is optional: a first segment that is no valid host may still be a path component.
        hasDomain = ReferenceGrammar.IsDomainAndPort(domain);
        return hasDomain || ReferenceGrammar.IsPathComponent(domain, foldCase);
    }
}
