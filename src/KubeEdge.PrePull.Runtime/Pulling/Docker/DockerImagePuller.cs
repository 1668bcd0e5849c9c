using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Internal;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>
/// Pulls images through the Docker Engine on this node, over its Unix socket: <c>/_ping</c> probes it and negotiates
/// the API version, <c>/images/{name}/json</c> answers IfNotPresent, <c>/images/create</c> pulls with
/// <c>X-Registry-Auth</c> for each matching credential in turn. Byte progress goes to <see cref="PullRequest.Progress"/>.
/// </summary>
public sealed class DockerImagePuller : IImagePuller, IDisposable
{
    private const string IfNotPresent = "IfNotPresent";

    private readonly DockerEngineClient _engine;
    private readonly TimeSpan _pullTimeout;
    private readonly TimeSpan _probeTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly NodeChecker _checker;

    /// <summary>Creates a puller; nothing is contacted until the first call.</summary>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="timeProvider">The clock for timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public DockerImagePuller(DockerImagePullerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _engine = new DockerEngineClient(options.SocketPath);
        _pullTimeout = options.PullTimeout;
        _probeTimeout = options.ProbeTimeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _checker = new NodeChecker(Name, options.ProcPath, options.CpuSampleInterval, _timeProvider) { FreeSpaceReader = options.FreeSpaceReader };
    }

    /// <inheritdoc />
    public string Name => "docker";

    /// <inheritdoc />
    public IReadOnlyCollection<string> SupportedCheckItems => NodeChecker.Items;

    /// <summary>Pings the Engine and negotiates the API version.</summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The API version in use, e.g. <c>1.41</c>.</returns>
    /// <exception cref="RuntimeUnavailableException">The socket is missing, refuses connections, or is not a Docker Engine.</exception>
    public Task<string> ProbeAsync(CancellationToken cancellationToken = default) => _engine.NegotiateAsync(_probeTimeout, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            if (_engine.ApiVersion is null)
            {
                await ProbeAsync(cancellationToken).ConfigureAwait(false);
            }

            if (string.Equals(request.PullPolicy, IfNotPresent, StringComparison.OrdinalIgnoreCase)
                && await _engine.InspectIdAsync(request.ResolvedImage, cancellationToken).ConfigureAwait(false) is { } presentId)
            {
                return PullResult.Success(presentId, alreadyPresent: true);
            }
        }
        catch (RuntimeUnavailableException e)
        {
            return CredentialAttempts.Fail(request, PullFailureKind.RuntimeUnreachable, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CredentialAttempts.Fail(request, PullFailureKind.Cancelled, "the pull was cancelled before it started");
        }
        catch (HttpRequestException e)
        {
            return CredentialAttempts.Fail(request, PullFailureKind.Other, e.Message);
        }

        return await CredentialAttempts.RunAsync(request, _pullTimeout, _timeProvider, (credential, token) => PullOnceAsync(request, credential, token), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _checker.CheckAsync(request, RootDirAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RuntimeUnavailableException or HttpRequestException)
        {
            return CheckResult.Failed($"disk check: {e.Message}");
        }
    }

    /// <summary>Closes the connections to the Engine.</summary>
    public void Dispose() => _engine.Dispose();

    private async ValueTask<string> RootDirAsync(CancellationToken cancellationToken)
    {
        if (_engine.ApiVersion is null)
        {
            await ProbeAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _engine.RootDirAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AttemptOutcome> PullOnceAsync(PullRequest request, PullCredential? credential, CancellationToken cancellationToken)
    {
        var progress = new DockerProgressTracker(request);
        try
        {
            var auth = credential is null ? null : DockerRegistryAuth.Encode(credential);
            var failure = await _engine.CreateImageAsync(request.ResolvedImage, auth, progress.Observe, cancellationToken).ConfigureAwait(false);
            if (failure is { } failed)
            {
                return failed;
            }

            var id = await _engine.InspectIdAsync(request.ResolvedImage, cancellationToken).ConfigureAwait(false);
            return id is null
                ? AttemptOutcome.Failed(PullFailureKind.Other, "the Engine reported success but does not list the image afterwards")
                : AttemptOutcome.Pulled(id);
        }
        catch (RuntimeUnavailableException e)
        {
            return AttemptOutcome.Failed(PullFailureKind.RuntimeUnreachable, e.Message);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The connection to the Engine broke while streaming.
            return AttemptOutcome.Failed(PullFailureKind.RuntimeUnreachable, _engine.Unreachable(e));
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptOutcome.Failed(PullFailureKind.RuntimeUnreachable, _engine.Unreachable(e));
        }
    }
}
