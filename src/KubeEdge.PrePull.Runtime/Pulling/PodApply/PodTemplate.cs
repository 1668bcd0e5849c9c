using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// Writes the JSON of a node's pull pod, the same pod as <see cref="PodManifest.Create"/> builds, with the parts every
/// pod of the job shares (owner reference, tolerations, resources, command) serialized once per job run and only
/// the node's parts written per node (docs/design.md §3 "PodApply").
/// </summary>
internal sealed class PodTemplate
{
    private readonly string _namespace;
    private readonly JobIdentity _job;
    private readonly byte[] _ownerReferences;
    private readonly byte[] _tolerations;
    private readonly byte[]? _resources;
    private readonly byte[]? _command;

    public PodTemplate(string ns, JobIdentity job, PodApplyOptions options)
    {
        _namespace = ns;
        _job = job;
        _ownerReferences = Utf8(new List<V1OwnerReference> { job.OwnerReference() });
        _tolerations = Utf8(new List<V1Toleration> { new() { OperatorProperty = "Exists" } });
        _resources = PodManifest.Resources(options) is { } resources ? Utf8(resources) : null;
        _command = options.ContainerCommand.Count > 0 ? Utf8(options.ContainerCommand.ToList()) : null;
    }

    /// <summary>Writes the pod named <paramref name="name"/> on <paramref name="node"/>.</summary>
    public void Write(Utf8JsonWriter writer, string name, string node, IReadOnlyList<PodContainer> containers, IReadOnlyList<string> pullSecretNames)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion"u8, "v1"u8);
        writer.WriteString("kind"u8, "Pod"u8);
        writer.WriteStartObject("metadata"u8);
        writer.WriteString("name"u8, name);
        writer.WriteString("namespace"u8, _namespace);
        writer.WriteStartObject("labels"u8);
        foreach (var (key, value) in _job.Labels(node))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WritePropertyName("ownerReferences"u8);
        writer.WriteRawValue(_ownerReferences, skipInputValidation: true);
        writer.WriteEndObject();

        writer.WriteStartObject("spec"u8);
        writer.WriteString("nodeName"u8, node);
        writer.WriteString("restartPolicy"u8, "Never"u8);
        writer.WritePropertyName("tolerations"u8);
        writer.WriteRawValue(_tolerations, skipInputValidation: true);
        writer.WriteStartArray("imagePullSecrets"u8);
        foreach (var secret in pullSecretNames)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, secret);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("automountServiceAccountToken"u8, false);
        writer.WriteBoolean("enableServiceLinks"u8, false);
        writer.WriteNumber("terminationGracePeriodSeconds"u8, 0);
        writer.WriteStartArray("containers"u8);
        foreach (var container in containers)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, container.Name);
            writer.WriteString("image"u8, container.Image);
            writer.WriteString("imagePullPolicy"u8, _job.PullPolicy);
            if (_command is not null)
            {
                writer.WritePropertyName("command"u8);
                writer.WriteRawValue(_command, skipInputValidation: true);
            }

            if (_resources is not null)
            {
                writer.WritePropertyName("resources"u8);
                writer.WriteRawValue(_resources, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static byte[] Utf8(object value) => Encoding.UTF8.GetBytes(KubernetesJson.Serialize(value));
}
