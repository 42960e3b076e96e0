namespace Upsell.Domain.Statistics;

/// <summary>
/// Why a verdict never flips back within a phase: the always-valid p-value a report judges by is the smallest one
/// seen at any look so far, and the always-valid interval the intersection of every look's interval. The normal-
/// mixture test promises at most alpha false alarms over all looks together, so these are as safe as a single
/// look, and once an arm is significant it stays so. A report looks at the end of every UTC day of the phase and
/// now. A look whose interval misses the running intersection altogether (which only a broken model can cause)
/// leaves the intersection as it was, so it is never empty.
/// </summary>
public static class RunningMinimum
{
    /// <summary>The last look's comparison, with the always-valid p-value and interval taken over every look.</summary>
    public static Comparison Across(IReadOnlyList<Comparison> looks)
    {
        ArgumentNullException.ThrowIfNull(looks);
        if (looks.Count == 0)
        {
            throw new ArgumentException("Give at least the current look.", nameof(looks));
        }

        var p = 1.0;
        var running = new Interval(double.NegativeInfinity, double.PositiveInfinity);
        foreach (var look in looks)
        {
            p = Math.Min(p, look.AlwaysValidPValue);
            var low = Math.Max(running.Low, look.AlwaysValidInterval.Low);
            var high = Math.Min(running.High, look.AlwaysValidInterval.High);
            if (low <= high)
            {
                running = new Interval(low, high);
            }
        }

        return looks[^1] with { AlwaysValidPValue = p, AlwaysValidInterval = running };
    }
}
