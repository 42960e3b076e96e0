using System.Globalization;

namespace Upsell.Domain.Statistics;

/// <summary>An experiment judged: each variant against control, the sample-ratio check and the verdict.</summary>
public sealed record ExperimentAnalysis(
    Metric PrimaryMetric,
    IReadOnlyList<VariantResult> Variants,
    double SampleRatioChiSquare,
    double SampleRatioPValue,
    bool SampleRatioMismatch,
    Verdict Verdict)
{
    /// <summary>What the verdict rests on, for the report to say.</summary>
    public const string DecisionBasis =
        "always-valid intervals (normal-mixture sequential test), taken over a look at the end of every day of the phase and now (running minimum p-value, intersected intervals), so a verdict once reached stays; p-values Benjamini-Hochberg adjusted across variants and metrics";

    private static readonly CultureInfo Text = CultureInfo.InvariantCulture;

    /// <summary>Judges the arms, control first, on the primary metric at a single look.</summary>
    public static ExperimentAnalysis Analyze(IReadOnlyList<Arm> arms, Metric primary, ReportOptions options) =>
        Analyze([arms], primary, options);

    /// <summary>
    /// Judges the arms, control first, on the primary metric; the other metric is shown beside it.
    /// <paramref name="looks"/> holds the arms as they stood at each look, oldest first, the last being now; the
    /// always-valid figures are taken over all of them (<see cref="RunningMinimum"/>).
    /// </summary>
    public static ExperimentAnalysis Analyze(IReadOnlyList<IReadOnlyList<Arm>> looks, Metric primary, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(looks);
        ArgumentNullException.ThrowIfNull(options);
        if (looks.Count == 0 || looks.Any(l => l.Count < 2 || l.Count != looks[^1].Count))
        {
            throw new ArgumentException("Every look has the same arms: a control and at least one variant.", nameof(looks));
        }

        var arms = looks[^1];
        var metrics = Enum.GetValues<Metric>();
        var comparisons = Enumerable.Range(1, arms.Count - 1)
            .SelectMany(a => metrics.Select(metric => (arms[a].Key, metric,
                RunningMinimum.Across([.. looks.Select(look => MeanComparison.Compare(look[0].For(metric), look[a].For(metric), options))]))))
            .ToList();
        var adjusted = FalseDiscovery.Adjust([.. comparisons.Select(c => c.Item3.PValue)]);
        var adjustedAlwaysValid = FalseDiscovery.Adjust([.. comparisons.Select(c => c.Item3.AlwaysValidPValue)]);
        var variants = comparisons
            .Select((c, i) => (c.Key, Result: new MetricResult(c.metric, c.Item3, adjusted[i], adjustedAlwaysValid[i])))
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => new VariantResult(g.Key, [.. g.Select(c => c.Result)]))
            .ToList();

        var (chi, p) = SampleRatio.Test([.. arms.Select(a => a.Acceptance.Count)], [.. arms.Select(a => a.Weight)]);
        var mismatch = p < options.SampleRatioThreshold;
        return new ExperimentAnalysis(primary, variants, chi, p, mismatch, Judge(variants, primary, mismatch, p, options));
    }

    private static Verdict Judge(List<VariantResult> variants, Metric primary, bool mismatch, double srmP, ReportOptions options)
    {
        var metric = primary == Metric.AcceptanceRate ? "acceptance rate" : "revenue per visitor";
        if (mismatch)
        {
            return new Verdict(VerdictKind.SampleRatioMismatch, null, string.Format(Text,
                "Do not decide: visitors are not reaching the arms in the configured split (sample-ratio test p = {0:G3}), so these numbers cannot be trusted. Check targeting and tracking first.",
                srmP));
        }

        var onPrimary = variants.Select(v => (v.Key, Result: v.On(primary))).ToList();
        bool Significant(MetricResult r) => r.AdjustedAlwaysValidPValue < options.Alpha && r.Comparison.AlwaysValidInterval.Excludes(0);
        // The side is read from the running interval, not today's difference, so a winner stays one.
        var winner = onPrimary.Where(v => Significant(v.Result) && v.Result.Comparison.AlwaysValidInterval.Low > 0)
            .OrderByDescending(v => v.Result.Comparison.Difference).FirstOrDefault();
        if (winner.Key is not null)
        {
            return new Verdict(VerdictKind.VariantWins, winner.Key, string.Format(Text,
                winner.Result.Comparison.RelativeLift is null
                    ? "Variant {0} wins: {1} is above control's zero, and the always-valid interval stays above zero. Ship it."
                    : "Variant {0} wins: {1} {2:+0.0%;-0.0%} against control, and the always-valid interval stays above zero. Ship it.",
                winner.Key, metric, winner.Result.Comparison.RelativeLift));
        }

        if (onPrimary.All(v => Significant(v.Result) && v.Result.Comparison.AlwaysValidInterval.High < 0))
        {
            return new Verdict(VerdictKind.ControlWins, "control", string.Format(Text,
                "Control wins: every variant does worse on {0}, and the always-valid intervals stay below zero. Stop the test and keep control.", metric));
        }

        var remaining = onPrimary.Max(v => v.Result.Comparison.SampleSizeRemaining);
        if (remaining == 0)
        {
            return new Verdict(VerdictKind.NoDetectableDifference, null, string.Format(Text,
                "No detectable difference: every arm has the visitors needed to find a {0:0.#%} change in {1}, and none showed. Keep control, or decide on other grounds.",
                options.MinimumEffect, metric));
        }

        return new Verdict(VerdictKind.KeepRunning, null, remaining == long.MaxValue
            ? string.Format(Text, "Keep running: there is not enough data yet to size the test on {0}.", metric)
            : string.Format(Text, "Keep running: about {0:N0} more visitors per arm are needed to find a {1:0.#%} change in {2}.", remaining, options.MinimumEffect, metric));
    }
}
