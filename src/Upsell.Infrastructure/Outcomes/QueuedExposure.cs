namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// A visitor who asked for an offer at a moment, held out or treated in a holdout phase: the holdout view's
/// denominator. Messages queued before phases existed have none and count in the phase current when recorded.
/// </summary>
public sealed record QueuedExposure(string VisitorId, string SessionId, string Moment, bool HeldOut, DateTimeOffset At, string? Phase = null);
