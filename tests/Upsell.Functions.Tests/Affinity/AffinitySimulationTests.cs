using System.Collections.Frozen;
using Upsell.Application.Affinity;
using Upsell.Application.Catalog;
using Upsell.Application.Offers;
using Upsell.Application.Recording;
using Upsell.Domain.Catalog;
using Upsell.Domain.Money;
using Upsell.Domain.Offers;
using Upsell.Infrastructure.Affinity;
using Upsell.Infrastructure.Catalog;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Storage;
using Upsell.Tests;
using Xunit.Abstractions;

namespace Upsell.Functions.Tests.Affinity;

/// <summary>
/// 2,000 orders of the synthetic shop recorded through the real recorder on Azurite, then the neighbour lists built
/// by the affinity timer's work: the learned top two of each anchor against the top two by raw co-purchase count.
/// Then, in the same shop, an A/B of learned against rules ranking replayed through the real offer, event and
/// report paths, with shoppers who take a true companion of their cart far more often than anything else.
/// </summary>
[Collection(UsesSecondAzurite.Name)]
[Trait("Category", "Simulation")]
public sealed class AffinitySimulationTests(SecondAzurite azurite, ITestOutputHelper output) : AzuriteTest(azurite)
{
    [Fact]
    public async Task The_learned_top_two_neighbours_of_the_anchors_are_their_planted_companions_and_raw_counts_do_worse()
    {
        var shop = new SyntheticShop();
        var random = new Random(20261201);
        var baskets = Enumerable.Range(0, 2_000).Select(i => (Id: $"order-{i}", Basket: shop.Basket(random))).ToList();
        var recorder = App.Get<OrderRecorder>();
        await Parallel.ForEachAsync(baskets, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (o, ct) => await recorder.RecordAsync(SyntheticShop.Message(o.Id, o.Basket), ct));

        await App.Get<AffinityBuilder>().RefreshAsync(default);

        var store = App.Get<NeighbourStore>();
        var raw = await RawCountsAsync();
        var learnedHits = 0;
        var rawHits = 0;
        foreach (var (anchor, companions) in SyntheticShop.Companions)
        {
            var learned = (await store.GetAsync(anchor, default))?.Neighbours.Take(2).Select(n => n.Sku).ToHashSet() ?? [];
            var byCount = raw.GetValueOrDefault(anchor, []).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(2).Select(p => p.Key).ToHashSet();
            learnedHits += companions.Count(learned.Contains);
            rawHits += companions.Count(byCount.Contains);
        }

        var learnedRate = learnedHits / 40.0;
        var rawRate = rawHits / 40.0;
        output.WriteLine($"2,000 orders, 240 products, 20 anchors: planted companions in the learned top two {learnedRate:P0}, in the top two by raw co-purchase count {rawRate:P0}");
        Assert.True(learnedRate >= 0.9, $"learned: {learnedRate:P0}");
        Assert.True(rawRate < learnedRate - 0.2, $"raw counts: {rawRate:P0} against learned {learnedRate:P0}");
        Assert.Equal(baskets.Count, (await store.GetAsync(SyntheticShop.Companions.Keys.First(), default))!.TotalOrders);

        await ReplayLearnedAgainstRulesAsync(new Random(1912));
    }

    // Enough for the sequential test to call a lift this large on day 14 of the 28 planned (800 per arm).
    private const int Shoppers = 1_600;

    // Every product is a generic payment offer with its own priority; the experiment's arms differ only in ranking.
    private async Task ReplayLearnedAgainstRulesAsync(Random random)
    {
        var store = App.Get<CatalogStore>();
        foreach (var i in Enumerable.Range(SyntheticShop.Staples.Length, SyntheticShop.Products - SyntheticShop.Staples.Length))
        {
            var sku = SyntheticShop.Sku(i);
            await store.Offers.CreateAsync(OfferDocument.From(new Offer
            {
                Id = $"offer-{sku.ToLowerInvariant()}",
                Kind = OfferKind.Accessory,
                Sku = sku,
                Copy = new Dictionary<string, OfferCopy> { ["en"] = new($"Add {sku}", "Goes well with it.", "Add", "No thanks") }.ToFrozenDictionary(),
                DefaultLocale = "en",
                Price = Money.Euros(990),
                Moments = new[] { Moment.Payment }.ToFrozenSet(),
                Priority = random.Next(100),
            }), default);
        }

        await App.Get<CatalogSnapshotProvider>().RefreshAsync(default);
        var saved = await App.Get<CatalogAdmin>().SaveExperimentAsync(new ExperimentDocument
        {
            Key = "learned-vs-rules",
            Moment = "payment",
            SubjectOfferId = "offer-p003",
            Status = "running",
            Hypothesis = "What the shop's orders say goes with the cart sells better than the merchant's priorities.",
            Variants = [new VariantDocument { Key = "rules", Weight = 0.5, Ranking = "rules" }, new VariantDocument { Key = "learned", Weight = 0.5, Ranking = "learned" }],
        }, create: true, null, default);
        Assert.Empty(saved.Errors);

        // The shoppers come two weeks into the phase; the report is read the day after, once their day is judged.
        App.Clock.Advance(TimeSpan.FromDays(13));
        var at = App.Clock.GetUtcNow();
        var service = App.Get<OfferDecisionService>();
        var shoppers = await Task.WhenAll(Enumerable.Range(0, Shoppers).Chunk(Shoppers / 8).Select(async part =>
        {
            var results = new List<(string Arm, bool Accepted, object[] Events)>();
            foreach (var i in part)
            {
                var anchor = SyntheticShop.Sku(20 + i % 20);
                var answer = await service.DecideAsync(new ShopperContext
                {
                    Moment = Moment.Payment,
                    SessionId = $"ab-session-{i}",
                    VisitorId = $"ab-visitor-{i}",
                    Cart = [new CartLine(anchor, null, Money.Euros(4_900), 1)],
                    Locale = "en",
                }, null, default);
                var offer = Assert.Single(answer.Answer!.Offers);
                var accepted = new Random(1912 + i).NextDouble() < (SyntheticShop.IsCompanion(anchor, offer.Sku!) ? 0.3 : 0.05);
                object impression = new { id = $"i-{i}", type = "impression", at, token = offer.Token };
                results.Add((offer.Variant!, accepted, accepted ? [impression, new { id = $"a-{i}", type = "accept", at, token = offer.Token }] : [impression]));
            }

            return results;
        }));
        var shown = shoppers.SelectMany(s => s).ToList();
        var events = shown.SelectMany(s => s.Events).ToList();
        App.Clock.Advance(Outcomes.ReadingTime); // the shoppers read their offers before answering

        await Parallel.ForEachAsync(events.Chunk(50), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (chunk, _) => Assert.Equal(202, (await App.PostEventsAsync(new { events = chunk })).Status));

        // The experiment report counts impressions and accepts; the offer requests' exposures feed only the holdout view.
        var queued = await App.ReceiveAsync(App.Get<UpsellQueues>().EventsName);
        var messages = queued.Select(m => (Message: m, Body: System.Text.Json.JsonSerializer.Deserialize(m.Body.ToMemory().Span, QueueJson.Default.EventMessage)!)).ToList();
        var withEvents = messages.Where(m => m.Body.Events.Count > 0).Select(m => m.Message).ToList();
        Assert.Equal(Shoppers, messages.Sum(m => m.Body.Exposures?.Count ?? 0)); // one exposure each, grouped into fewer messages
        await Parallel.ForEachAsync(withEvents, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (m, _) => await App.RecordEventsAsync(m));
        App.Clock.Advance(TimeSpan.FromDays(1));
        var report = (await App.GetAsync("experiments", key: "learned-vs-rules")).Json;
        var rate = report.GetProperty("arms").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("totals").GetProperty("acceptanceRate").GetDouble());
        var verdict = report.GetProperty("verdict");
        output.WriteLine($"Replayed A/B, {Shoppers:N0} shoppers: acceptance with learned ranking {rate["learned"]:P1}, with the rules {rate["rules"]:P1}; the report: {verdict.GetProperty("text").GetString()}");
        Assert.Equal(shown.Count(s => s.Arm == "learned"), report.GetProperty("arms")[1].GetProperty("totals").GetProperty("visitors").GetInt64());
        Assert.True(rate["learned"] > rate["rules"] * 2, $"learned {rate["learned"]:P1}, rules {rate["rules"]:P1}");
        Assert.Equal(("variant-wins", "learned"), (verdict.GetProperty("kind").GetString(), verdict.GetProperty("variant").GetString()));
    }

    // Every pair's co-purchase count summed over the shards, read straight from the counts.
    private async Task<Dictionary<string, Dictionary<string, long>>> RawCountsAsync()
    {
        var table = await App.Get<UpsellTables>().AffinityAsync(default);
        var counts = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<AffinityEntity>())
        {
            if (row.RowKey.StartsWith('~') || row.RowKey.StartsWith(AffinityKeys.MarkerPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var bar = row.RowKey.IndexOf('|', StringComparison.Ordinal);
            var (a, b) = (AffinityKeys.Sku(row.RowKey[..bar]), AffinityKeys.Sku(row.RowKey[(bar + 1)..]));
            var pairs = counts.TryGetValue(a, out var found) ? found : counts[a] = new Dictionary<string, long>(StringComparer.Ordinal);
            pairs[b] = pairs.GetValueOrDefault(b) + row.Count;
        }

        return counts;
    }
}
