namespace Upsell.Functions.Events;

/// <summary>The body of <c>POST /api/events</c>: up to <see cref="EventBatchValidator.MaxEvents"/> events.</summary>
public sealed record EventBatchRequest(IReadOnlyList<EventRequest>? Events);
