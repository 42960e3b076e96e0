using Upsell.Domain.Offers;

namespace Upsell.Domain.Tokens;

/// <summary>
/// What the server vouches for about one shown offer; the storefront echoes it with every event. The segment is the
/// shopper's (device, buyer, country) at decision time, for the moment reports; the cart's value then (minor units),
/// for variance reduction (<see cref="Statistics.Cuped"/>). Tokens signed before either existed lack them.
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
    string? Segment = null,
    long? CartValueMinor = null);
