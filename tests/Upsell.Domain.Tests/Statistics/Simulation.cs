namespace Upsell.Domain.Tests.Statistics;

/// <summary>Seeded simulations: their CI size, or the big size the README records with UPSELL_SIMULATION=big.</summary>
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
}
