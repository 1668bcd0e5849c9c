using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Selectors;

/// <summary>One requirement of a label selector, e.g. <c>region in (eu,us)</c> or <c>!legacy</c>.</summary>
/// <param name="Key">Label key.</param>
/// <param name="Operator">How the value is compared.</param>
/// <param name="Values">Values compared with (empty for exists checks).</param>
internal sealed record LabelRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    /// <summary>Whether a set of labels satisfies the requirement.</summary>
    /// <param name="labels">The object's labels (may be <see langword="null"/>).</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(JsonObject? labels)
    {
        var has = labels is not null && labels.ContainsKey(Key);
        var value = has ? (string?)labels![Key] : null;
        return Operator switch
        {
            SelectorOperator.Exists => has,
            SelectorOperator.DoesNotExist => !has,
            SelectorOperator.Equals or SelectorOperator.In => has && Values.Contains(value),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !has || !Values.Contains(value),
            SelectorOperator.GreaterThan => has && Compare(value) > 0,
            SelectorOperator.LessThan => has && Compare(value) < 0,
            _ => false,
        };
    }

    private int Compare(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number.CompareTo(long.Parse(Values[0], CultureInfo.InvariantCulture))
            : 0;
}
