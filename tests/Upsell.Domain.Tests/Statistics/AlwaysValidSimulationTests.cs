using MathNet.Numerics.Distributions;
using Upsell.Domain.Statistics;

namespace Upsell.Domain.Tests.Statistics;

/// <summary>
/// 1,000 A/A experiments (no real difference), each looked at daily for four weeks: a merchant who stops at the first
/// "significant" look is fooled far more than 5% of the time by the fixed-horizon interval, and at most 5% of the
/// time by the always-valid one the verdicts use.
/// </summary>
public class AlwaysValidSimulationTests
{
    private const int Experiments = 1_000;
    private const int Days = 28;
    private const int VisitorsPerArmPerDay = 400;
    private const double AcceptRate = 0.08;

    [Fact]
    public void Daily_looks_keep_the_always_valid_false_positive_rate_at_or_under_5_percent_and_naive_looks_exceed_it()
    {
        var options = new ReportOptions();
        var random = new Random(20261124);
        var naive = 0;
        var alwaysValid = 0;
        for (var experiment = 0; experiment < Experiments; experiment++)
        {
            long controlAccepts = 0, treatmentAccepts = 0, visitors = 0;
            bool naiveFooled = false, alwaysValidFooled = false;
            for (var day = 0; day < Days; day++)
            {
                visitors += VisitorsPerArmPerDay;
                controlAccepts += Binomial.Sample(random, AcceptRate, VisitorsPerArmPerDay);
                treatmentAccepts += Binomial.Sample(random, AcceptRate, VisitorsPerArmPerDay);
                var look = MeanComparison.Compare(Sample.Binary(visitors, controlAccepts), Sample.Binary(visitors, treatmentAccepts), options);
                naiveFooled |= look.Interval.Excludes(0);
                alwaysValidFooled |= look.AlwaysValidInterval.Excludes(0);
            }

            naive += naiveFooled ? 1 : 0;
            alwaysValid += alwaysValidFooled ? 1 : 0;
        }

        var naiveRate = naive / (double)Experiments;
        var alwaysValidRate = alwaysValid / (double)Experiments;
        Assert.True(alwaysValidRate <= 0.05, $"always-valid false positives: {alwaysValidRate:P1}");
        Assert.True(naiveRate > 0.05, $"naive daily-look false positives: {naiveRate:P1}");
    }
}
