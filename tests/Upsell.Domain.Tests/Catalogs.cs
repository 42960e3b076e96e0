using System.Collections.Frozen;
using Upsell.Domain.Decisions;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Tests;

/// <summary>Small offers and shoppers that the rule tables change one field at a time.</summary>
internal static class Catalogs
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static Offer Offer(string id, Moment moment = Moment.Payment, int priority = 0, OfferTargeting? targeting = null, long price = 999, OfferKind kind = OfferKind.Warranty, string? sku = null) => new()
    {
        Id = id,
        Kind = kind,
        Sku = sku ?? $"SKU-{id}",
        Copy = new Dictionary<string, OfferCopy>
        {
            ["en"] = new($"Headline {id}", "Body", "Add", "No thanks"),
            ["de"] = new($"Überschrift {id}", "Text", "Hinzufügen", "Nein, danke"),
        }.ToFrozenDictionary(),
        DefaultLocale = "en",
        Price = Money.Money.Euros(price),
        Moments = new[] { moment }.ToFrozenSet(),
        Targeting = targeting ?? OfferTargeting.Everyone,
        Priority = priority,
    };

    public static ShopperContext Shopper(Moment moment = Moment.Payment, string visitor = "visitor-1", params CartLine[] cart) => new()
    {
        Moment = moment,
        SessionId = "session-1",
        VisitorId = visitor,
        Cart = cart.Length > 0 ? cart : [Line("CAM-1", "cameras", 50000)],
        Country = "DE",
        Locale = "en",
    };

    public static CartLine Line(string sku, string? category, long unitPrice, int quantity = 1, string currency = "EUR") =>
        new(sku, category, new Money.Money(unitPrice, currency), quantity);

    public static CatalogSnapshot Snapshot(params Offer[] offers) => new(offers, [], Now);

    public static CatalogSnapshot Snapshot(IEnumerable<Offer> offers, params Experiment[] experiments) => new(offers, experiments, Now);

    public static FrozenSet<string> Set(params string[] values) => values.ToFrozenSet(StringComparer.Ordinal);

    public static FrozenSet<T> Set<T>(params T[] values) => values.ToFrozenSet();

    /// <summary>Options without a holdout, so rules other than the holdout can be tested on any visitor.</summary>
    public static DecisionOptions NoHoldout() => new() { HoldoutPercent = 0 };

    /// <summary>A visitor id that the default 5% holdout catches, or misses.</summary>
    public static string Visitor(bool heldOut, DecisionOptions? options = null)
    {
        var engine = new OfferEngine(options ?? new DecisionOptions());
        return Enumerable.Range(0, 10_000).Select(i => $"visitor-{i}").First(v => engine.IsHeldOut(v) == heldOut);
    }
}
