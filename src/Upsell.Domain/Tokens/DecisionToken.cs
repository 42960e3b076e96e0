using Upsell.Domain.Offers;

namespace Upsell.Domain.Tokens;

/// <summary>
/// What the server vouches for about one shown offer; the storefront echoes it with every event. The segment is the
/// shopper's (device, buyer, country) at decision time, for the moment reports; tokens signed before it existed lack it.
/// </summary>
public sealed record DecisionToken(
    string DecisionId,
    string OfferId,
    string? ExperimentKey,
    int? ExperimentPhase,
    string? VariantKey,
    Moment Moment,
    string VisitorId,
    string SessionId,
    DateTimeOffset IssuedAt,
    string? Segment = null);
