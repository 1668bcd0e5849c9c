namespace KubeEdge.PrePull.Tests.Architecture.CycleFixture.Front;

/// <summary>Uses <c>Back</c> only inside a method body, which only the IL shows.</summary>
internal sealed class Caller
{
    public static int Call() => Back.Internal.Callee.Value(null);
}
