namespace KubeEdge.PrePull.Labels;

/// <summary>How one requirement of a label selector tests a node's labels.</summary>
internal enum LabelOperator
{
    /// <summary>The key is present (any value).</summary>
    Exists,

    /// <summary>The key is absent.</summary>
    DoesNotExist,

    /// <summary>The key is present with one of the values (<c>k=v</c>, <c>k==v</c>, <c>k in (a,b)</c>).</summary>
    In,

    /// <summary>The key is absent or has none of the values (<c>k!=v</c>, <c>k notin (a,b)</c>).</summary>
    NotIn,

    /// <summary>The key is present with an integer value greater than the one value (<c>k&gt;n</c>).</summary>
    GreaterThan,

    /// <summary>The key is present with an integer value less than the one value (<c>k&lt;n</c>).</summary>
    LessThan,
}
