using Upsell.Domain.Outcomes;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>An outcome to count, with what its marker row keeps of where it came from.</summary>
public sealed record StatsRecord(Outcome Outcome, string DecisionId, string SessionId, DateTimeOffset At, DateTimeOffset ReceivedAt);
