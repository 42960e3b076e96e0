using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>
/// The moments after the order as one chain: checkout, then the confirmation (thank-you) page, then the follow-up
/// email 24–72 h later. A later link may carry an offer an earlier one could not, and never repeats one the shopper
/// answered:
/// <list type="table">
/// <item><term>the earlier moment was not reached, or decided nothing for the shopper</term><description>the next
/// may carry the offer (a payment method that skips the thank-you page still gets the email's)</description></item>
/// <item><term>shown there, no answer</term><description>the next may carry it again</description></item>
/// <item><term>shown there and declined</term><description>not repeated: a decline keeps the offer (and, by
/// default, its kind) away for the cool-down at every moment (<see cref="Eligibility"/>)</description></item>
/// <item><term>shown there and taken</term><description>not repeated after the order: an offer the shopper took
/// within the cool-down is not offered again at the confirmation page or by email (<see cref="RuledOutBy"/>),
/// even when it was bought in an order of its own</description></item>
/// <item><term>taken at checkout</term><description>not repeated: its product is in the order, which is the cart
/// of the moments after it</description></item>
/// </list>
/// Before the order the cart itself says what was taken, so this rule does not apply there.
/// </summary>
public static class FallbackChain
{
    /// <summary>The moments after the order, where what the shopper took earlier keeps an offer away.</summary>
    public static bool IsAfterTheOrder(Moment moment) => moment is Moment.Confirmation or Moment.PostPurchase;

    /// <summary><see cref="Ineligible.Taken"/> when the shopper took the offer within the cool-down and the moment is after the order; else null.</summary>
    public static Ineligible? RuledOutBy(Offer offer, ShopperContext shopper, ShopperHistory history, DateTimeOffset now, DecisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(shopper);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        return IsAfterTheOrder(shopper.Moment) && history.Accepts.Any(a => a.OfferId == offer.Id && now - a.At < options.DeclineCooldown)
            ? Ineligible.Taken
            : null;
    }
}
