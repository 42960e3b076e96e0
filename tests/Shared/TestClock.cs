using Microsoft.Extensions.Time.Testing;

namespace Upsell.Tests;

/// <summary>
/// The test's clock: "now" moves only when the test moves it, while waits (back-off between conflicting writes) take
/// real time, so a test never hangs on a timer nobody advances.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}
