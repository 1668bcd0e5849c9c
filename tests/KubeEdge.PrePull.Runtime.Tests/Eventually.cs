using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests;

/// <summary>
/// Waits for what the loopback HTTP path makes true asynchronously. Real time is spent only on I/O between steps;
/// every timer of the code under test runs on a <see cref="FakeTimeProvider"/> that the tests advance.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan IoLimit = TimeSpan.FromSeconds(15);

    /// <summary>Polls until <paramref name="condition"/> holds; fails naming <paramref name="what"/> after a generous limit.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > IoLimit)
            {
                Assert.Fail("Timed out waiting until " + what);
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/> at a time, with a short real pause for HTTP round
    /// trips after each step, until <paramref name="condition"/> holds. Returns how far the clock moved.
    /// </summary>
    public static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition, TimeSpan step, TimeSpan limit, string what, Action? afterStep = null)
    {
        var advanced = TimeSpan.Zero;
        while (!condition())
        {
            if (advanced >= limit)
            {
                Assert.Fail($"The clock moved {advanced} without {what}");
            }

            time.Advance(step);
            advanced += step;
            await Task.Delay(20, TestContext.Current.CancellationToken);
            afterStep?.Invoke();
        }

        return advanced;
    }
}
