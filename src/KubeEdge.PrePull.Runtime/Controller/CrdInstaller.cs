using System.Net;
using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>Creates the ImagePrePullJob CRD, or replaces its spec with this version's, when the host asks for it.</summary>
internal static class CrdInstaller
{
    public static async Task InstallAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var wanted = ImagePrePullJobCrd.Load();
        try
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(wanted, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.Conflict))
        {
            var existing = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(wanted.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            wanted.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            await client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(wanted, wanted.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
