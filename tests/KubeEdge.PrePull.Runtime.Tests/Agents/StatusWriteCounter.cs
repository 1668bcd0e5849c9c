using System.Net;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// Sits in one client (the controller's or an agent's) and counts its job status writes by how the server answered,
/// and its reads of single jobs (the re-reads after a conflict): what the scaling report prints.
/// </summary>
internal sealed class StatusWriteCounter : DelegatingHandler
{
    private int _writes;
    private int _accepted;
    private int _refused;
    private int _jobReads;

    /// <summary>PATCHes of <c>imageprepulljobs/.../status</c> sent.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Status writes the server accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Status writes refused as a conflict: 409, or 422 for a JSON patch whose <c>test</c> failed.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>GETs of one job (not lists or watches).</summary>
    public int JobReads => Volatile.Read(ref _jobReads);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var isStatusWrite = request.Method == HttpMethod.Patch && path.Contains("/imageprepulljobs/", StringComparison.Ordinal) && path.EndsWith("/status", StringComparison.Ordinal);
        if (request.Method == HttpMethod.Get && path.Contains("/imageprepulljobs/", StringComparison.Ordinal) && !request.RequestUri.Query.Contains("watch", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _jobReads);
        }

        if (isStatusWrite)
        {
            Interlocked.Increment(ref _writes);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (isStatusWrite)
        {
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _accepted);
            }
            else if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
            {
                Interlocked.Increment(ref _refused);
            }
        }

        return response;
    }
}
