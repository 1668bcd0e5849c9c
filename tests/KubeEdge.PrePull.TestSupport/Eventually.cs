using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.TestSupport;

/// <summary>
/// The one way tests wait for something another thread or process makes true (a background service writing a log
/// record, a daemon flushing its access log, a cache applying a watch event): poll the condition until it holds, and
/// fail with a message naming what was awaited when a generous deadline passes. The deadline is only a safety net
/// against hangs; every wait ends as soon as its condition holds, so a loaded machine makes a test slower, never red.
/// </summary>
/// <remarks>
/// A check that something did NOT happen never sleeps: it waits for a later event that proves the code under test
/// got past the point where it would have happened (a timer it armed, a marker request logged after it), then asserts.
/// </remarks>
public static class Eventually
{
    /// <summary>How long any single wait may take before the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan Between = TimeSpan.FromMilliseconds(10);

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <returns>A task.</returns>
    public static Task WaitUntilAsync(Func<bool> condition, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), () => what, Timeout, Every);

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="what">What is awaited, for the failure message; asked only on failure, so it may show the last state.</param>
    /// <returns>A task.</returns>
    public static Task WaitUntilAsync(Func<bool> condition, Func<string> what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, Timeout, Every);

    /// <summary>Polls an asynchronous <paramref name="condition"/> (e.g. a read through an API) until it holds.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="what">What is awaited, for the failure message; asked only on failure, so it may show the last state.</param>
    /// <param name="limit">How long the wait may take before the test fails.</param>
    /// <param name="every">The pause between two polls.</param>
    /// <returns>A task.</returns>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan limit, TimeSpan every)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition().ConfigureAwait(false))
        {
            if (TimeProvider.System.GetElapsedTime(start) > limit)
            {
                Assert.Fail($"Timed out after {limit} waiting until {what()}.");
            }

            await Task.Delay(every, TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a task another thread completes, failing with <paramref name="what"/> if it takes longer than <see cref="Timeout"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <returns>The task's result.</returns>
    public static async Task<T> CompletesAsync<T>(Task<T> task, string what)
    {
        await CompletesAsync((Task)task, what).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>Waits for a task another thread completes, failing with <paramref name="what"/> if it takes longer than <see cref="Timeout"/>.</summary>
    /// <param name="task">The task.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <returns>When the task has completed (its exception, if any, is left to the caller).</returns>
    public static async Task CompletesAsync(Task task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        var finished = await Task.WhenAny(task, Task.Delay(Timeout, TestContext.Current.CancellationToken)).ConfigureAwait(false);
        if (finished != task)
        {
            Assert.Fail($"Timed out after {Timeout} waiting until {what}.");
        }
    }

    /// <summary>
    /// Moves a fake clock forward in steps, letting real work (HTTP calls, background loops) run between steps,
    /// until <paramref name="condition"/> holds; <paramref name="eachStep"/> may assert an invariant before every step.
    /// </summary>
    /// <param name="time">The clock.</param>
    /// <param name="step">How far each step goes.</param>
    /// <param name="condition">When to stop.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="eachStep">Optional check run before every step.</param>
    /// <returns>A task.</returns>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Func<bool> condition, string what, Action? eachStep = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(condition);
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
                Assert.Fail($"Timed out after {Timeout} waiting until {what} (fake clock at {time.GetUtcNow():O}).");
            }

            time.Advance(step);
            await Task.Delay(Between, TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Moves a fake clock forward in steps until an asynchronous <paramref name="condition"/> (e.g. a read through an API) holds.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="step">How far each step goes.</param>
    /// <param name="condition">When to stop.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <returns>A task.</returns>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(condition);
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition().ConfigureAwait(false))
        {
            if (TimeProvider.System.GetElapsedTime(start) > Timeout)
            {
                Assert.Fail($"Timed out after {Timeout} waiting until {what} (fake clock at {time.GetUtcNow():O}).");
            }

            time.Advance(step);
            await Task.Delay(Between, TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Moves a fake clock forward in steps until <paramref name="task"/> completes (see the other overload).</summary>
    /// <param name="time">The clock.</param>
    /// <param name="step">How far each step goes.</param>
    /// <param name="task">The work that needs the clock to move.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <returns>When the task has completed (its exception, if any, is left to the caller).</returns>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Task task, string what)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(task);
        var start = TimeProvider.System.GetTimestamp();
        while (!task.IsCompleted)
        {
            if (TimeProvider.System.GetElapsedTime(start) > Timeout)
            {
                Assert.Fail($"Timed out after {Timeout} waiting until {what} (fake clock at {time.GetUtcNow():O}).");
            }

            time.Advance(step);
            await Task.WhenAny(task, Task.Delay(Between, TestContext.Current.CancellationToken)).ConfigureAwait(false);
        }
    }
}
