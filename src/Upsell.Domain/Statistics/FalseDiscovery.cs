namespace Upsell.Domain.Statistics;

/// <summary>Benjamini-Hochberg: p-values of comparisons shown together, adjusted so the false discovery rate holds.</summary>
public static class FalseDiscovery
{
    /// <summary>The adjusted p-values, in the order given.</summary>
    public static IReadOnlyList<double> Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var i = order[rank - 1];
            running = Math.Min(running, pValues[i] * m / rank);
            adjusted[i] = running;
        }

        return adjusted;
    }
}
