using MathNet.Numerics.Distributions;
using Upsell.Domain.Statistics;

namespace Upsell.Domain.Tests.Statistics;

public class SequentialDesignTests
{
    [Fact]
    public void Five_equal_looks_give_the_published_Lan_DeMets_OBrien_Fleming_boundaries()
    {
        // Jennison and Turnbull, table 7.6 / gsDesign's sfLDOF: two-sided alpha 0.05, five equally spaced looks.
        double[] published = [4.877, 3.357, 2.680, 2.290, 2.031];
        double[] looks = [1, 2, 3, 4, 5];

        var bounds = SequentialDesign.Boundaries(looks, [.. looks.Select(k => k / 5)], 0.05);

        Assert.Equal(published, bounds.Select(b => Math.Round(b, 3)));
    }

    [Fact]
    public void With_uneven_daily_traffic_the_chance_of_ever_crossing_without_an_effect_is_alpha()
    {
        // 28 daily looks, weekends three times busier, some days without data: a Brownian motion run through the
        // boundaries crosses with chance alpha (within Monte Carlo error), and with no more than a single fixed look.
        var information = new List<double>();
        var total = 0.0;
        for (var day = 1; day <= 28; day++)
        {
            total += day % 7 is 5 or 6 ? 3 : day == 10 ? 0 : 1;
            information.Add(total);
        }

        var bounds = SequentialDesign.Boundaries(information, [.. Enumerable.Range(1, 28).Select(d => d / 28.0)], 0.05);
        var random = new Random(7);
        const int Runs = 200_000;
        var crossed = 0;
        for (var run = 0; run < Runs; run++)
        {
            var (sum, before) = (0.0, 0.0);
            for (var k = 0; k < information.Count; k++)
            {
                sum += Math.Sqrt(information[k] - before) * Normal.Sample(random, 0, 1);
                before = information[k];
                if (Math.Abs(sum / Math.Sqrt(information[k])) >= bounds[k])
                {
                    crossed++;
                    break;
                }
            }
        }

        Assert.Equal(double.PositiveInfinity, bounds[9]);
        Assert.InRange(bounds[^1], 1.96, 2.2);
        Assert.InRange(crossed / (double)Runs, 0.05 - 0.0015, 0.05 + 0.0015);
    }

    [Fact]
    public void Past_the_planned_days_no_alpha_is_left()
    {
        var bounds = SequentialDesign.Boundaries([1, 2, 3, 4], [0.5, 1, 1, 1], 0.05);

        Assert.True(double.IsFinite(bounds[1]));
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity], bounds[2..]);
    }
}
