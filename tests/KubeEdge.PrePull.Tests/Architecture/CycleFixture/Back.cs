namespace KubeEdge.PrePull.Tests.Architecture.CycleFixture.Back.Internal;

/// <summary>Uses <c>Front</c> in a signature, from a namespace that counts as <c>Back</c>.</summary>
internal static class Callee
{
    public static int Value(Front.Caller? caller) => caller is null ? 0 : 1;
}
