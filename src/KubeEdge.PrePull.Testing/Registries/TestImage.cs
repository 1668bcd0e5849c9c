using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KubeEdge.PrePull.Testing.Registries;

/// <summary>
/// A tiny image built in memory: one gzip layer holding one file, a config, and a Docker v2 schema 2 manifest
/// (understood by containerd and by the Docker Engine alike). <see cref="LocalRegistry.PushImageAsync"/> pushes these.
/// </summary>
/// <param name="Layer">The gzip-compressed layer tar.</param>
/// <param name="LayerDigest">The layer's digest, <c>sha256:HEX</c>.</param>
/// <param name="Config">The image config JSON.</param>
/// <param name="ConfigDigest">The config's digest.</param>
/// <param name="Manifest">The manifest JSON, of media type <see cref="ManifestMediaType"/>.</param>
public sealed record TestImage(byte[] Layer, string LayerDigest, byte[] Config, string ConfigDigest, byte[] Manifest)
{
    /// <summary>The media type of <see cref="Manifest"/>: Docker v2 schema 2.</summary>
    public const string ManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>The image's command; never run (these images are only pulled), but runtimes expect one.</summary>
    private static readonly string[] Command = ["/hello.txt"];

    /// <summary>Builds an image whose one file, <c>/hello.txt</c>, names it (so two names give two digests).</summary>
    /// <param name="name">Written into the file, usually the image's reference.</param>
    /// <param name="padding">Random bytes added as <c>/padding.bin</c>, so the layer really is that big on the wire.</param>
    /// <returns>The blobs and the manifest.</returns>
    public static TestImage Build(string name, int padding)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var text = new PaxTarEntry(TarEntryType.RegularFile, "hello.txt")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes($"pre-pulled {name}\n")),
            };
            writer.WriteEntry(text);
            if (padding > 0)
            {
                // Random bytes do not compress, so the layer really is this big on the wire.
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "padding.bin") { DataStream = new MemoryStream(RandomNumberGenerator.GetBytes(padding)) });
            }
        }

        var diffId = Digest(tar.ToArray());
        var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar.ToArray());
        }

        var layer = gz.ToArray();
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = Architecture(),
            os = "linux",
            config = new { Cmd = Command },
            rootfs = new { type = "layers", diff_ids = new[] { diffId } },
        });
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = ManifestMediaType,
            config = new { mediaType = "application/vnd.docker.container.image.v1+json", size = config.Length, digest = Digest(config) },
            layers = new[] { new { mediaType = "application/vnd.docker.image.rootfs.diff.tar.gzip", size = layer.Length, digest = Digest(layer) } },
        });
        return new TestImage(layer, Digest(layer), config, Digest(config), manifest);
    }

    private static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Architecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        _ => "amd64",
    };
}
