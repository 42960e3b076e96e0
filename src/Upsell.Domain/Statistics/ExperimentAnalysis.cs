using MathNet.Numerics.Distributions;

namespace Upsell.Domain.Statistics;

/// <summary>
/// An experiment judged: each variant against control on both metrics (the primary one decides), the sequential
/// sample-ratio check, and the verdict (<see cref="ExperimentVerdict"/>).
/// </summary>
/// <param name="PrimaryMetric">The metric the verdict is taken on.</param>
/// <param name="Variants">Each variant against control on each metric: today's figures, with the sequential interval and p-value as of the last completed day.</param>
/// <param name="SampleRatioChiSquare">Today's chi-square statistic of the arms' visitors against the weights (descriptive).</param>
/// <param name="SampleRatioPValue">The sequential sample-ratio p-value over every completed day.</param>
/// <param name="SampleRatioMismatch">Whether the sequential check has fired in the phase; once it has, it stays.</param>
/// <param name="DaysJudged">The completed days of the phase the verdict has seen.</param>
/// <param name="Guardrail">Each variant's checkout completion against control (<see cref="CheckoutGuardrail"/>); empty where it does not apply.</param>
/// <param name="Verdict">The call.</param>
public sealed record ExperimentAnalysis(
    Metric PrimaryMetric,
    IReadOnlyList<VariantResult> Variants,
    double SampleRatioChiSquare,
    double SampleRatioPValue,
    bool SampleRatioMismatch,
    int DaysJudged,
    IReadOnlyList<GuardrailResult> Guardrail,
    Verdict Verdict)
{
    /// <summary>What the verdict rests on, for the report to say.</summary>
    public const string DecisionBasis =
        "a group-sequential test on the primary metric (revenue per visitor adjusted by CUPED for the carts' value and the visitors' earlier orders where they were known), looked at once at the end of every UTC day of the phase, spending its alpha over the planned days (Lan-DeMets O'Brien-Fleming); the first day a boundary is crossed decides and the verdict stays; always-valid intervals are repeated confidence intervals intersected over the days; alpha split evenly across variants (Bonferroni); the sample-ratio check is sequential (Dirichlet-multinomial mixture) over the same days";

    /// <summary>
    /// Judges the arms, control first. <paramref name="now"/> holds the arms' totals now, for the figures shown;
    /// <paramref name="days"/> the totals at the end of each completed UTC day of the phase, oldest first, on which
    /// the verdict is taken. With <paramref name="guarded"/> (a moment before the order) the checkout guardrail is
    /// judged too, on the arms' completion.
    /// </summary>
    public static ExperimentAnalysis Analyze(IReadOnlyList<Arm> now, IReadOnlyList<DailyLook> days, Metric primary, ReportOptions options, bool guarded = false)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(options);
        if (now.Count < 2 || days.Any(d => d.Arms.Count != now.Count))
        {
            throw new ArgumentException("Every look has the same arms: a control and at least one variant.", nameof(days));
        }

        var variants = now.Count - 1;
        var alpha = options.Alpha / variants;
        var results = new List<VariantResult>(variants);
        var primaryTests = new List<SequentialResult>(variants);
        for (var a = 1; a < now.Count; a++)
        {
            var metrics = new List<MetricResult>(2);
            foreach (var metric in Enum.GetValues<Metric>())
            {
                var looks = Looks(days, a, metric, options, adjusted: false);
                var test = SequentialTest.Judge(looks, alpha, options.MinimumEffect);
                var comparison = MeanComparison.Compare(now[0].For(metric), now[a].For(metric), options);
                var cuped = metric == Metric.RevenuePerVisitor ? Adjusted(now[0], now[a], days, a, alpha, options) : null;
                metrics.Add(new MetricResult(metric, comparison, Math.Min(1, comparison.PValue * variants), test.Interval, looks, variants, cuped?.Estimate));
                if (metric == primary)
                {
                    primaryTests.Add(cuped?.Test ?? test);
                }
            }

            results.Add(new VariantResult(now[a].Key, metrics));
        }

        var (chi, _) = SampleRatio.Test([.. now.Select(a => a.Acceptance.Count)], [.. now.Select(a => a.Weight)]);
        // A fixed test's weights hold for its whole phase.
        var (srmAt, largest) = SampleRatio.FirstAlarm(
            days.Select(d => SampleRatio.Evidence([.. d.Arms.Select(a => a.Acceptance.Count)], [.. d.Arms.Select(a => a.Weight)])), options.SampleRatioThreshold);
        var judged = days.Count > 0 ? days[^1].Day : 0;
        var guardrail = guarded ? CheckoutGuardrail.Judge(now, days, options) : [];
        var verdict = ExperimentVerdict.Judge(results, primaryTests, [.. days.Select(d => d.Day)], srmAt, SampleRatio.PValueOf(largest), primary, options, guardrail);
        return new ExperimentAnalysis(primary, results, chi, SampleRatio.PValueOf(largest), srmAt is not null, judged, guardrail, verdict);
    }

    private static List<SequentialLook> Looks(IReadOnlyList<DailyLook> days, int variant, Metric metric, ReportOptions options, bool adjusted) =>
        [.. days.Select(d => SequentialLook.Of(d.Arms[0], d.Arms[variant], metric, Math.Min(1, d.Day / (double)options.PlannedDays), adjusted))];

    // Revenue per visitor adjusted for what was known before the offer, today and over the days, where the arms carry it.
    private static (CupedEstimate Estimate, SequentialResult Test)? Adjusted(Arm control, Arm treatment, IReadOnlyList<DailyLook> days, int variant, double alpha, ReportOptions options)
    {
        if (Cuped.Adjust(control.Revenue, control.Known, treatment.Revenue, treatment.Known) is not { } today)
        {
            return null;
        }

        var test = SequentialTest.Judge(Looks(days, variant, Metric.RevenuePerVisitor, options, adjusted: true), alpha, options.MinimumEffect);
        var z = Normal.InvCDF(0, 1, 1 - options.Alpha / 2);
        var interval = new Interval(today.Difference - z * today.StandardError, today.Difference + z * today.StandardError);
        return (new CupedEstimate(today, interval, today.ControlMean != 0 ? today.Difference / today.ControlMean : null, test.Interval), test);
    }
}

/// <summary>The arms' totals at the end of day <see cref="Day"/> of a phase (1 is the phase's first UTC day).</summary>
public sealed record DailyLook(int Day, IReadOnlyList<Arm> Arms);
