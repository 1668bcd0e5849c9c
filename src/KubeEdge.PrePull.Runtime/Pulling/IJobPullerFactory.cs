using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling;

/// <summary>
/// Gives the controller the puller for one job run. Node-local backends (CRI, Docker) return one shared instance;
/// PodApply returns a puller bound to the job (it names and owns pods and copied secrets after the job).
/// </summary>
public interface IJobPullerFactory
{
    /// <summary>The backend's name (e.g. <c>podapply</c>, <c>cri</c>, <c>docker</c>).</summary>
    string Name { get; }

    /// <summary>The puller for one run of <paramref name="job"/>; disposed (if disposable) when the run ends.</summary>
    /// <param name="job">The job being run.</param>
    /// <returns>The puller.</returns>
    IImagePuller CreateForJob(ImagePrePullJob job);
}
