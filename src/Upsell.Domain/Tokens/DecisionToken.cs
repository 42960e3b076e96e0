using Upsell.Domain.Offers;

namespace Upsell.Domain.Tokens;

/// <summary>What the server vouches for about one shown offer; the storefront echoes it with every event.</summary>
public sealed record DecisionToken(
    string DecisionId,
    string OfferId,
    string? ExperimentKey,
    int? ExperimentPhase,
    string? VariantKey,
    Moment Moment,
    string VisitorId,
    string SessionId,
    DateTimeOffset IssuedAt);
