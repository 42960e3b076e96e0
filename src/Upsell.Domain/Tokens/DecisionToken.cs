using Upsell.Domain.Offers;

namespace Upsell.Domain.Tokens;

/// <summary>
/// What the server vouches for about one shown offer; the storefront echoes it with every event. The segment is the
/// shopper's (device, buyer, country) at decision time, for the moment reports; the cart's value then (minor units),
/// for variance reduction (<see cref="Statistics.Cuped"/>). <see cref="Product"/> is the offered product's mark
/// (<see cref="Orders.OfferedProduct"/>), the only line an order may attribute to the token; <see cref="AddressBucket"/>
/// the hashed network the request came from (<see cref="Outcomes.AddressBucket"/>), for traffic quality;
/// <see cref="EarlierOrders"/> the orders the shopper had placed before, a second covariate for variance reduction.
/// Tokens signed before any of these existed lack them, and their issue time is whole seconds.
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
    long? CartValueMinor = null,
    string? Product = null,
    string? AddressBucket = null,
    int? EarlierOrders = null)
{
    /// <summary>What one token counts once per event type, and claims once among all orders: the decision and the offer.</summary>
    public string CountKey => CountKeyOf(DecisionId, OfferId);

    /// <summary>The <see cref="CountKey"/> of a decision's offer.</summary>
    public static string CountKeyOf(string decisionId, string offerId) => $"{decisionId}:{offerId}";
}
