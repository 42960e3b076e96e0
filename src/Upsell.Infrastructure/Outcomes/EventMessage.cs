namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// One accepted <c>POST /api/events</c> request, or the exposures of an offer request, on the events queue;
/// <see cref="ReceivedAt"/> is the server's clock.
/// </summary>
public sealed record EventMessage(DateTimeOffset ReceivedAt, IReadOnlyList<QueuedEvent> Events, IReadOnlyList<QueuedExposure>? Exposures = null);
