namespace KubeEdge.PrePull.Images.Internal;

/// <summary>The error texts of distribution/reference and go-digest, kept verbatim so users can search for them.</summary>
internal static class ReferenceErrors
{
    public const string InvalidFormat = "invalid reference format";
    public const string NameContainsUppercase = "invalid reference format: repository name must be lowercase";
    public const string NameEmpty = "repository name must have at least one component";
    public const string NameTooLong = "repository name must not be more than 255 characters";
    public const string DigestInvalidFormat = "invalid checksum digest format";
    public const string DigestInvalidLength = "invalid checksum digest length";
    public const string DigestUnsupported = "unsupported digest algorithm";

    public static string HexIdentifier(string input) =>
        $"invalid repository name ({input}), cannot specify 64-byte hexadecimal strings";
}
