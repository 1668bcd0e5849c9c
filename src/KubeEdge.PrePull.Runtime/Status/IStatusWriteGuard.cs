using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Status;

/// <summary>
/// Makes a job's status writes safe beside other writers of the same status (edge agents patching their own
/// entries, protocol step 5): every write carries the resourceVersion the guard last saw, after the guard has put
/// the other writers' entries it knows of into the status; on 409 the writer re-reads the job, shows it to the guard
/// and writes again. So no write reverts an entry another writer made.
/// </summary>
internal interface IStatusWriteGuard
{
    /// <summary>
    /// The resourceVersion of the latest job state whose foreign entries the guard has taken in; read before
    /// <see cref="Prepare"/>, so the prepared status holds everything that version had.
    /// </summary>
    string? ResourceVersion { get; }

    /// <summary>Puts the foreign entries the guard knows of into <paramref name="status"/>.</summary>
    ImagePrePullJobStatus Prepare(ImagePrePullJobStatus status);

    /// <summary>Takes in a job state read from the server (a watch event or a re-read after a conflict).</summary>
    void Observe(ImagePrePullJob job);

    /// <summary>The writer's own write succeeded and produced <paramref name="resourceVersion"/>.</summary>
    void Written(string? resourceVersion);
}
