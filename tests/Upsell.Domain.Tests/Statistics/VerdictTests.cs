using Upsell.Domain.Statistics;

namespace Upsell.Domain.Tests.Statistics;

public class VerdictTests
{
    private static readonly ReportOptions Options = new();

    public static TheoryData<long, long, long, long, VerdictKind, string?> Cases => new()
    {
        // control visitors, accepting; variant visitors, accepting; verdict; winner
        { 300, 30, 300, 36, VerdictKind.KeepRunning, null },
        { 5_000, 500, 5_000, 700, VerdictKind.VariantWins, "b" },
        { 5_000, 700, 5_000, 500, VerdictKind.ControlWins, "control" },
        { 200_000, 20_000, 200_000, 20_050, VerdictKind.NoDetectableDifference, null },
        { 5_000, 500, 4_500, 700, VerdictKind.SampleRatioMismatch, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_verdict_follows_the_always_valid_test_the_sample_size_and_the_split(long nc, long ac, long nt, long at, VerdictKind kind, string? winner)
    {
        Arm[] arms = [Arm("control", nc, ac), Arm("b", nt, at)];

        var verdict = ExperimentAnalysis.Analyze(arms, Metric.AcceptanceRate, Options).Verdict;

        Assert.Equal(kind, verdict.Kind);
        Assert.Equal(winner, verdict.Variant);
    }

    [Fact]
    public void The_verdict_is_judged_on_the_primary_metric_and_says_so()
    {
        // Same acceptance, but the variant's accepters spend four times as much.
        Arm[] arms = [new("control", 0.5, Sample.Binary(6_000, 600), new Sample(6_000, 600 * 1000.0, 600 * 1e6)), new("b", 0.5, Sample.Binary(6_000, 600), new Sample(6_000, 600 * 4000.0, 600 * 16e6))];

        var onAcceptance = ExperimentAnalysis.Analyze(arms, Metric.AcceptanceRate, Options).Verdict;
        var onRevenue = ExperimentAnalysis.Analyze(arms, Metric.RevenuePerVisitor, Options).Verdict;

        Assert.NotEqual(VerdictKind.VariantWins, onAcceptance.Kind);
        Assert.Equal(VerdictKind.VariantWins, onRevenue.Kind);
        Assert.Equal("Variant b wins: revenue per visitor +300.0% against control, and the always-valid interval stays above zero. Ship it.", onRevenue.Text);
    }

    private static Arm Arm(string key, long visitors, long accepting) =>
        new(key, 0.5, Sample.Binary(visitors, accepting), new Sample(visitors, accepting * 1999.0, accepting * 1999.0 * 1999));
}
