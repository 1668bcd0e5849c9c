namespace KubeEdge.PrePull.Labels;

/// <summary>
/// A parsed Kubernetes label selector: the AND of its requirements. Build one from the string syntax
/// (<see cref="TryParse(string, out LabelSelector?, out string?)"/>, used by <c>nodeLabel</c>; the
/// <see cref="LabelSelectorSyntax.ApiServer"/> form for an API server's <c>labelSelector</c> parameter) or from a
/// <see cref="k8s.Models.V1LabelSelector"/> (<see cref="TryFromV1"/>, used by <c>labelSelector</c>). Immutable and
/// safe to share between threads.
/// </summary>
public sealed partial class LabelSelector
{
    private readonly LabelRequirement[] _requirements;

    private LabelSelector(LabelRequirement[] requirements)
    {
        _requirements = requirements;
    }

    /// <summary>The selector without requirements: it selects every label set.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Whether the selector has no requirement and so selects everything.</summary>
    public bool IsEverything => _requirements.Length == 0;

    /// <summary>The label keys the selector looks at, in order of first use.</summary>
    public IReadOnlyList<string> Keys => _requirements.Select(r => r.Key).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Parses the string syntax: <c>k</c>, <c>!k</c>, <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>,
    /// <c>k notin (a,b)</c>, joined by commas (AND). An empty or blank string selects everything.
    /// </summary>
    /// <param name="text">The selector text.</param>
    /// <param name="selector">The selector, when the text is valid.</param>
    /// <param name="error">
    /// What is wrong, when it is not: it names the 0-based position of the offending text, e.g.
    /// <c>expected a value after "!=" at position 14</c>. It does not name the field; callers prefix it.
    /// </param>
    /// <returns>Whether the text is a valid selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LabelSelector? selector, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error) =>
        TryParse(text, LabelSelectorSyntax.Standard, out selector, out error);

    /// <summary>
    /// Parses the string syntax in the given form: <see cref="LabelSelectorSyntax.Standard"/> is what
    /// <see cref="TryParse(string, out LabelSelector?, out string?)"/> accepts; <see cref="LabelSelectorSyntax.ApiServer"/>
    /// adds <c>k&gt;n</c> and <c>k&lt;n</c> as kube-apiserver does (e.g. for an API server that answers list requests).
    /// </summary>
    /// <param name="text">The selector text.</param>
    /// <param name="syntax">The forms to accept.</param>
    /// <param name="selector">The selector, when the text is valid.</param>
    /// <param name="error">What is wrong, when it is not, naming the 0-based position of the offending text.</param>
    /// <returns>Whether the text is a valid selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="syntax"/> is not a defined value.</exception>
    public static bool TryParse(string text, LabelSelectorSyntax syntax, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LabelSelector? selector, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (syntax is not (LabelSelectorSyntax.Standard or LabelSelectorSyntax.ApiServer))
        {
            throw new ArgumentOutOfRangeException(nameof(syntax), syntax, "not a label-selector syntax");
        }

        if (!LabelSelectorParser.TryParse(text, syntax, out var requirements, out error))
        {
            selector = null;
            return false;
        }

        selector = requirements.Count == 0 ? Everything : new LabelSelector([.. requirements]);
        error = null;
        return true;
    }

    /// <summary>Parses the string syntax, throwing on invalid text.</summary>
    /// <param name="text">The selector text.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a valid selector; the message says why and where.</exception>
    public static LabelSelector Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException($"invalid label selector \"{text}\": {error}");

    /// <summary>Whether the labels satisfy every requirement.</summary>
    /// <param name="labels">A node's labels.</param>
    /// <returns><see langword="true"/> when the node is selected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> is <see langword="null"/>.</exception>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The first requirement that only a few label values satisfy (<c>k=v</c>, <c>k==v</c>, <c>k in (a,b)</c>): a
    /// label set can match only when its value of <paramref name="key"/> is one of <paramref name="values"/>. An API
    /// server indexes its label-selected watches by it.
    /// </summary>
    /// <param name="key">The label key.</param>
    /// <param name="values">The values it must have (at least one).</param>
    /// <returns>Whether the selector has such a requirement.</returns>
    internal bool TryGetRequiredValues([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IReadOnlyList<string>? values)
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Operator == LabelOperator.In && requirement.Values.Count > 0)
            {
                key = requirement.Key;
                values = requirement.Values;
                return true;
            }
        }

        key = null;
        values = null;
        return false;
    }

    /// <summary>The selector in string syntax (parses back to an equivalent selector).</summary>
    /// <returns>The requirements joined by commas; empty for <see cref="Everything"/>.</returns>
    public override string ToString() => string.Join(',', _requirements.Select(r => r.ToString()));
}
