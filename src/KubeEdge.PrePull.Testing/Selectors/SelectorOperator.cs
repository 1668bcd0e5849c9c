namespace KubeEdge.PrePull.Testing.Selectors;

/// <summary>Operators of label and field selectors.</summary>
internal enum SelectorOperator
{
    /// <summary><c>key=value</c> or <c>key==value</c>.</summary>
    Equals,

    /// <summary><c>key!=value</c> (also matches a missing key).</summary>
    NotEquals,

    /// <summary><c>key in (a,b)</c>.</summary>
    In,

    /// <summary><c>key notin (a,b)</c> (also matches a missing key).</summary>
    NotIn,

    /// <summary><c>key</c>.</summary>
    Exists,

    /// <summary><c>!key</c>.</summary>
    DoesNotExist,

    /// <summary><c>key&gt;1</c> (integers).</summary>
    GreaterThan,

    /// <summary><c>key&lt;1</c> (integers).</summary>
    LessThan,
}
