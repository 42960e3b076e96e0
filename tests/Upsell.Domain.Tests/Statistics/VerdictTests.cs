using Upsell.Domain.Statistics;

namespace Upsell.Domain.Tests.Statistics;

public class VerdictTests
{
    private static readonly ReportOptions Options = new();

    public static TheoryData<int, long, long, long, long, VerdictKind, string?> Cases => new()
    {
        // completed days, control visitors, accepting; variant visitors, accepting (reached evenly over the days); verdict; winner
        { 5, 300, 30, 300, 36, VerdictKind.KeepRunning, null },
        { 10, 5_000, 500, 5_000, 700, VerdictKind.VariantWins, "b" },
        { 10, 5_000, 700, 5_000, 500, VerdictKind.ControlWins, "control" },
        { 28, 200_000, 20_000, 200_000, 20_050, VerdictKind.NoDetectableDifference, null },
        { 10, 5_000, 500, 4_500, 450, VerdictKind.SampleRatioMismatch, null },
        { 28, 3_000, 300, 3_000, 320, VerdictKind.Inconclusive, null },
        // A zero baseline is decided on the absolute difference.
        { 10, 50_000, 0, 50_000, 1_000, VerdictKind.VariantWins, "b" },
        // Today's data alone decides nothing: the verdict waits for the day to end.
        { 0, 5_000, 500, 5_000, 700, VerdictKind.KeepRunning, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_verdict_follows_the_sequential_test_over_the_completed_days_and_the_split(int days, long nc, long ac, long nt, long at, VerdictKind kind, string? winner)
    {
        var verdict = ExperimentAnalysis.Analyze([Arm("control", nc, ac), Arm("b", nt, at)], Even(days, nc, ac, nt, at), Metric.AcceptanceRate, Options).Verdict;

        Assert.Equal(kind, verdict.Kind);
        Assert.Equal(winner, verdict.Variant);
    }

    [Fact]
    public void Keep_running_says_what_the_numbers_show_and_sizes_the_rest_for_the_change_seen()
    {
        // Day 1 of 28: a large lift the daily test cannot call yet, and a small one nobody can tell from no change.
        var large = ExperimentAnalysis.Analyze([Arm("control", 540, 48), Arm("b", 540, 117)], Even(1, 540, 48, 540, 117), Metric.AcceptanceRate, Options).Verdict;
        var small = ExperimentAnalysis.Analyze([Arm("control", 1_000, 100), Arm("b", 1_000, 104)], Even(1, 1_000, 100, 1_000, 104), Metric.AcceptanceRate, Options).Verdict;

        Assert.Equal((VerdictKind.KeepRunning, VerdictKind.KeepRunning), (large.Kind, small.Kind));
        Assert.Equal(
            "Keep running: variant b is ahead on acceptance rate, +143.8% (95% interval +67% to +220%) but not yet proven: the daily test allows for every look, so a difference seen early needs more evidence. " +
            "1 of the 28 planned days judged; the verdict is taken at the end of each day. If a +144% change holds, the arms already have the visitors to show it, and one of the next daily looks decides.",
            large.Text);
        Assert.Matches(@"^Keep running: variant b is level so far on acceptance rate, \+4\.0% \(95% interval -\d+% to \+\d+%\)\. 1 of the 28 planned days judged; the verdict is taken at the end of each day\. About [\d,]+ more visitors per arm are needed to find a 10% change in acceptance rate\.$", small.Text);
    }

    [Fact]
    public void The_verdict_is_judged_on_the_primary_metric_and_the_other_metric_never_changes_it()
    {
        // Same acceptance; in one shop the variant's accepters spend four times as much, in the other the same.
        Arm[] Arms(double spend) => [Revenue("control", 6_000, 600, 1000), Revenue("b", 6_000, 600, spend)];
        IReadOnlyList<DailyLook> Days(double spend) => [.. Enumerable.Range(1, 10).Select(d => new DailyLook(d, [.. Arms(spend).Select(a => Scaled(a, d / 10.0))]))];

        var flat = ExperimentAnalysis.Analyze(Arms(1000), Days(1000), Metric.AcceptanceRate, Options).Verdict;
        var richer = ExperimentAnalysis.Analyze(Arms(4000), Days(4000), Metric.AcceptanceRate, Options).Verdict;
        var onRevenue = ExperimentAnalysis.Analyze(Arms(4000), Days(4000), Metric.RevenuePerVisitor, Options).Verdict;

        Assert.Equal(flat, richer);
        Assert.Equal(VerdictKind.KeepRunning, flat.Kind);
        Assert.Equal(VerdictKind.VariantWins, onRevenue.Kind);
        Assert.StartsWith("Variant b wins: revenue per visitor +300.0% against control, and the always-valid interval stays above zero (decided on day ", onRevenue.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_winner_stays_a_winner_when_the_split_breaks_later_and_the_verdict_says_both()
    {
        // Days 1-5 split fairly with a clear winner; from day 6 the variant loses half its visitors.
        var days = new List<DailyLook>();
        long nc = 0, ac = 0, nt = 0, at = 0;
        for (var day = 1; day <= 20; day++)
        {
            (nc, ac) = (nc + 1_000, ac + 100);
            (nt, at) = day <= 5 ? (nt + 1_000, at + 160) : (nt + 500, at + 80);
            days.Add(new DailyLook(day, [Arm("control", nc, ac), Arm("b", nt, at)]));
        }

        var before = ExperimentAnalysis.Analyze(days[^1].Arms, days[..5], Metric.AcceptanceRate, Options);
        var after = ExperimentAnalysis.Analyze(days[^1].Arms, days, Metric.AcceptanceRate, Options);

        Assert.Equal(VerdictKind.VariantWins, before.Verdict.Kind);
        Assert.False(before.SampleRatioMismatch);
        Assert.Equal(VerdictKind.VariantWins, after.Verdict.Kind);
        Assert.True(after.SampleRatioMismatch);
        Assert.Contains("visitors have not been reaching the arms in the configured split", after.Verdict.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_split_before_any_decision_says_do_not_decide_and_what_the_data_show()
    {
        var verdict = ExperimentAnalysis.Analyze([Arm("control", 5_000, 500), Arm("b", 4_000, 600)], Even(10, 5_000, 500, 4_000, 600), Metric.AcceptanceRate, Options).Verdict;

        Assert.Equal(VerdictKind.SampleRatioMismatch, verdict.Kind);
        Assert.Contains("What the data show on acceptance rate: variant b +50.0% against control.", verdict.Text, StringComparison.Ordinal);
    }

    // Totals reached evenly over the completed days.
    private static List<DailyLook> Even(int days, long nc, long ac, long nt, long at) =>
        [.. Enumerable.Range(1, days).Select(d => new DailyLook(d, [Arm("control", nc * d / days, ac * d / days), Arm("b", nt * d / days, at * d / days)]))];

    private static Arm Arm(string key, long visitors, long accepting) =>
        new(key, 0.5, Sample.Binary(visitors, accepting), new Sample(visitors, accepting * 1999.0, accepting * 1999.0 * 1999));

    private static Arm Revenue(string key, long visitors, long accepting, double spend) =>
        new(key, 0.5, Sample.Binary(visitors, accepting), new Sample(visitors, accepting * spend, accepting * spend * spend));

    private static Arm Scaled(Arm arm, double share) => arm with
    {
        Acceptance = Sample.Binary((long)(arm.Acceptance.Count * share), (long)(arm.Acceptance.Sum * share)),
        Revenue = new Sample((long)(arm.Revenue.Count * share), arm.Revenue.Sum * share, arm.Revenue.SumOfSquares * share),
    };
}
