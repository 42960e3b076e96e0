using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Upsell.Domain.Decisions;
using Upsell.Domain.Offers;

namespace Upsell.Benchmarks;

/// <summary>One decision against a 10,000-offer catalog with a 5-line cart: the indexed engine beside a linear scan.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class DecisionBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly DecisionOptions _options = new() { HoldoutPercent = 0 };
    private Offer[] _offers = [];
    private CatalogSnapshot _snapshot = CatalogSnapshot.Empty;
    private ShopperContext _shopper = null!;
    private OfferEngine _engine = null!;
    private NaiveOfferEngine _naive = null!;

    [Params(Moment.Cart, Moment.Payment)]
    public Moment Moment { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var moments = Enum.GetValues<Moment>();
        var kinds = Enum.GetValues<OfferKind>();
        _offers = [.. Enumerable.Range(0, 10_000).Select(i =>
        {
            var roll = random.NextDouble();
            var targeting = roll < 0.6
                ? new OfferTargeting { TriggerSkus = Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"SKU-{random.Next(2_000)}").ToFrozenSet(), MaxPricePercentOfCart = 50 }
                : roll < 0.9
                    ? new OfferTargeting { TriggerCategories = new[] { $"cat-{random.Next(40)}" }.ToFrozenSet(), Devices = new[] { Device.Desktop, Device.Mobile }.ToFrozenSet() }
                    : new OfferTargeting { MinCartValue = random.Next(0, 20_000), Countries = new[] { "DE", "AT", "FR" }.ToFrozenSet() };
            return new Offer
            {
                Id = $"offer-{i:00000}",
                Kind = kinds[random.Next(kinds.Length)],
                Sku = $"ADDON-{i}",
                Copy = new Dictionary<string, OfferCopy> { ["en"] = new("Headline", "Body", "Add", "No thanks") }.ToFrozenDictionary(),
                DefaultLocale = "en",
                Price = Upsell.Domain.Money.Money.Euros(random.Next(100, 10_000)),
                Moments = new[] { moments[random.Next(moments.Length)], moments[random.Next(moments.Length)] }.ToFrozenSet(),
                Targeting = targeting,
                Priority = random.Next(0, 100),
            };
        })];
        _snapshot = new CatalogSnapshot(_offers, [], Now);
        _shopper = new ShopperContext
        {
            Moment = Moment,
            SessionId = "session",
            VisitorId = "visitor",
            Country = "DE",
            Locale = "de-DE",
            Cart = [.. Enumerable.Range(0, 5).Select(i => new CartLine($"SKU-{i * 37}", $"cat-{i * 7}", Upsell.Domain.Money.Money.Euros(5_000 + i * 1_000), 1))],
        };
        _engine = new OfferEngine(_options);
        _naive = new NaiveOfferEngine(_options);
        var indexed = _engine.Decide(_snapshot, _shopper, ShopperHistory.None, Now).Choices.Select(c => c.Offer.Id);
        var naive = _naive.Decide(_offers, _shopper, ShopperHistory.None, Now).Select(o => o.Id);
        if (!indexed.SequenceEqual(naive))
        {
            throw new InvalidOperationException($"The engines disagree: [{string.Join(", ", indexed)}] against [{string.Join(", ", naive)}]");
        }
    }

    [Benchmark(Baseline = true)]
    public int NaiveScan() => _naive.Decide(_offers, _shopper, ShopperHistory.None, Now).Count;

    [Benchmark]
    public int IndexedEngine() => _engine.Decide(_snapshot, _shopper, ShopperHistory.None, Now).Choices.Count;
}
