using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Fleet;

/// <summary>Container statuses shaped like the kubelet writes them.</summary>
internal static class ContainerStatuses
{
    /// <summary>A container waiting with a reason (<c>ContainerCreating</c>, <c>ErrImagePull</c>, <c>ImagePullBackOff</c>).</summary>
    /// <param name="name">Container name.</param>
    /// <param name="image">Image as in the spec.</param>
    /// <param name="reason">Waiting reason.</param>
    /// <param name="message">Waiting message, if any.</param>
    /// <returns>The status.</returns>
    public static JsonObject Waiting(string name, string image, string reason, string? message)
    {
        var waiting = new JsonObject { ["reason"] = reason };
        if (message is not null)
        {
            waiting["message"] = message;
        }

        return Base(name, image, imageId: string.Empty, ready: false, new JsonObject { ["waiting"] = waiting });
    }

    /// <summary>A container whose image was pulled: running, or terminated with Completed for <c>restartPolicy: Never</c>.</summary>
    /// <param name="name">Container name.</param>
    /// <param name="image">Image as in the spec.</param>
    /// <param name="imageId">The runtime's image reference.</param>
    /// <param name="completed">Whether it ran to completion.</param>
    /// <param name="now">Start time.</param>
    /// <returns>The status.</returns>
    public static JsonObject Pulled(string name, string image, string imageId, bool completed, DateTimeOffset now)
    {
        var at = ObjectLifecycle.Timestamp(now);
        var state = completed
            ? new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = at, ["finishedAt"] = at, ["containerID"] = ContainerId(name, imageId) } }
            : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = at } };
        var status = Base(name, image, imageId, ready: !completed, state);
        status["started"] = !completed;
        status["containerID"] = ContainerId(name, imageId);
        return status;
    }

    /// <summary>The default imageID of an image: its repository and a digest derived from the reference.</summary>
    /// <param name="image">Image reference.</param>
    /// <returns>e.g. <c>docker.io/library/nginx@sha256:...</c>.</returns>
    public static string DefaultImageId(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var repository = at >= 0 ? image[..at] : image;
        var colon = repository.LastIndexOf(':');
        if (colon > repository.LastIndexOf('/'))
        {
            repository = repository[..colon];
        }

        return $"{repository}@sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)))}";
    }

    private static string ContainerId(string name, string imageId) =>
        "containerd://" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + imageId)));

    private static JsonObject Base(string name, string image, string imageId, bool ready, JsonObject state) => new()
    {
        ["name"] = name,
        ["image"] = image,
        ["imageID"] = imageId,
        ["ready"] = ready,
        ["restartCount"] = 0L,
        ["started"] = false,
        ["state"] = state,
    };
}
