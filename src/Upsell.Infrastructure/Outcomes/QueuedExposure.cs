namespace Upsell.Infrastructure.Outcomes;

/// <summary>A visitor who asked for an offer at a moment, held out or treated: the holdout view's denominator.</summary>
public sealed record QueuedExposure(string VisitorId, string SessionId, string Moment, bool HeldOut, DateTimeOffset At);
