
namespace Upsell.Domain.Tests.Statistics;

/// <summary>Seeded simulations: their CI size, or the big size docs/merchant.md records with UPSELL_SIMULATION=big.</summary>
public static class Simulation
{
    /// <summary>How many runs a simulation makes.</summary>
    public static int Runs(int ci, int big) =>
        string.Equals(Environment.GetEnvironmentVariable("UPSELL_SIMULATION"), "big", StringComparison.Ordinal) ? big : ci;

    /// <summary>A day's visitors: a weekly pattern (busier weekends) with ±20% noise around <paramref name="mean"/>.</summary>
    public static int DailyVisitors(int mean, int day, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double[] week = [0.85, 0.9, 0.9, 0.95, 1.05, 1.3, 1.05];
        return (int)Math.Round(mean * week[day % 7] * (0.8 + 0.4 * random.NextDouble()));
    }

    /// <summary>
    /// Whether <paramref name="count"/> of <paramref name="runs"/> is consistent with a rate of at most
    /// <paramref name="rate"/>: not above it by more than Monte Carlo error (a one-sided binomial test at 1%). A design
    /// that spends exactly its alpha lands above alpha in half of all run sets, by chance alone.
    /// </summary>
    public static bool NotAbove(int count, int runs, double rate) => count <= rate * runs + 2.326 * Math.Sqrt(rate * (1 - rate) * runs);

    /// <summary>A count of runs as a share with its 95% interval (Wilson), for the printed figures.</summary>
    public static string Share(int count, int runs)
    {
        var (p, z) = (count / (double)runs, 1.96);
        var centre = (p + z * z / (2 * runs)) / (1 + z * z / runs);
        var half = z * Math.Sqrt(p * (1 - p) / runs + z * z / (4.0 * runs * runs)) / (1 + z * z / runs);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count}/{runs} ({p:P1}, 95% interval {Math.Max(0, centre - half):P1} to {Math.Min(1, centre + half):P1})");
    }
}
