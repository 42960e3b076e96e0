namespace Upsell.Domain.Affinity;

/// <summary>
/// Why one product is ranked as going with another: the shrunk log-lift of the pair, the information component (IC)
/// of the Bayesian confidence propagation neural network (Bate et al., 1998):
/// <c>IC(b | a) = log2((n_ab + k) / (n_a · n_b / N + k))</c>, where n_ab is the orders holding both, n_a and n_b the
/// orders holding each, N all orders counted, and k the <see cref="AffinityOptions.Shrinkage"/>.
/// <para>
/// n_a · n_b / N is how often the pair would meet if shoppers bought them independently, so a product bought with
/// everything (high n_b) scores about 0 however often it meets a: only association beyond popularity counts. The
/// pseudo-count k added to both sides pulls the score towards 0 when the counts are small, so three lucky
/// co-purchases of rare products (log2(8 / 5) ≈ 0.7 with k = 5) do not outrank three hundred well above chance.
/// A pair seen in fewer than <see cref="AffinityOptions.MinimumSupport"/> orders has no score; so does one whose
/// score is not above 0 (no more often together than chance).
/// </para>
/// </summary>
public static class AffinityScore
{
    /// <summary>The score of b given a, or null when the pair has too little support or no association.</summary>
    public static double? Of(long together, long ordersOfA, long ordersOfB, long totalOrders, AffinityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (together < options.MinimumSupport || totalOrders <= 0 || ordersOfA <= 0 || ordersOfB <= 0)
        {
            return null;
        }

        var expected = (double)ordersOfA * ordersOfB / totalOrders;
        var score = Math.Log2((together + options.Shrinkage) / (expected + options.Shrinkage));
        return score > 0 ? score : null;
    }

    /// <summary>The plain lift <c>n_ab · N / (n_a · n_b)</c>, shown beside the score.</summary>
    public static double Lift(long together, long ordersOfA, long ordersOfB, long totalOrders) =>
        ordersOfA > 0 && ordersOfB > 0 ? (double)together * totalOrders / ((double)ordersOfA * ordersOfB) : 0;
}
