namespace Upsell.Domain.Experiments;

/// <summary>
/// Which part of the hash space each arm owns, as GrowthBook's <c>getBucketRanges</c> computes it: arm i starts where
/// the weights before it end and covers <c>coverage × weight</c> of the space from there, so lowering coverage
/// shrinks every arm in place and raising it again brings back the same visitors. Coverage is clamped to 0–1;
/// weights that are not one per arm or do not add up to 1 (±0.01) fall back to equal weights.
/// </summary>
public static class BucketRanges
{
    /// <summary>The [start, end) range of each arm, in arm order.</summary>
    public static (double Start, double End)[] Of(int arms, double coverage, IReadOnlyList<double>? weights)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arms, 1);
        coverage = double.IsNaN(coverage) ? 0 : Math.Clamp(coverage, 0, 1);
        var equal = Enumerable.Repeat(1.0 / arms, arms).ToArray();
        var used = weights is null || weights.Count != arms ? equal : weights;
        var total = used.Sum();
        if (total is < 0.99 or > 1.01)
        {
            used = equal;
        }

        var ranges = new (double, double)[arms];
        var cumulative = 0.0;
        for (var i = 0; i < arms; i++)
        {
            var start = cumulative;
            cumulative += used[i];
            ranges[i] = (start, start + coverage * used[i]);
        }

        return ranges;
    }

    /// <summary>The arm whose range holds <paramref name="n"/>, or -1 when it falls outside every range.</summary>
    public static int Choose(double n, (double Start, double End)[] ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        for (var i = 0; i < ranges.Length; i++)
        {
            if (n >= ranges[i].Start && n < ranges[i].End)
            {
                return i;
            }
        }

        return -1;
    }
}
