namespace KubeEdge.PrePull.Api;

/// <summary>Names of the ImagePrePullJob API: group, versions, kind, plural and the controller's finalizer.</summary>
public static class ImagePrePullJobNames
{
    /// <summary>The API group, <c>operations.kubeedge.io</c>.</summary>
    public const string Group = "operations.kubeedge.io";

    /// <summary>The legacy served version.</summary>
    public const string V1Alpha1 = "v1alpha1";

    /// <summary>The storage version.</summary>
    public const string V1Alpha2 = "v1alpha2";

    /// <summary><c>operations.kubeedge.io/v1alpha1</c>.</summary>
    public const string GroupVersionV1Alpha1 = Group + "/" + V1Alpha1;

    /// <summary><c>operations.kubeedge.io/v1alpha2</c>.</summary>
    public const string GroupVersionV1Alpha2 = Group + "/" + V1Alpha2;

    /// <summary>The kind, <c>ImagePrePullJob</c>.</summary>
    public const string Kind = "ImagePrePullJob";

    /// <summary>The list kind, <c>ImagePrePullJobList</c>.</summary>
    public const string ListKind = "ImagePrePullJobList";

    /// <summary>The resource (plural) name, <c>imageprepulljobs</c>.</summary>
    public const string Plural = "imageprepulljobs";

    /// <summary>The singular name, <c>imageprepulljob</c>.</summary>
    public const string Singular = "imageprepulljob";

    /// <summary>The CRD's name, <c>imageprepulljobs.operations.kubeedge.io</c>.</summary>
    public const string CrdName = Plural + "." + Group;

    /// <summary>The finalizer the controller puts on every job it runs (the same as upstream's).</summary>
    public const string Finalizer = "kubeedge.io/imageprepulljob-controller";

    /// <summary>
    /// The annotation whose new value re-runs the <c>Failure</c> and <c>Unknown</c> nodes of a finished job,
    /// <c>operations.kubeedge.io/rerun</c> (any value; the last one acted on is <see cref="ImagePrePullJobStatus.ObservedRerun"/>).
    /// </summary>
    public const string RerunAnnotation = Group + "/rerun";
}
