using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Storage;
using CoreLabelSelector = KubeEdge.PrePull.Labels.LabelSelector;
using LabelSelectorSyntax = KubeEdge.PrePull.Labels.LabelSelectorSyntax;

namespace KubeEdge.PrePull.Testing.Selectors;

/// <summary>
/// A request's <c>labelSelector</c>, in the full string syntax kube-apiserver accepts: the core's parser with
/// <see cref="LabelSelectorSyntax.ApiServer"/> (the core's syntax plus <c>k&gt;n</c> and <c>k&lt;n</c>), matched
/// against the labels of stored JSON objects.
/// </summary>
internal sealed class LabelSelector
{
    private readonly CoreLabelSelector _selector;

    private LabelSelector(CoreLabelSelector selector) => _selector = selector;

    /// <summary>Whether it selects everything.</summary>
    public bool IsEmpty => _selector.IsEverything;

    /// <summary>Parses a selector such as <c>env=prod,region in (eu,us),!legacy,tier&gt;2</c>.</summary>
    /// <param name="text">The selector; empty selects everything.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ApiException">400 saying what cannot be parsed and where.</exception>
    public static LabelSelector Parse(string? text) =>
        CoreLabelSelector.TryParse(text ?? string.Empty, LabelSelectorSyntax.ApiServer, out var selector, out var error)
            ? new LabelSelector(selector)
            : throw ApiException.BadRequest($"unable to parse requirement: {error}");

    /// <summary>The first equality or <c>in</c> requirement (docs/design.md §3: watches are indexed by it), if any.</summary>
    /// <param name="key">The label key.</param>
    /// <param name="values">The values the label must have.</param>
    /// <returns>Whether there is one.</returns>
    public bool TryGetRequiredValues([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IReadOnlyList<string>? values) =>
        _selector.TryGetRequiredValues(out key, out values);

    /// <summary>Whether an object's labels match.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Whether every requirement holds.</returns>
    public bool Matches(JsonObject obj) => _selector.Matches(new JsonLabels(obj["metadata"]?["labels"] as JsonObject));
}
