using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Api;

/// <summary>
/// The ImagePrePullJob CustomResourceDefinition shipped with the library (the same file as
/// <c>deploy/crds/operations.kubeedge.io_imageprepulljobs.yaml</c>), so code can install it.
/// </summary>
public static class ImagePrePullJobCrd
{
    private const string ResourceName = "KubeEdge.PrePull.Crd.imageprepulljobs.yaml";

    private static readonly Lazy<string> Text = new(ReadResource);

    /// <summary>The manifest as YAML.</summary>
    public static string Yaml => Text.Value;

    /// <summary>The manifest as a typed object (a new instance on every call, free to modify).</summary>
    /// <returns>The CRD.</returns>
    public static V1CustomResourceDefinition Load() => KubernetesYaml.Deserialize<V1CustomResourceDefinition>(Yaml);

    private static string ReadResource()
    {
        using var stream = typeof(ImagePrePullJobCrd).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The CRD resource '{ResourceName}' is missing from {typeof(ImagePrePullJobCrd).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
