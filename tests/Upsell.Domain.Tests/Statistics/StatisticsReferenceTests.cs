using System.Text.Json;
using Upsell.Domain.Statistics;

namespace Upsell.Domain.Tests.Statistics;

/// <summary>Every statistic against SciPy and statsmodels (make_reference.py wrote reference.json), to 4 significant digits.</summary>
public class StatisticsReferenceTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Statistics", "reference.json"))).RootElement;

    private static readonly ReportOptions Options = new()
    {
        Alpha = Reference.GetProperty("alpha").GetDouble(),
        MinimumEffect = Reference.GetProperty("minimumEffect").GetDouble(),
        Power = Reference.GetProperty("power").GetDouble(),
    };

    public static TheoryData<string> Comparisons => [.. Reference.GetProperty("comparisons").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<int> SampleRatioCases => [.. Enumerable.Range(0, Reference.GetProperty("sampleRatio").GetArrayLength())];


    [Theory]
    [MemberData(nameof(Comparisons))]
    public void Intervals_p_values_chance_to_beat_and_sample_size_match_the_reference(string name)
    {
        var expected = Reference.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

        var actual = MeanComparison.Compare(SampleOf(expected.GetProperty("control")), SampleOf(expected.GetProperty("treatment")), Options);

        AssertClose(expected, "difference", actual.Difference);
        AssertClose(expected, "low", actual.Interval.Low);
        AssertClose(expected, "high", actual.Interval.High);
        AssertClose(expected, "relativeLift", actual.RelativeLift!.Value);
        AssertClose(expected, "relativeLow", actual.RelativeInterval!.Value.Low);
        AssertClose(expected, "relativeHigh", actual.RelativeInterval!.Value.High);
        AssertClose(expected, "pValue", actual.PValue);
        var mixture = MeanComparison.Mixture(SampleOf(expected.GetProperty("control")), SampleOf(expected.GetProperty("treatment")), Options);
        AssertClose(expected, "alwaysValidLow", mixture.Interval.Low);
        AssertClose(expected, "alwaysValidHigh", mixture.Interval.High);
        AssertClose(expected, "alwaysValidPValue", mixture.PValue);
        AssertClose(expected, "chanceToBeatControl", actual.ChanceToBeatControl);
        Assert.Equal(expected.GetProperty("sampleSizePerArm").GetInt64(), actual.SampleSizePerArm);
    }

    [Theory]
    [MemberData(nameof(SampleRatioCases))]
    public void The_sample_ratio_test_matches_scipy_chisquare(int index)
    {
        var expected = Reference.GetProperty("sampleRatio")[index];

        var (chi, p) = SampleRatio.Test(
            [.. expected.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64())],
            [.. expected.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble())]);

        AssertClose(expected, "chiSquare", chi);
        AssertClose(expected, "pValue", p);
    }

    [Fact]
    public void A_clear_mismatch_is_flagged_and_a_fair_split_is_not()
    {
        var arms = (long c, long t) => new[] { Arm("control", c, c / 20), Arm("b", t, t / 20) };
        var judged = (long c, long t) => ExperimentAnalysis.Analyze(arms(c, t), [new DailyLook(1, arms(c, t))], Metric.AcceptanceRate, Options);

        Assert.True(judged(5300, 4700).SampleRatioMismatch);
        Assert.False(judged(5030, 4970).SampleRatioMismatch);
    }

    private static Arm Arm(string key, long visitors, long accepted) =>
        new(key, 0.5, Sample.Binary(visitors, accepted), new Sample(visitors, accepted * 1000.0, accepted * 1e6));

    private static Sample SampleOf(JsonElement e) =>
        new(e.GetProperty("count").GetInt64(), e.GetProperty("sum").GetDouble(), e.GetProperty("sumOfSquares").GetDouble());

    private static void AssertClose(JsonElement expected, string property, double actual)
    {
        var want = expected.GetProperty(property).GetDouble();
        Assert.True(SameToFourDigits(want, actual), $"{property}: expected {want:G6}, got {actual:G6}");
    }

    private static bool SameToFourDigits(double expected, double actual) =>
        Math.Abs(expected - actual) <= 5e-5 * Math.Max(Math.Abs(expected), Math.Abs(actual)) || Math.Abs(expected - actual) < 1e-300;
}
