using Upsell.Domain.Validation;
namespace Upsell.Functions.Events;

/// <summary>The body of <c>POST /api/events</c>: up to <see cref="Limits.Events"/> events.</summary>
public sealed record EventBatchRequest(IReadOnlyList<EventRequest>? Events);
