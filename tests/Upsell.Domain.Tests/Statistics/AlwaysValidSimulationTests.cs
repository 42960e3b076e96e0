using MathNet.Numerics.Distributions;
using Upsell.Domain.Statistics;
using Xunit.Abstractions;

namespace Upsell.Domain.Tests.Statistics;

/// <summary>
/// 1,000 A/A experiments (no real difference), each looked at daily for four weeks: a merchant who stops at the first
/// "significant" look is fooled far more than 5% of the time by the fixed-horizon interval, and at most 5% of the
/// time by the verdict, which takes the always-valid p-value and interval over every daily look (running minimum).
/// Judged at each look alone, most experiments that once crossed are not significant later; with the running
/// minimum none flips back.
/// </summary>
public class AlwaysValidSimulationTests(ITestOutputHelper output)
{
    private const int Experiments = 1_000;
    private const int Days = 28;
    private const int VisitorsPerArmPerDay = 400;
    private const double AcceptRate = 0.08;

    [Fact]
    public void Daily_looks_keep_false_winners_at_or_under_5_percent_none_flips_back_and_naive_looks_exceed_5_percent()
    {
        var options = new ReportOptions();
        var random = new Random(20261124);
        int naive = 0, crossedAtSomeLook = 0, lookAloneFlippedBack = 0, falseWinners = 0, flippedBack = 0;
        for (var experiment = 0; experiment < Experiments; experiment++)
        {
            long controlAccepts = 0, treatmentAccepts = 0, visitors = 0;
            bool naiveFooled = false, crossed = false, lookAloneLost = false, called = false, lost = false;
            var looks = new List<IReadOnlyList<Arm>>();
            for (var day = 0; day < Days; day++)
            {
                visitors += VisitorsPerArmPerDay;
                controlAccepts += Binomial.Sample(random, AcceptRate, VisitorsPerArmPerDay);
                treatmentAccepts += Binomial.Sample(random, AcceptRate, VisitorsPerArmPerDay);
                var control = Sample.Binary(visitors, controlAccepts);
                var treatment = Sample.Binary(visitors, treatmentAccepts);
                looks.Add([new Arm("control", 0.5, control, default), new Arm("treatment", 0.5, treatment, default)]);

                var alone = MeanComparison.Compare(control, treatment, options);
                naiveFooled |= alone.Interval.Excludes(0);
                var significantAlone = alone.AlwaysValidInterval.Excludes(0);
                lookAloneLost |= crossed && !significantAlone;
                crossed |= significantAlone;

                var verdict = ExperimentAnalysis.Analyze(looks, Metric.AcceptanceRate, options).Verdict.Kind;
                var decided = verdict is VerdictKind.VariantWins or VerdictKind.ControlWins;
                lost |= called && !decided;
                called |= decided;
            }

            naive += naiveFooled ? 1 : 0;
            crossedAtSomeLook += crossed ? 1 : 0;
            lookAloneFlippedBack += lookAloneLost ? 1 : 0;
            falseWinners += called ? 1 : 0;
            flippedBack += lost ? 1 : 0;
        }

        var naiveRate = naive / (double)Experiments;
        var falseRate = falseWinners / (double)Experiments;
        var flipAlone = crossedAtSomeLook > 0 ? lookAloneFlippedBack / (double)crossedAtSomeLook : 0;
        output.WriteLine($"A/A, {Experiments} experiments x {Days} daily looks: fixed-horizon false positives {naiveRate:P1}; " +
            $"verdict false winners {falseRate:P1}, flipped back {flippedBack}; judged at each look alone, {flipAlone:P0} of the {crossedAtSomeLook} that crossed were not significant later");
        Assert.True(falseRate <= 0.05, $"false winners: {falseRate:P1}");
        Assert.Equal(0, flippedBack);
        Assert.True(naiveRate > 0.05, $"naive daily-look false positives: {naiveRate:P1}");
        Assert.True(lookAloneFlippedBack > 0, "judging each look alone should show verdicts that flip back");
    }
}
