using Grpc.Core;
using Grpc.Net.Client;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Cri.Protos;
using KubeEdge.PrePull.Runtime.Pulling.Internal;

namespace KubeEdge.PrePull.Runtime.Pulling.Cri;

/// <summary>
/// Pulls images through a CRI runtime (containerd, CRI-O) on this node: gRPC <c>runtime.v1</c> over the runtime's
/// Unix socket. <c>RuntimeService.Version</c> is the readiness probe, <c>ImageStatus</c> answers IfNotPresent,
/// <c>PullImage</c> pulls with each matching credential in turn, <c>ImageFsInfo</c> locates the disk to check.
/// CRI has no pull progress, so <see cref="PullRequest.Progress"/> is not called.
/// </summary>
public sealed class CriImagePuller : IImagePuller, IDisposable
{
    private const string IfNotPresent = "IfNotPresent";

    private readonly string _socketPath;
    private readonly TimeSpan _pullTimeout;
    private readonly TimeSpan _probeTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly GrpcChannel _channel;
    private readonly RuntimeService.RuntimeServiceClient _runtime;
    private readonly ImageService.ImageServiceClient _images;
    private readonly NodeChecker _checker;
    private volatile CriRuntimeVersion? _probed;

    /// <summary>Creates a puller; nothing is contacted until the first call.</summary>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="timeProvider">The clock for timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public CriImagePuller(CriImagePullerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _socketPath = options.SocketPath;
        _pullTimeout = options.PullTimeout;
        _probeTimeout = options.ProbeTimeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = UnixSocketConnector.CreateHandler(_socketPath),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxMessageBytes,
            MaxSendMessageSize = options.MaxMessageBytes,
            ThrowOperationCanceledOnCancellation = true,
        });
        _runtime = new RuntimeService.RuntimeServiceClient(_channel);
        _images = new ImageService.ImageServiceClient(_channel);
        _checker = new NodeChecker(Name, options.ProcPath, options.CpuSampleInterval, _timeProvider) { FreeSpaceReader = options.FreeSpaceReader };
    }

    /// <inheritdoc />
    public string Name => "cri";

    /// <inheritdoc />
    public IReadOnlyCollection<string> SupportedCheckItems => NodeChecker.Items;

    /// <summary>Asks the runtime for its version and checks that it serves CRI <c>v1</c>.</summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>What the runtime said.</returns>
    /// <exception cref="RuntimeUnavailableException">The socket is missing, refuses connections, or is not a CRI v1 runtime.</exception>
    public async Task<CriRuntimeVersion> ProbeAsync(CancellationToken cancellationToken = default)
    {
        VersionResponse response;
        try
        {
            response = await _runtime.VersionAsync(new VersionRequest { Version = "v1" }, deadline: Deadline(_probeTimeout), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or HttpRequestException or IOException)
        {
            _probed = null;
            throw new RuntimeUnavailableException(CriErrors.Unreachable(_socketPath, e), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The deadline passed (with ThrowOperationCanceledOnCancellation gRPC reports it as a cancellation).
            _probed = null;
            throw new RuntimeUnavailableException(
                $"the runtime at {_socketPath} did not answer as a CRI v1 runtime within {_probeTimeout.TotalSeconds:0.###}s (RuntimeService.Version)", e);
        }

        if (!string.Equals(response.RuntimeApiVersion, "v1", StringComparison.Ordinal))
        {
            throw new RuntimeUnavailableException($"the runtime at {_socketPath} ({response.RuntimeName} {response.RuntimeVersion}) serves CRI '{response.RuntimeApiVersion}', not v1");
        }

        var version = new CriRuntimeVersion(response.RuntimeName, response.RuntimeVersion, response.RuntimeApiVersion);
        _probed = version;
        return version;
    }

    /// <inheritdoc />
    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cancellationToken.IsCancellationRequested)
        {
            return CredentialAttempts.Fail(request, PullFailureKind.Cancelled, "the pull was cancelled before it started");
        }

        try
        {
            if (_probed is null)
            {
                await ProbeAsync(cancellationToken).ConfigureAwait(false);
            }

            if (string.Equals(request.PullPolicy, IfNotPresent, StringComparison.OrdinalIgnoreCase))
            {
                var status = await _images.ImageStatusAsync(new ImageStatusRequest { Image = Spec(request) }, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (status.Image is { } present)
                {
                    return PullResult.Success(present.Id, alreadyPresent: true);
                }
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
        catch (RpcException e)
        {
            return StatusFailure(request, e);
        }

        return await CredentialAttempts.RunAsync(request, _pullTimeout, _timeProvider, (credential, token) => PullOnceAsync(request, credential, token), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _checker.CheckAsync(request, ImageFilesystemAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            return CheckResult.Failed($"disk check: {CriErrors.Unreachable(_socketPath, e)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Failed($"disk check: the runtime at {_socketPath} did not answer ImageFsInfo within {_probeTimeout.TotalSeconds:0.###}s");
        }
    }

    /// <summary>Closes the connection to the runtime.</summary>
    public void Dispose() => _channel.Dispose();

    private static ImageSpec Spec(PullRequest request) =>
        new() { Image = request.ResolvedImage, UserSpecifiedImage = request.Image };

    private async ValueTask<AttemptOutcome> PullOnceAsync(PullRequest request, PullCredential? credential, CancellationToken cancellationToken)
    {
        var pull = new PullImageRequest { Image = Spec(request) };
        if (credential is not null)
        {
            // ServerAddress stays empty: the keyring already matched this credential to the image, and runtimes
            // compare the address with the host they contact (containerd 1.6 even rejects a host:port without a
            // scheme), which would silently drop Docker Hub keys like https://index.docker.io/v1/.
            pull.Auth = new AuthConfig
            {
                Username = credential.Username ?? string.Empty,
                Password = credential.Password ?? string.Empty,
                IdentityToken = credential.IdentityToken ?? string.Empty,
                RegistryToken = credential.RegistryToken ?? string.Empty,
            };
        }

        try
        {
            var response = await _images.PullImageAsync(pull, cancellationToken: cancellationToken).ConfigureAwait(false);
            return AttemptOutcome.Pulled(response.ImageRef);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            if (CriErrors.IsRuntimeUnreachable(e))
            {
                _probed = null;
                return AttemptOutcome.Failed(PullFailureKind.RuntimeUnreachable, CriErrors.Unreachable(_socketPath, e));
            }

            return AttemptOutcome.Failed(CriErrors.Classify(e), CriErrors.Detail(e));
        }
    }

    private async ValueTask<string> ImageFilesystemAsync(CancellationToken cancellationToken)
    {
        var info = await _images.ImageFsInfoAsync(new ImageFsInfoRequest(), deadline: Deadline(_probeTimeout), cancellationToken: cancellationToken).ConfigureAwait(false);
        return info.ImageFilesystems.Select(f => f.FsId?.Mountpoint).FirstOrDefault(m => !string.IsNullOrEmpty(m))
            ?? throw new RpcException(new Grpc.Core.Status(StatusCode.NotFound, "ImageFsInfo reported no image filesystem"));
    }

    private PullResult StatusFailure(PullRequest request, RpcException e)
    {
        if (CriErrors.IsRuntimeUnreachable(e))
        {
            _probed = null;
            return CredentialAttempts.Fail(request, PullFailureKind.RuntimeUnreachable, CriErrors.Unreachable(_socketPath, e));
        }

        return CredentialAttempts.Fail(request, PullFailureKind.Other, $"ImageStatus failed: {CriErrors.Detail(e)}");
    }

    private DateTime Deadline(TimeSpan timeout) => _timeProvider.GetUtcNow().UtcDateTime + timeout;
}
