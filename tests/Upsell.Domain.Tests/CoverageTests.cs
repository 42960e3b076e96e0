using System.Text.Json;
using Upsell.Domain.Decisions;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using static Upsell.Domain.Tests.Catalogs;

namespace Upsell.Domain.Tests;

public class CoverageTests
{
    public static TheoryData<string, int, double, double[]?, double[][]> BucketRangeCases()
    {
        using var cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "contracts", "bucket-range-cases.json")));
        var data = new TheoryData<string, int, double, double[]?, double[][]>();
        foreach (var row in cases.RootElement.GetProperty("cases").EnumerateArray())
        {
            var args = row[1];
            double[]? weights = args[2].ValueKind == JsonValueKind.Null ? null : [.. args[2].EnumerateArray().Select(w => w.GetDouble())];
            data.Add(row[0].GetString()!, args[0].GetInt32(), args[1].GetDouble(), weights,
                [.. row[2].EnumerateArray().Select(r => new[] { r[0].GetDouble(), r[1].GetDouble() })]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BucketRangeCases))]
    public void Bucket_ranges_match_GrowthBooks_getBucketRange(string name, int arms, double coverage, double[]? weights, double[][] expected)
    {
        var ranges = BucketRanges.Of(arms, coverage, weights);

        Assert.True(expected.Length == ranges.Length, name);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i][0], ranges[i].Start, 1e-9);
            Assert.Equal(expected[i][1], ranges[i].End, 1e-9);
        }
    }

    [Fact]
    public void A_20_percent_coverage_experiment_takes_20_percent_of_100000_visitors_split_by_its_weights()
    {
        var experiment = Experiment(0.5, 0.5) with { Coverage = 0.2 };
        var arms = Enumerable.Range(0, 100_000).Select(i => experiment.AssignIndex($"visitor-{i}")).ToList();

        var inside = arms.Count(a => a >= 0);
        Assert.InRange(inside, 19_000, 21_000);
        Assert.InRange(arms.Count(a => a == 0) / (double)inside, 0.48, 0.52);
    }

    [Fact]
    public void The_hash_assignment_is_GrowthBooks_choice_over_the_bucket_ranges()
    {
        var experiment = Experiment(0.2, 0.8) with { Coverage = 0.35 };
        var ranges = BucketRanges.Of(2, 0.35, [0.2, 0.8]);

        Assert.All(Enumerable.Range(0, 5_000).Select(i => $"v-{i}"), v =>
            Assert.Equal(BucketRanges.Choose(GrowthBookHash.V2(experiment.Seed, v), ranges), experiment.AssignIndex(v)));
    }

    [Fact]
    public void Raising_coverage_keeps_everyone_already_in_the_experiment_in_their_arm()
    {
        var small = Experiment(0.5, 0.5) with { Coverage = 0.2 };
        var large = small with { Coverage = 0.6 };

        Assert.All(Enumerable.Range(0, 5_000).Select(i => $"v-{i}").Where(v => small.AssignIndex(v) >= 0), v =>
            Assert.Equal(small.AssignIndex(v), large.AssignIndex(v)));
    }

    [Fact]
    public void A_visitor_outside_the_coverage_sees_the_subject_offer_unchanged_and_outside_the_experiment()
    {
        var experiment = Experiment(0, 1) with { Coverage = 0.2, Variants = [new Variant("control", 0), new Variant("treatment", 1, PriceMinor: 1)] };
        var outside = Enumerable.Range(0, 1_000).Select(i => $"visitor-{i}").First(v => experiment.AssignIndex(v) < 0);
        var inside = Enumerable.Range(0, 1_000).Select(i => $"visitor-{i}").First(v => experiment.AssignIndex(v) >= 0);
        var engine = new OfferEngine(NoHoldout());
        var snapshot = Snapshot([Offer("subject")], experiment);

        var untouched = engine.Decide(snapshot, Shopper(visitor: outside), ShopperHistory.None, Now);
        var treated = engine.Decide(snapshot, Shopper(visitor: inside), ShopperHistory.None, Now);

        Assert.Equal((null, null, 999L), (untouched.Choices[0].ExperimentKey, untouched.Choices[0].VariantKey, untouched.Choices[0].Offer.Price.Minor));
        Assert.Null(untouched.NewAssignment);
        Assert.Equal(("exp", "treatment", 1L), (treated.Choices[0].ExperimentKey, treated.Choices[0].VariantKey, treated.Choices[0].Offer.Price.Minor));
        Assert.Equal(new StickyAssignment("exp", 1, "treatment"), treated.NewAssignment);
    }

    private static Experiment Experiment(double control, double treatment) => new()
    {
        Key = "exp",
        Moment = Moment.Payment,
        SubjectOfferId = "subject",
        Status = ExperimentStatus.Running,
        Variants = [new Variant("control", control), new Variant("treatment", treatment)],
    };
}
