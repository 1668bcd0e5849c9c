namespace KubeEdge.PrePull.Images.Internal;

/// <summary>go-digest's <c>Digest.Validate</c> for a string that already matched the reference grammar's digest.</summary>
internal static class DigestValidator
{
    /// <summary>Returns <see langword="null"/> when valid, else the upstream error text.</summary>
    public static string? Validate(ReadOnlySpan<char> digest)
    {
        var colon = digest.IndexOf(':');
        var algorithm = digest[..colon];
        var encoded = digest[(colon + 1)..];
        var size = algorithm switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => 0,
        };
        if (size == 0)
        {
            // An unknown algorithm is "unsupported" only if it is well-formed (lower case), as go-digest checks.
            return ReferenceGrammar.IsLowercase(algorithm) ? ReferenceErrors.DigestUnsupported : ReferenceErrors.DigestInvalidFormat;
        }

        if (encoded.Length != size)
        {
            return ReferenceErrors.DigestInvalidLength;
        }

        return IsLowerHex(encoded) ? null : ReferenceErrors.DigestInvalidFormat;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
