using Upsell.Domain;
using Upsell.Domain.Offers;
using Upsell.Domain.Tokens;
using Upsell.Domain.Validation;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>A verified decision token as it travels in a queue message: already checked, so not signed again.</summary>
public sealed record QueuedDecision(
    string DecisionId,
    string OfferId,
    string? Experiment,
    int? Phase,
    string? Variant,
    string Moment,
    string VisitorId,
    string SessionId,
    DateTimeOffset IssuedAt,
    string? Segment = null,
    long? CartValue = null,
    string? Product = null,
    string? Network = null,
    int? EarlierOrders = null)
{
    /// <summary>The token's <see cref="DecisionToken.CountKey"/>.</summary>
    public string CountKey => DecisionToken.CountKeyOf(DecisionId, OfferId);

    public static QueuedDecision From(DecisionToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new(token.DecisionId, token.OfferId, token.ExperimentKey, token.ExperimentPhase, token.VariantKey,
            Wire.Name(token.Moment), token.VisitorId, token.SessionId, token.IssuedAt, token.Segment, token.CartValueMinor, token.Product, token.AddressBucket, token.EarlierOrders);
    }

    /// <summary>The token again, or null when a field is not what the HTTP function would have let through.</summary>
    public DecisionToken? ToToken() =>
        Wire.TryParse<Moment>(Moment, out var moment)
        && Fields.IsId(OfferId) && Fields.IsId(VisitorId) && Fields.IsId(SessionId) && !string.IsNullOrEmpty(DecisionId)
        && (Experiment is null || (Fields.IsId(Experiment) && Fields.IsId(Variant) && Phase > 0))
            ? new DecisionToken(DecisionId, OfferId, Experiment, Phase, Variant, moment, VisitorId, SessionId, IssuedAt,
                Domain.Outcomes.Segment.TryParse(Segment, out _) ? Segment : null, CartValue is >= 0 ? CartValue : null,
                Domain.Orders.OfferedProduct.IsMark(Product) ? Product : null, Domain.Outcomes.AddressBucket.IsBucket(Network) ? Network : null, EarlierOrders is >= 0 ? EarlierOrders : null)
            : null;
}
