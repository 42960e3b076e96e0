using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Upsell.Application.Catalog;
using Upsell.Domain.Decisions;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Tokens;
using Upsell.Functions.Reports;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Shoppers;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// Shoppers of the demo catalog's cart experiment, recorded through the real path: signed tokens, event batches as
/// the events function queues them (impressions, accepts, and the exposures each offer request queues), signed
/// orders through the order webhook, all counted by the queue functions.
/// </summary>
internal static class Reports
{
    public const string Experiment = "cart-sd-card-price";
    public const long BaseOrder = 10_000;

    /// <summary>
    /// A guardrail entry of the demo experiment against the shoppers seeded: each arm's exposed visitors (those not held
    /// out) and the share of them who ordered.
    /// </summary>
    public static void AssertCompletionOf(IReadOnlyList<Shopper> shoppers, System.Text.Json.JsonElement guardrail)
    {
        foreach (var (arm, visitors, rate) in new[] { ("control", "controlVisitors", "control"), ("discounted", "treatmentVisitors", "treatment") })
        {
            var mine = shoppers.Where(s => !s.HeldOut && s.Variant == arm).ToList();
            Assert.Equal(mine.Count, guardrail.GetProperty(visitors).GetInt64());
            Assert.Equal(mine.Count(s => s.Orders) / (double)mine.Count, guardrail.GetProperty(rate).GetDouble(), 12);
        }
    }

    public sealed record Shopper(int Index, string VisitorId, string Variant, Segment Segment, bool HeldOut, bool Accepts, bool Orders, DecisionToken? Decision, string? Token);

    /// <summary>
    /// Records the shoppers, each treated one kept in its arm as the offer path keeps it; each who accepts orders the
    /// offer (unit price 1999) on top of the base order, and so do those <paramref name="orders"/> picks (every fifth
    /// by default) without it. <paramref name="cartValue"/> gives the cart's value each decision token vouches for, and
    /// <paramref name="earlierOrders"/> the shopper's earlier orders.
    /// </summary>
    public static async Task<IReadOnlyList<Shopper>> SeedAsync(this TestApp app, int count, Func<int, string, bool> accepts, Func<int, string, bool>? dropImpression = null, string prefix = "", DateTimeOffset? at = null, string experimentKey = Experiment,
        Func<int, string, bool>? orders = null, Func<int, long>? cartValue = null, Func<int, int>? earlierOrders = null)
    {
        var stored = await app.Get<CatalogAdmin>().GetExperimentAsync(experimentKey, default);
        var experiment = stored!.Document.ToExperiment(stored.Document.Phase ?? 1);
        var engine = app.Get<OfferEngine>();
        var signer = app.Get<DecisionTokenSigner>();
        var now = at ?? app.Clock.GetUtcNow();
        var shoppers = Enumerable.Range(0, count).Select(i =>
        {
            var visitor = $"{prefix}shopper-{i}";
            var assigned = experiment.Assign(visitor)!;
            var variant = assigned.Key;
            var segment = new Segment(i % 3 == 0 ? Device.Mobile : Device.Desktop, i % 2 == 0, i % 4 == 0 ? "FR" : "DE");
            var heldOut = engine.IsHeldOut(visitor);
            var offerId = assigned.OfferId ?? experiment.SubjectOfferId;
            // Issued a shopper's reading time before their events, for the offer's product, as the offer function signs it.
            var decision = heldOut ? null : new DecisionToken($"d-{visitor}", offerId, experiment.Key, experiment.Phase, variant, experiment.Moment, visitor, $"s-{visitor}", now - Outcomes.ReadingTime,
                segment.ToString(), cartValue?.Invoke(i), Outcomes.ProductOf(offerId), EarlierOrders: earlierOrders?.Invoke(i));
            var accepted = !heldOut && accepts(i, variant);
            return new Shopper(i, visitor, variant, segment, heldOut, accepted, (orders?.Invoke(i, variant) ?? i % 5 == 0) || accepted, decision, decision is null ? null : signer.Sign(decision));
        }).ToList();
        var shoppersStore = app.Get<ShopperStateStore>();
        await Parallel.ForEachAsync(shoppers.Where(s => s.Decision is not null), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, _) =>
            await shoppersStore.TryRecordAsync(s.VisitorId, $"s-{s.VisitorId}", null, new StickyAssignment(experiment.Key, experiment.Phase, s.Variant), new ShopperState(new ShopperHistory(), null), now, default));

        var exposures = shoppers.Select(s => new QueuedExposure(s.VisitorId, $"s-{s.VisitorId}", Domain.Wire.Name(experiment.Moment), s.HeldOut, now)).ToList();
        var events = shoppers.Where(s => s.Decision is not null).SelectMany(s =>
        {
            var decision = QueuedDecision.From(s.Decision!);
            var shown = dropImpression?.Invoke(s.Index, s.Variant) == true
                ? []
                : new[] { new QueuedEvent($"i-{s.VisitorId}", "impression", now, decision) };
            var clicked = s.Accepts || s.VisitorId.EndsWith('3') ? shown.Append(new QueuedEvent($"c-{s.VisitorId}", "click", now, decision)) : shown;
            return s.Accepts ? clicked.Append(new QueuedEvent($"a-{s.VisitorId}", "accept", now, decision)) : clicked;
        }).ToList();

        var messages = exposures.Chunk(200).Select(x => new EventMessage(now, [], x))
            .Concat(events.Chunk(50).Select(e => new EventMessage(now, e, null)));
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (m, _) => await app.RecordEventsAsync(Outcomes.EventMessage(m)));
        await Parallel.ForEachAsync(shoppers.Where(s => s.Orders), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (shopper, _) =>
        {
            object[] lines = shopper.Accepts
                ? [Outcomes.Line("CAM-X100", "X100 camera", BaseOrder), Outcomes.Line(Outcomes.SkuOf(shopper.Decision!.OfferId), "SD card", 1999, 1, shopper.Token)]
                : [Outcomes.Line("CAM-X100", "X100 camera", BaseOrder)];
            var order = new
            {
                orderId = $"order-{shopper.VisitorId}",
                placedAt = now,
                currency = "EUR",
                total = BaseOrder + (shopper.Accepts ? 1999 : 0),
                lines,
                customer = new { email = (string?)null, marketingConsent = false, locale = "de-DE", visitorId = shopper.VisitorId },
            };
            var response = await app.PostOrderAsync(order);
            if (response.Status != 202)
            {
                throw new InvalidOperationException(response.Body);
            }
        });
        await Parallel.ForEachAsync(await app.OrderMessagesAsync(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (message, _) => await app.RecordOrderAsync(message));
        return shoppers;
    }

    /// <summary>What the rollup timer does each minute: folds the days counted into since into the rows reports read.</summary>
    public static Task RollUpAsync(this TestApp app) => app.Get<StatsRollup>().RunAsync(default);

    /// <summary>A report as the merchant reads it once the rollup has run.</summary>
    public static async Task<Http.Response> GetAsync(this TestApp app, string report, string? query = null, string? key = null)
    {
        await app.RollUpAsync();
        var request = Http.Request("GET");
        request.QueryString = new QueryString(query ?? string.Empty);
        var function = ActivatorUtilities.CreateInstance<ReportFunctions>(app.Services);
        return await Http.ExecuteAsync(request, report switch
        {
            "experiments" when key is not null => await function.GetExperimentReport(request, key, default),
            "experiments" => await function.ListExperimentReports(request, default),
            "moments" => await function.GetMomentReport(request, default),
            "holdout" => await function.GetHoldoutReport(request, default),
            "offers" => await function.GetOfferReport(request, default),
            _ => throw new ArgumentOutOfRangeException(nameof(report)),
        });
    }
}
