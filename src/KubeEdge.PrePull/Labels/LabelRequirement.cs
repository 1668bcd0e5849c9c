using System.Globalization;

namespace KubeEdge.PrePull.Labels;

/// <summary>One requirement of a label selector; a selector is the AND of its requirements.</summary>
/// <param name="Key">The label key.</param>
/// <param name="Operator">The test.</param>
/// <param name="Values">
/// The values for <see cref="LabelOperator.In"/> and <see cref="LabelOperator.NotIn"/>, the one integer for
/// <see cref="LabelOperator.GreaterThan"/> and <see cref="LabelOperator.LessThan"/>; empty otherwise.
/// </param>
/// <param name="Spelling">How the string form writes the operator (<c>=</c>, <c>==</c>, <c>!=</c>, <c>in</c>, <c>notin</c>, <c>&gt;</c>, <c>&lt;</c>), so it round-trips.</param>
internal sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values, string Spelling)
{
    /// <summary>Whether <paramref name="text"/> is an integer as <c>k&gt;n</c> and <c>k&lt;n</c> compare them (a 64-bit signed decimal).</summary>
    public static bool TryParseInteger(string? text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Exists => present,
            LabelOperator.DoesNotExist => !present,
            LabelOperator.In => present && Contains(value!),
            LabelOperator.NotIn => !present || !Contains(value!),
            // Like Kubernetes: a value that is not an integer matches neither.
            LabelOperator.GreaterThan => present && TryParseInteger(value, out var number) && number > Bound(),
            LabelOperator.LessThan => present && TryParseInteger(value, out var number) && number < Bound(),
            _ => false,
        };
    }

    // The parser accepts only an integer here.
    private long Bound() => long.Parse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private bool Contains(string value)
    {
        // Selectors hold a handful of values: a linear scan beats building a set.
        foreach (var candidate in Values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Operator switch
    {
        LabelOperator.Exists => Key,
        LabelOperator.DoesNotExist => "!" + Key,
        _ when Spelling is "in" or "notin" => $"{Key} {Spelling} ({string.Join(',', Values)})",
        _ => Key + Spelling + Values[0],
    };
}
