using k8s.Autorest;

namespace KubeEdge.PrePull.Testing.Tests;

/// <summary>Assertions on KubernetesClient failures: the HTTP status and the Status reason the server answered.</summary>
internal static class ClientCalls
{
    public static async Task<string> FailsWithAsync(int code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(code, (int)error.Response.StatusCode);
        return error.Response.Content;
    }
}
