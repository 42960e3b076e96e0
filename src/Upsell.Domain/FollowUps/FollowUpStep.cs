namespace Upsell.Domain.FollowUps;

/// <summary>What to do with a follow-up now: send it, wait until <see cref="At"/>, or let it expire unsent.</summary>
public readonly record struct FollowUpStep(FollowUpAction Action, DateTimeOffset At)
{
    /// <summary>
    /// The step for a follow-up with window <paramref name="window"/> that may not go out before
    /// <paramref name="notBefore"/> (a retry's time), with the recipient's quiet hours in <paramref name="zone"/>.
    /// An email that cannot go out before the window closes expires; it is never sent late.
    /// </summary>
    public static FollowUpStep Next(FollowUpWindow window, DateTimeOffset? notBefore, DateTimeOffset now, QuietHours quiet, TimeZoneInfo zone)
    {
        if (now >= window.ExpiresAt)
        {
            return new(FollowUpAction.Expire, now);
        }

        var earliest = Max(Max(now, window.DueAt), notBefore ?? now);
        var allowed = quiet.NextAllowed(earliest, zone);
        if (allowed >= window.ExpiresAt)
        {
            // The rest of the window is quiet hours or past the retry time: it will not open again.
            return new(FollowUpAction.Expire, now);
        }

        return allowed > now ? new(FollowUpAction.Wait, allowed) : new(FollowUpAction.Send, now);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
