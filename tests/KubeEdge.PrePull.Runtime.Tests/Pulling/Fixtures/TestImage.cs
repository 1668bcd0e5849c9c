using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

/// <summary>
/// A tiny image built in memory: one gzip layer holding one file, a config, and a Docker v2 schema 2 manifest
/// (understood by containerd and by the Docker Engine alike).
/// </summary>
public sealed record TestImage(byte[] Layer, string LayerDigest, byte[] Config, string ConfigDigest, byte[] Manifest)
{
    public const string ManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json";

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
            config = new { Cmd = new[] { "/hello.txt" } },
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
