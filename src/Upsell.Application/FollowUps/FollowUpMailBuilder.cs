using System.Text.Json;
using Microsoft.Extensions.Options;
using Upsell.Domain;
using Upsell.Domain.Decisions;
using Upsell.Domain.FollowUps;
using Upsell.Domain.Money;
using Upsell.Domain.Offers;
using Upsell.Domain.Tokens;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Shoppers;

namespace Upsell.Application.FollowUps;

/// <summary>
/// Decides whether a due follow-up goes out and what it offers: never to an address that unsubscribed or that
/// SendGrid reported undeliverable or a spam complainer (the skip reason says which), nor for an order cancelled or
/// refunded in full since (<see cref="OrderAftermath"/>: a partly refunded order's email names only what was kept), and
/// the offer engine picks the add-on for the post-purchase moment with the order as the cart and the visitor's own
/// opt-out, declines and cool-downs, exactly as on the storefront.
/// </summary>
public sealed class FollowUpMailBuilder(
    CatalogSnapshotProvider catalog,
    Infrastructure.Affinity.AffinitySnapshotProvider affinity,
    ShopperStateStore shoppers,
    AddressBook addresses,
    OrderCancellations orders,
    OfferEngine engine,
    UpsellQueues queues,
    DecisionTokenSigner decisionSigner,
    UnsubscribeTokenSigner unsubscribeSigner,
    IOptions<EmailOptions> email,
    IOptions<UnsubscribeOptions> unsubscribe)
{
    public async Task<PreparedFollowUp> PrepareAsync(FollowUpEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (string.IsNullOrWhiteSpace(row.Email))
        {
            return PreparedFollowUp.Skip("no-address");
        }

        var addressKey = row.AddressKey ?? EmailAddressKey.Of(row.Email);
        var visitorId = row.VisitorId ?? "email-" + addressKey[..32];
        var barredTask = addresses.BarredAsync(addressKey, cancellationToken);
        var historyTask = shoppers.LoadHistoryAsync(visitorId, cancellationToken);
        // The order's refunds and cancellation are read beside the address and the visitor, not after them.
        var aftermathTask = orders.AftermathAsync(row.RowKey, cancellationToken);
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        if (await barredTask.ConfigureAwait(false) is { } barred)
        {
            return PreparedFollowUp.Skip(barred);
        }

        var ordered = ReadLines(row.Lines);
        if (ordered.Count == 0)
        {
            return PreparedFollowUp.Skip("no-order-lines");
        }

        var (refunded, cancelled) = await aftermathTask.ConfigureAwait(false);
        var aftermath = OrderAftermath.Of(ordered.Count, refunded, cancelled);
        if (aftermath.SkipReason is { } skip)
        {
            return PreparedFollowUp.Skip(skip);
        }

        var lines = aftermath.KeptLines.Select(i => ordered[i]).ToList();

        var shopper = new ShopperContext
        {
            Moment = Moment.PostPurchase,
            SessionId = row.RowKey,
            VisitorId = visitorId,
            Cart = [.. lines.Select(l => new CartLine(l.Sku, l.Category, new Money(l.UnitPrice, row.Currency), l.Quantity))],
            Locale = row.Locale,
            OrderCount = row.OrderCount ?? 0,
            ReturnedSkus = [.. aftermath.ReturnedLines.Select(i => ordered[i].Sku)],
        };
        // The email is this visitor's post-purchase moment, held out or not; once per order however often it is tried.
        await queues.SendExposureAsync(new QueuedExposure(visitorId, row.RowKey, Wire.Name(Moment.PostPurchase), engine.IsHeldOut(visitorId), now, engine.HoldoutPhase), cancellationToken).ConfigureAwait(false);
        // The order's lines are the cart, so learned ranking reads what goes with what was bought.
        var decision = engine.Decide(snapshot, shopper, await historyTask.ConfigureAwait(false), now, affinity.Current);
        if (!decision.HasOffers)
        {
            return PreparedFollowUp.Skip(Wire.Name(decision.Outcome));
        }

        return Compose(row, addressKey, visitorId, decision.Choices[0], lines, now);
    }

    // The email for the chosen offer: its signed decision token, the words and the links.
    private PreparedFollowUp Compose(FollowUpEntity row, string addressKey, string visitorId, OfferChoice choice, IReadOnlyList<OrderLineMessage> lines, DateTimeOffset now)
    {
        var offer = choice.Offer;
        var token = new DecisionToken(Guid.CreateVersion7(now).ToString("N"), offer.Id, choice.ExperimentKey, choice.ExperimentPhase, choice.VariantKey, Moment.PostPurchase,
            visitorId, row.RowKey, now,
            Segment: Domain.Outcomes.Segment.OfEmail(row.OrderCount ?? 0).ToString(), Product: Domain.Orders.OfferedProduct.Mark(offer.Sku, offer.ExternalId),
            EarlierOrders: row.OrderCount);
        var signed = decisionSigner.Sign(token);
        var unsubscribeToken = unsubscribeSigner.Sign(addressKey, now);
        var options = email.Value;
        var content = new FollowUpContent(
            options.ShopName,
            options.ShopAddress,
            row.Locale,
            [.. lines.Select(l => new BoughtItem(l.Name, l.Quantity))],
            offer.CopyFor(row.Locale),
            MoneyFormatter.Format(offer.Price, row.Locale),
            options.OfferUrl(offer.Sku ?? offer.Id, offer.Id, signed),
            unsubscribe.Value.Url(unsubscribeToken));
        var outgoing = new OutgoingEmail(row.RowKey, row.Email!, FollowUpEmailComposer.Compose(content), content.UnsubscribeUrl, unsubscribe.Value.Mailto(unsubscribeToken), offer.Id, signed);
        return new PreparedFollowUp(outgoing, token, null);
    }

    private static IReadOnlyList<OrderLineMessage> ReadLines(byte[] lines)
    {
        try
        {
            return lines.Length == 0 ? [] : JsonSerializer.Deserialize(lines, QueueJson.Default.IReadOnlyListOrderLineMessage) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
