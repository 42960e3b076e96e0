namespace Upsell.Domain.Statistics;

/// <summary>A confidence interval.</summary>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>Whether the interval lies wholly on one side of <paramref name="value"/>.</summary>
    public bool Excludes(double value) => value < Low || value > High;
}
