using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Upsell.Domain.Affinity;
using Upsell.Domain.Decisions;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;

namespace Upsell.Benchmarks;

/// <summary>
/// One decision against a 10,000-offer catalog with a 5-line cart: the indexed engine beside a linear scan; with the
/// moment's running experiment and the visitor's kept arm; and with learned ranking over 20 neighbours per SKU.
/// </summary>
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
    private CatalogSnapshot _withExperiment = CatalogSnapshot.Empty;
    private ShopperHistory _keptArm = ShopperHistory.None;
    private AffinitySnapshot _affinity = AffinitySnapshot.Empty;
    private OfferEngine _learnedEngine = null!;
    private NaiveOfferEngine _naiveLearned = null!;

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
        Agree(_engine.Decide(_snapshot, _shopper, ShopperHistory.None, Now), _naive.Decide(_offers, _shopper, ShopperHistory.None, Now));

        // The moment's experiment runs on the offer the engine shows first, and the visitor's arm is kept.
        var subject = _engine.Decide(_snapshot, _shopper, ShopperHistory.None, Now).Choices[0].Offer.Id;
        var experiment = new Experiment
        {
            Key = "bench", Moment = Moment, SubjectOfferId = subject, Status = ExperimentStatus.Running,
            Variants = [new Variant("control", 0.5), new Variant("treatment", 0.5, PriceMinor: 199)],
        };
        _withExperiment = new CatalogSnapshot(_offers, [experiment], Now);
        _keptArm = new ShopperHistory { Assignments = new Dictionary<string, StickyAssignment> { ["bench"] = new("bench", 1, "treatment") } };
        if (_engine.Decide(_withExperiment, _shopper, _keptArm, Now).Choices[0].VariantKey != "treatment")
        {
            throw new InvalidOperationException("The kept arm was not shown.");
        }

        // Every cart-side SKU has 20 neighbours, each an add-on some offer sells.
        _affinity = new AffinitySnapshot(Enumerable.Range(0, 2_000).ToDictionary(
            s => $"SKU-{s}",
            s => Enumerable.Range(0, 20).Select(k => new Neighbour($"ADDON-{random.Next(10_000)}", 4.0 - k * 0.15, 50 - k, 200)).ToArray()), Now);
        var learned = new DecisionOptions { HoldoutPercent = 0, LearnedMoments = "cart,payment" };
        _learnedEngine = new OfferEngine(learned);
        _naiveLearned = new NaiveOfferEngine(learned);
        var answer = _learnedEngine.Decide(_snapshot, _shopper, ShopperHistory.None, Now, _affinity);
        Agree(answer, _naiveLearned.Decide(_offers, _shopper, ShopperHistory.None, Now, _affinity));
        if (!answer.Choices.Any(c => c.Offer.Sku is { } sku && _shopper.Cart.Any(l => _affinity.NeighboursOf(l.Sku).Any(n => n.Sku == sku))))
        {
            throw new InvalidOperationException("No learned neighbour was among the offers; the case would not measure learned ranking.");
        }
    }

    private static void Agree(Decision indexed, IReadOnlyList<Offer> naive)
    {
        var ids = indexed.Choices.Select(c => c.Offer.Id).ToList();
        if (!ids.SequenceEqual(naive.Select(o => o.Id)))
        {
            throw new InvalidOperationException($"The engines disagree: [{string.Join(", ", ids)}] against [{string.Join(", ", naive.Select(o => o.Id))}]");
        }
    }

    [Benchmark(Baseline = true)]
    public int NaiveScan() => _naive.Decide(_offers, _shopper, ShopperHistory.None, Now).Count;

    [Benchmark]
    public int IndexedEngine() => _engine.Decide(_snapshot, _shopper, ShopperHistory.None, Now).Choices.Count;

    [Benchmark]
    public int IndexedEngineWithKeptArm() => _engine.Decide(_withExperiment, _shopper, _keptArm, Now).Choices.Count;

    [Benchmark]
    public int NaiveLearnedScan() => _naiveLearned.Decide(_offers, _shopper, ShopperHistory.None, Now, _affinity).Count;

    [Benchmark]
    public int LearnedEngine() => _learnedEngine.Decide(_snapshot, _shopper, ShopperHistory.None, Now, _affinity).Choices.Count;
}
