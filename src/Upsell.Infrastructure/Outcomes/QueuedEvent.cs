namespace Upsell.Infrastructure.Outcomes;

/// <summary>One storefront event in a queue message; <see cref="At"/> is the shopper's clock, kept as sent.</summary>
public sealed record QueuedEvent(string Id, string Type, DateTimeOffset At, QueuedDecision Decision);
