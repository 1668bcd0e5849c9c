namespace KubeEdge.PrePull.Cli.Plans;

/// <summary>How one image would be pulled on the nodes of a plan (the <c>status</c> field of the JSON output).</summary>
internal enum ImageOutcome
{
    /// <summary>With a credential from one of the node's secrets.</summary>
    Credential,

    /// <summary>Without credentials: no secret of the node has one for the image's registry.</summary>
    Anonymous,

    /// <summary>Not at all: the image (or what an override made of it) is no valid reference.</summary>
    Error,
}
