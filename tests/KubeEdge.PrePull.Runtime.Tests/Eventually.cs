using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests;

/// <summary>
/// Waits on conditions that other threads make true (a cache applying a watch event, an elector finishing an HTTP
/// call). The timeout is only a safety net against hangs: every wait ends as soon as its condition holds.
/// </summary>
internal static class Eventually
{
    /// <summary>How long any single wait may take before the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <returns>A task.</returns>
    public static Task WaitUntilAsync(Func<bool> condition, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), () => what, Timeout, TimeSpan.FromMilliseconds(5));

    /// <summary>Polls an asynchronous <paramref name="condition"/> (e.g. a read through the API) until it holds.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="what">What is awaited, for the failure message; asked only on failure, so it may show the last state.</param>
    /// <param name="limit">How long the wait may take before the test fails.</param>
    /// <param name="every">The pause between two polls.</param>
    /// <returns>A task.</returns>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan limit, TimeSpan every)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > limit)
            {
                Assert.Fail($"Timed out waiting until {what()}.");
            }

            await Task.Delay(every, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Moves a fake clock forward in small steps, letting real work (HTTP calls) run between steps, until
    /// <paramref name="condition"/> holds; <paramref name="eachStep"/> may assert an invariant after every step.
    /// </summary>
    /// <param name="time">The clock.</param>
    /// <param name="step">How far each step goes.</param>
    /// <param name="condition">When to stop.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="eachStep">Optional check run before every step.</param>
    /// <returns>A task.</returns>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Func<bool> condition, string what, Action? eachStep = null)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (true)
        {
            eachStep?.Invoke();
            if (condition())
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(start) > Timeout)
            {
                Assert.Fail($"Timed out waiting until {what} (fake clock at {time.GetUtcNow():O}).");
            }

            time.Advance(step);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
