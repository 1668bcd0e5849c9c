namespace KubeEdge.PrePull.Planning;

/// <summary>
/// Sorts nodes into groups that must get the same plan without allocating per node. A plan depends only on which
/// override rules select the node, and a selector only reads the keys it names, so nodes are grouped by the values
/// of those keys alone (absent is distinct from empty): fewer lookups than hashing every label, and nodes that
/// differ only in irrelevant labels share a group.
/// </summary>
internal sealed class LabelGrouper
{
    private readonly string[] _keys;
    private readonly string?[] _scratch;
    private readonly Dictionary<int, int> _firstByHash = [];
    private readonly List<Group> _groups = [];

    /// <param name="keys">The label keys any rule's selector reads.</param>
    public LabelGrouper(IReadOnlyList<string> keys)
    {
        _keys = [.. keys];
        _scratch = new string?[_keys.Length];
    }

    /// <summary>How many groups there are so far; group numbers are 0 to <c>Count - 1</c> in order of first sight.</summary>
    public int Count => _groups.Count;

    /// <summary>The labels of the first node seen in a group (any member would do).</summary>
    public IReadOnlyDictionary<string, string> SampleOf(int group) => _groups[group].Sample;

    /// <summary>The group of a node with these labels; a new group gets the next number.</summary>
    public int GroupOf(IReadOnlyDictionary<string, string> labels)
    {
        var hash = default(HashCode);
        for (var i = 0; i < _keys.Length; i++)
        {
            var value = labels.TryGetValue(_keys[i], out var found) ? found : null;
            _scratch[i] = value;
            hash.Add(value is null ? -1 : string.GetHashCode(value, StringComparison.Ordinal));
        }

        var code = hash.ToHashCode();
        if (_firstByHash.TryGetValue(code, out var index))
        {
            while (true)
            {
                var group = _groups[index];
                if (SameAsScratch(group.Values))
                {
                    return index;
                }

                if (group.Next < 0)
                {
                    // Same hash, different values: chain a new group behind this one.
                    _groups[index] = group with { Next = _groups.Count };
                    break;
                }

                index = group.Next;
            }
        }
        else
        {
            _firstByHash.Add(code, _groups.Count);
        }

        _groups.Add(new Group([.. _scratch], -1, labels));
        return _groups.Count - 1;
    }

    private bool SameAsScratch(string?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!string.Equals(values[i], _scratch[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Group(string?[] Values, int Next, IReadOnlyDictionary<string, string> Sample);
}
