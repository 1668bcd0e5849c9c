namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>
/// Splits a reference into the <c>fromImage</c> and <c>tag</c> parameters of <c>/images/create</c>, as the docker CLI
/// does. A reference without tag or digest gets <c>latest</c>: the Engine would otherwise pull every tag.
/// </summary>
internal static class DockerReference
{
    public static (string FromImage, string Tag) Split(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (image[..at], image[(at + 1)..]);
        }

        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
