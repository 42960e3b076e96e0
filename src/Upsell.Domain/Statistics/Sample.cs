namespace Upsell.Domain.Statistics;

/// <summary>
/// One arm's data as sums: the units (unique visitors), the sum of their values and the sum of the squares, so a
/// report costs the same however many events made them.
/// </summary>
public readonly record struct Sample(long Count, double Sum, double SumOfSquares)
{
    /// <summary>A yes/no metric (accepted or not): each success is a 1, whose square is 1.</summary>
    public static Sample Binary(long count, long successes) => new(count, successes, successes);

    /// <summary>The mean value per unit; 0 with no units.</summary>
    public double Mean => Count > 0 ? Sum / Count : 0;

    /// <summary>The sample variance per unit; 0 with fewer than two units.</summary>
    public double Variance => Count > 1 ? Math.Max(0, (SumOfSquares - Sum * Sum / Count) / (Count - 1)) : 0;

    /// <summary>The squared standard error of the mean.</summary>
    public double MeanVariance => Count > 0 ? Variance / Count : 0;
}
