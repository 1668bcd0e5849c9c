using KubeEdge.PrePull.Labels;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>Checks the label key <c>AddEdgeAgents</c> was given, with Kubernetes' wording for a bad key.</summary>
internal static class EdgeAgentLabelKey
{
    private static readonly System.Buffers.SearchValues<char> NotInKeys = System.Buffers.SearchValues.Create("=!,() \t");

    /// <returns>What is wrong with <paramref name="key"/>, or <see langword="null"/> when it is a valid label key.</returns>
    public static string? Check(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return "the node label key must not be empty";
        }

        // A bare key parses as an "exists" selector, which checks the key with the core's label syntax; anything that
        // parses as more (an operator, a value, a list) is not a key.
        if (key.AsSpan().IndexOfAny(NotInKeys) >= 0)
        {
            return $"\"{key}\" is not a label key: it contains an operator, a separator or a space";
        }

        if (!LabelSelector.TryParse(key, out var selector, out var error))
        {
            return error;
        }

        return selector!.Keys.Count == 1 && selector.Keys[0] == key ? null : $"\"{key}\" is not a label key";
    }
}
