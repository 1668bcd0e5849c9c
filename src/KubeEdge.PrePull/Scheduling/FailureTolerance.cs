namespace KubeEdge.PrePull.Scheduling;

/// <summary>The tolerance rule: a job fails as soon as failed / total &gt; tolerate.</summary>
internal static class FailureTolerance
{
    // failed / total > tolerate  <=>  failed > tolerate * total for total > 0; the product of a decimal with an
    // int is exact, where the quotient (1/3) would not be.
    public static bool IsExceeded(int failed, int total, decimal tolerate) =>
        total == 0 || failed > tolerate * total;
}
