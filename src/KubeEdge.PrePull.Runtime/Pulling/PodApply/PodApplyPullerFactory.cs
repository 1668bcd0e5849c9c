using System.Net;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// The PodApply backend: works from the cloud on any cluster, KubeEdge included. For each job run it gives a puller
/// that, per node, creates a pod bound to the node (one container per image, the job's pull secrets, copied next
/// to the pod when they live in another namespace) and reads the kubelet's container statuses. The pullers it
/// returns implement <see cref="INodeScopedImagePuller"/> and <see cref="IAsyncDisposable"/>.
/// </summary>
public sealed class PodApplyPullerFactory : IJobPullerFactory
{
    /// <summary>The backend's name, <c>podapply</c>.</summary>
    public const string BackendName = "podapply";

    private readonly Lock _gate = new();
    private Task? _namespaceTask;

    /// <summary>Creates the factory.</summary>
    /// <param name="client">The Kubernetes client (needs pods and secrets in the namespace, read secrets of jobs, read nodes, create namespaces).</param>
    /// <param name="options">The options; copied, later changes have no effect.</param>
    /// <param name="timeProvider">Clock for retry delays; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Logs; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="client"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">When the options are invalid; the message names every field at fault.</exception>
    public PodApplyPullerFactory(IKubernetes client, PodApplyOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var problems = PodApplyOptionsValidator.Validate(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        Client = client;
        Options = Copy(options);
        Time = timeProvider ?? TimeProvider.System;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PodApplyPullerFactory>();
        TransientRetries = new RetryBackoff(Options.RetryDelay, Options.RetryDelay * Options.CreateAttempts, BackoffGrowth.Linear);
    }

    /// <inheritdoc/>
    public string Name => BackendName;

    internal IKubernetes Client { get; }

    internal PodApplyOptions Options { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>
    /// Which secrets may be copied next to a pod (docs/design.md §2, "Secret grants"): the host's rule, set when the
    /// factory is registered with the controller; <see langword="null"/> copies what the plan names (the plan holds
    /// only secrets the controller read under its rule).
    /// </summary>
    internal Credentials.SecretGrant? SecretGrant { get; init; }

    /// <summary>The delays between creates refused by an overloaded API server: one more retry delay each time.</summary>
    internal RetryBackoff TransientRetries { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">When the job has no name or uid.</exception>
    public IImagePuller CreateForJob(ImagePrePullJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new PodApplyPuller(this, JobIdentity.From(job));
    }

    /// <summary>Creates the namespace once when missing (and the option asks for it); a failed try is tried again next time.</summary>
    internal Task EnsureNamespaceAsync(CancellationToken cancellationToken)
    {
        if (!Options.CreateNamespace)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_namespaceTask is null || _namespaceTask.IsFaulted || _namespaceTask.IsCanceled)
            {
                _namespaceTask = CreateNamespaceAsync(cancellationToken);
            }

            return _namespaceTask;
        }
    }

    private async Task CreateNamespaceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Client.CoreV1.ReadNamespaceAsync(Options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.NotFound))
        {
            // Missing: create it below.
        }

        try
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [PodApplyNames.ManagedByLabel] = PodApplyNames.ManagedBy };
            var ns = new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = Options.Namespace, Labels = labels } };
            await Client.CoreV1.CreateNamespaceAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            Log.NamespaceCreated(Logger, Options.Namespace);
        }
        catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.Conflict))
        {
            // Another replica or process made it first.
        }
    }

    private static PodApplyOptions Copy(PodApplyOptions options)
    {
        var copy = new PodApplyOptions
        {
            Namespace = options.Namespace,
            CreateNamespace = options.CreateNamespace,
            PodNamePrefix = options.PodNamePrefix,
            CpuRequest = options.CpuRequest,
            MemoryRequest = options.MemoryRequest,
            WatchTimeout = options.WatchTimeout,
            RetryDelay = options.RetryDelay,
            CreateAttempts = options.CreateAttempts,
        };
        copy.ContainerCommand.Clear();
        foreach (var part in options.ContainerCommand)
        {
            copy.ContainerCommand.Add(part);
        }

        return copy;
    }
}
