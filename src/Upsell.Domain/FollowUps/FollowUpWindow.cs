namespace Upsell.Domain.FollowUps;

/// <summary>When an order's follow-up email may go out: from <see cref="DueAt"/> until <see cref="ExpiresAt"/>.</summary>
public readonly record struct FollowUpWindow(DateTimeOffset DueAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The window that opens <paramref name="delay"/> after the order and closes <paramref name="closesAfter"/> after it.</summary>
    public static FollowUpWindow After(DateTimeOffset placedAt, TimeSpan delay, TimeSpan closesAfter) =>
        closesAfter <= delay
            ? throw new ArgumentOutOfRangeException(nameof(closesAfter), "The window must close after it opens.")
            : new FollowUpWindow(placedAt + delay, placedAt + closesAfter);
}
