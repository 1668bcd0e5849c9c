using k8s.Autorest;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>
/// One request on a <see cref="ClusterConnection"/> (a KubernetesClient client's own connection and credentials, or
/// one made from a client configuration), for the calls the library sends without the typed operations (the edge
/// agent's <see cref="RestClusterApi"/>, PodApply's pod requests; docs/design.md §3). An answer that is not a success
/// throws as the typed operations do: an <see cref="HttpOperationException"/> with the status code, never the body in
/// its message.
/// </summary>
internal static class KubernetesHttp
{
    /// <summary>Sends <paramref name="request"/> and returns the successful response (the caller disposes it).</summary>
    /// <param name="connection">The connection and credentials used.</param>
    /// <param name="request">The request, with its absolute URI.</param>
    /// <param name="completion">When the send returns: after the headers (streams, watches) or the whole body.</param>
    /// <param name="keepErrorBody">
    /// Whether a failed answer's body is read and kept on the exception's <see cref="HttpOperationException.Response"/>,
    /// as KubernetesClient keeps it; otherwise it is not read at all.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static async Task<HttpResponseMessage> SendAsync(ClusterConnection connection, HttpRequestMessage request, HttpCompletionOption completion, bool keepErrorBody, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = keepErrorBody ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : string.Empty;
            throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
            {
                Request = new HttpRequestMessageWrapper(request, keepErrorBody ? null : string.Empty),
                Response = new HttpResponseMessageWrapper(response, body),
            };
        }
    }
}
