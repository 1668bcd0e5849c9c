namespace KubeEdge.PrePull.Runtime.Tests.LeaderElection;

/// <summary>
/// Sits in one candidate's HTTP pipeline: counts its requests in flight (so the test moves the fake clock only
/// while the candidate is idle) and can cut it off from the API server, as a network partition would.
/// </summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>When set, every request fails before it reaches the server.</summary>
    public bool Partitioned { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (Partitioned)
            {
                throw new HttpRequestException("partitioned from the API server by the test");
            }

            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
