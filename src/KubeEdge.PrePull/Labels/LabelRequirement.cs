namespace KubeEdge.PrePull.Labels;

/// <summary>One requirement of a label selector; a selector is the AND of its requirements.</summary>
/// <param name="Key">The label key.</param>
/// <param name="Operator">The test.</param>
/// <param name="Values">The values for <see cref="LabelOperator.In"/> and <see cref="LabelOperator.NotIn"/>; empty otherwise.</param>
/// <param name="Spelling">How the string form writes the operator (<c>=</c>, <c>==</c>, <c>!=</c>, <c>in</c>, <c>notin</c>), so it round-trips.</param>
internal sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values, string Spelling)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Exists => present,
            LabelOperator.DoesNotExist => !present,
            LabelOperator.In => present && Contains(value!),
            LabelOperator.NotIn => !present || !Contains(value!),
            _ => false,
        };
    }

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
