namespace KubeEdge.PrePull.Labels;

/// <summary>Which forms of the label-selector string syntax <see cref="LabelSelector.TryParse(string, LabelSelectorSyntax, out LabelSelector?, out string?)"/> accepts.</summary>
public enum LabelSelectorSyntax
{
    /// <summary>
    /// The equality- and set-based forms: <c>k</c>, <c>!k</c>, <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
    /// <c>k in (a,b)</c>, <c>k notin (a,b)</c>. The syntax of an overrider's <c>nodeLabel</c>, and the default.
    /// </summary>
    Standard,

    /// <summary>
    /// <see cref="Standard"/> plus <c>k&gt;n</c> and <c>k&lt;n</c> (integers), which kube-apiserver also accepts in a
    /// request's <c>labelSelector</c>: the key is present with an integer value greater (less) than <c>n</c>.
    /// </summary>
    ApiServer,
}
