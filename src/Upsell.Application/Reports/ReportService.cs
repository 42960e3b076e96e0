using Microsoft.Extensions.Options;
using Upsell.Domain;
using Upsell.Domain.Bandits;
using Upsell.Domain.Catalog;
using Upsell.Domain.Decisions;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using Upsell.Domain.Outcomes;
using Upsell.Domain.Statistics;
using Upsell.Infrastructure.Bandits;
using Upsell.Infrastructure.Outcomes;

namespace Upsell.Application.Reports;

/// <summary>
/// Builds the reports from counters alone: each reads the rolled-up day rows of the names its scope lists (one read
/// per name, <see cref="RollupReader"/>), so its cost depends on arms, segments and days, never on how many events
/// were recorded. Figures are as of the rollup's last run (<see cref="ReportOptions.Schedule"/>).
/// </summary>
public sealed class ReportService(
    ICounterSource reader,
    ReallocationStore reallocationStore,
    IOptions<ReportOptions> options,
    IOptions<DecisionOptions> decisions,
    IOptions<BanditOptions> bandits,
    TimeProvider time)
{
    /// <summary>One phase of an experiment; the phase must be one the experiment has had.</summary>
    public async Task<ExperimentReport> ExperimentAsync(ExperimentDocument experiment, int phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var weights = WeightsOf(experiment, phase);
        var names = await reader.NamesAsync(StatsKeys.ExperimentScope(experiment.Key!, phase), cancellationToken).ConfigureAwait(false);
        var series = await SeriesAsync(names, cancellationToken).ConfigureAwait(false);
        var byArm = TotalsByArm(weights, series);
        var daily = series.SelectMany(s => s.Days.Select(d => (s.Variant, Day: d.Key, d.Value.Visitors)))
            .GroupBy(d => d.Day)
            .OrderBy(g => g.Key)
            .Select(g => new DailyVisitors(g.Key, weights.ToDictionary(w => w.Key, w => g.Where(d => d.Variant == w.Key).Sum(d => d.Visitors), StringComparer.Ordinal)))
            .ToList();
        var metric = experiment.MetricOrDefault();
        var header = (Key: experiment.Key!, Moment: experiment.Moment!, Status: experiment.Status ?? Wire.Name(Domain.Experiments.ExperimentStatus.Draft));
        var coverage = experiment.Coverage ?? 1;
        var traffic = await TrafficAsync(names, weights, byArm, cancellationToken).ConfigureAwait(false);

        if (IsBandit(experiment, phase))
        {
            var state = await BanditAsync(experiment, phase, byArm, cancellationToken).ConfigureAwait(false);
            var analysis = state.Analysis;
            return new ExperimentReport(
                header.Key, header.Moment, header.Status, experiment.Hypothesis, Wire.Name(metric), experiment.Decision, phase, experiment.Phases ?? [],
                coverage, Wire.Name(Domain.Experiments.Allocation.Bandit), BanditAnalysis.DecisionBasis,
                VerdictOf(analysis.Verdict, traffic),
                new SampleRatioReport(analysis.SampleRatioChiSquare, analysis.SampleRatioPValue, options.Value.SampleRatioThreshold, analysis.SampleRatioMismatch),
                [.. analysis.Arms.Select(a => new ArmReport(a.Key, a.Weight, Totals.Of(byArm[a.Key])))],
                [],
                daily,
                BanditReport.Of(state, bandits.Value),
                [.. analysis.Guardrail.Select(g => GuardrailReport.Of(g, ExposedIn(state, analysis.Arms[0].Key), ExposedIn(state, g.Variant), options.Value.GuardrailMargin))],
                ExperimentVerdict.ShipRefusal(analysis.Verdict, analysis.Guardrail, options.Value) ?? traffic.ShipRefusal,
                traffic);
        }

        var guarded = Guarded(experiment);
        var completion = guarded ? await CompletionAsync(experiment.Key!, phase, weights, cancellationToken).ConfigureAwait(false) : [];
        var now = weights.Select(w => ArmOf(w.Key, w.Value, byArm[w.Key], Sum(completion.GetValueOrDefault(w.Key, Empty).Values))).ToList();
        var judged = ExperimentAnalysis.Analyze(now, CompletedDays(experiment, phase, weights, series, completion), metric, options.Value, guarded);
        var comparisons = judged.Variants
            .SelectMany(v => v.Metrics.Select(m => ComparisonReport.Of(v.Key, m)))
            .ToList();
        return new ExperimentReport(
            header.Key, header.Moment, header.Status, experiment.Hypothesis, Wire.Name(metric), experiment.Decision, phase, experiment.Phases ?? [],
            coverage, Wire.Name(Domain.Experiments.Allocation.Fixed), ExperimentAnalysis.DecisionBasis,
            VerdictOf(judged.Verdict, traffic),
            new SampleRatioReport(judged.SampleRatioChiSquare, judged.SampleRatioPValue, options.Value.SampleRatioThreshold, judged.SampleRatioMismatch),
            [.. weights.Select(w => new ArmReport(w.Key, w.Value, Totals.Of(byArm[w.Key])))],
            comparisons,
            daily,
            null,
            [.. judged.Guardrail.Select(g => GuardrailReport.Of(g, now[0].Completion.Count, now.First(a => a.Key == g.Variant).Completion.Count, options.Value.GuardrailMargin))],
            ExperimentVerdict.ShipRefusal(judged.Verdict, judged.Guardrail, options.Value) ?? traffic.ShipRefusal,
            traffic);
    }

    // Each arm's traffic-quality signs: its counters, and the networks its impressions and accepts came from.
    private async Task<TrafficReport> TrafficAsync(IReadOnlyList<string> names, IReadOnlyList<KeyValuePair<string, double>> weights, Dictionary<string, Counters> byArm, CancellationToken cancellationToken)
    {
        var networks = await Task.WhenAll(names.Select(async name => (
            Variant: StatsGroup.VariantOf(name),
            Seen: (await reader.SumAsync(StatsKeys.Networks(name), DateOnly.MinValue, DateOnly.MaxValue, cancellationToken).ConfigureAwait(false)).Visitors,
            Accepting: (await reader.SumAsync(StatsKeys.AcceptingNetworks(name), DateOnly.MinValue, DateOnly.MaxValue, cancellationToken).ConfigureAwait(false)).Visitors))).ConfigureAwait(false);
        return TrafficReport.Of([.. weights.Select(w => new ArmTraffic(w.Key, byArm[w.Key],
            networks.Where(n => n.Variant == w.Key).Sum(n => n.Seen), networks.Where(n => n.Variant == w.Key).Sum(n => n.Accepting)))]);
    }

    // The arms' totals at the end of each completed UTC day of the phase, day 1 being the day it started (or, for a
    // phase recorded without a start, its first day with counts), up to the planned days: what the verdict is taken on.
    private List<DailyLook> CompletedDays(
        ExperimentDocument experiment, int phase, IReadOnlyList<KeyValuePair<string, double>> weights, (string Variant, IReadOnlyDictionary<DateOnly, Counters> Days)[] series,
        Dictionary<string, IReadOnlyDictionary<DateOnly, Counters>> completion)
    {
        var dates = series.SelectMany(s => s.Days.Keys).ToList();
        var first = experiment.Phases?.FirstOrDefault(p => p.Phase == phase) is { } recorded
            ? DateOnly.FromDateTime(recorded.StartedAt.UtcDateTime)
            : dates.Count > 0 ? dates.Min() : DateOnly.MaxValue;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        // Counts from before the first day (none in a recorded phase) belong to day 1.
        var completions = completion.Select(c => (Variant: c.Key, Days: c.Value)).ToList();
        var running = RunningTotals(weights, series, first);
        var completed = RunningTotals(weights, completions, first);
        var looks = new List<DailyLook>();
        for (var (date, day) = (first, 1); date < today && day <= options.Value.PlannedDays; (date, day) = (date.AddDays(1), day + 1))
        {
            AddDay(completed, completions, date);
            AddDay(running, series, date);
            looks.Add(new DailyLook(day, [.. weights.Select(w => ArmOf(w.Key, w.Value, running[w.Key], completed[w.Key]))]));
        }

        return looks;
    }

    // Each arm's counts from before the first day, over every series of the arm (one per counted name).
    private static Dictionary<string, Counters> RunningTotals(
        IReadOnlyList<KeyValuePair<string, double>> weights, IEnumerable<(string Variant, IReadOnlyDictionary<DateOnly, Counters> Days)> series, DateOnly first) =>
        weights.ToDictionary(
            w => w.Key,
            w => Sum(series.Where(s => s.Variant == w.Key).SelectMany(s => s.Days.Where(d => d.Key < first).Select(d => d.Value))),
            StringComparer.Ordinal);

    // Adds each series' counts of the date to its arm's running total.
    private static void AddDay(Dictionary<string, Counters> running, IEnumerable<(string Variant, IReadOnlyDictionary<DateOnly, Counters> Days)> series, DateOnly date)
    {
        foreach (var (variant, counted) in series)
        {
            if (running.TryGetValue(variant, out var sum) && counted.TryGetValue(date, out var onDay))
            {
                running[variant] = sum.Plus(onDay);
            }
        }
    }

    /// <summary>
    /// A bandit phase as it stands: its periods (from its start, its reallocations and the arms' totals now),
    /// judged. The Monte Carlo draws are seeded by the experiment, phase and visitors, so the same data gives the
    /// same figures.
    /// </summary>
    public async Task<BanditState> BanditAsync(ExperimentDocument experiment, int phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var series = await SeriesAsync(await reader.NamesAsync(StatsKeys.ExperimentScope(experiment.Key!, phase), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return await BanditAsync(experiment, phase, TotalsByArm(WeightsOf(experiment, phase), series), cancellationToken).ConfigureAwait(false);
    }

    private async Task<BanditState> BanditAsync(ExperimentDocument experiment, int phase, Dictionary<string, Counters> byArm, CancellationToken cancellationToken)
    {
        var keys = WeightsOf(experiment, phase).Select(w => w.Key).ToList();
        var start = experiment.Phases?.FirstOrDefault(p => p.Phase == phase);
        var reallocations = await reallocationStore.ListAsync(experiment.Key!, phase, cancellationToken).ConfigureAwait(false);
        var guarded = Guarded(experiment);
        var completion = guarded ? await CompletionAsync(experiment.Key!, phase, WeightsOf(experiment, phase), cancellationToken).ConfigureAwait(false) : [];
        var totals = byArm.ToDictionary(
            a => a.Key, a => ArmTotals.Of(a.Value, guarded ? Sum(completion.GetValueOrDefault(a.Key, Empty).Values) : null), StringComparer.Ordinal);
        var startWeights = start?.Weights ?? keys.ToDictionary(k => k, _ => 1.0 / keys.Count, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var periods = BanditPeriods.Of(keys, start?.StartedAt ?? (reallocations.Count > 0 ? reallocations[0].At : now), startWeights, reallocations, totals, now, experiment.MetricOrDefault(), guarded);
        var current = reallocations.Count > 0 ? reallocations[^1].Weights : startWeights;
        var seed = (int)GrowthBookHash.Fnv1a32(string.Join('|', experiment.Key, phase, string.Join(',', totals.Values.Select(t => t.Visitors))));
        var analysis = BanditAnalysis.Analyze(keys, [.. keys.Select(k => current.GetValueOrDefault(k))], periods, experiment.MetricOrDefault(), bandits.Value, options.Value, seed, now, guarded);
        return new BanditState(analysis, totals, reallocations);
    }

    // Each arm's counters over the phase, summed over its offers and days.
    private static Dictionary<string, Counters> TotalsByArm(IReadOnlyList<KeyValuePair<string, double>> weights, (string Variant, IReadOnlyDictionary<DateOnly, Counters> Days)[] series) =>
        weights.ToDictionary(w => w.Key, w => Sum(series.Where(s => s.Variant == w.Key).SelectMany(s => s.Days.Values)), StringComparer.Ordinal);

    private static long ExposedIn(BanditState state, string arm) => state.Totals.GetValueOrDefault(arm, ArmTotals.Zero)!.Exposed;

    // At a moment before the order an offer can cost the order: the checkout guardrail judges the arms' completion.
    private static bool Guarded(ExperimentDocument experiment) => Wire.TryParse<Moment>(experiment.Moment, out var moment) && CheckoutGuardrail.Applies(moment);

    private static bool IsBandit(ExperimentDocument experiment, int phase) =>
        experiment.Phases?.FirstOrDefault(p => p.Phase == phase) is { } recorded
            ? recorded.Allocation == Wire.Name(Domain.Experiments.Allocation.Bandit)
            : phase == (experiment.Phase ?? 1) && experiment.Allocation == Wire.Name(Domain.Experiments.Allocation.Bandit);

    // Each counted name of an experiment phase (as its index lists them) with its arm and its counters per day.
    private async Task<(string Variant, IReadOnlyDictionary<DateOnly, Counters> Days)[]> SeriesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        await Task.WhenAll(names.Select(async name =>
            (Variant: StatsGroup.VariantOf(name), Days: await reader.DailyAsync(name, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);

    /// <summary>The experiment list line: the current phase's verdict and its best variant on the primary metric.</summary>
    public async Task<ExperimentSummary> SummaryAsync(ExperimentDocument experiment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var report = await ExperimentAsync(experiment, experiment.Phase ?? 1, cancellationToken).ConfigureAwait(false);
        var best = report.Comparisons.Where(c => c.Metric == report.PrimaryMetric).OrderByDescending(c => c.RelativeLift ?? double.NegativeInfinity).ThenByDescending(c => c.Difference).FirstOrDefault();
        return new ExperimentSummary(report.Key, report.Moment, report.Status, report.Hypothesis, report.PrimaryMetric, report.Phase,
            report.Arms.Sum(a => a.Totals.Visitors), report.Verdict, best, report.ShipRefusal);
    }

    /// <summary>Each moment (or one) over a date range: its funnel, broken down by a segment dimension, and visitors per day.</summary>
    public async Task<MomentsReport> MomentsAsync(IReadOnlyList<Moment> moments, string by, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moments);
        var perMoment = await Task.WhenAll(moments.Select(async moment =>
        {
            var names = await reader.NamesAsync(StatsKeys.SegmentScope(moment), cancellationToken).ConfigureAwait(false);
            var series = await Task.WhenAll(names.Select(async name =>
                (Value: StatsKeys.SegmentOf(name).ValueOf(by), Days: await reader.DailyAsync(name, from, to, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
            return (Moment: moment, Series: series);
        })).ConfigureAwait(false);

        var reports = perMoment.Select(m =>
        {
            var segments = m.Series.GroupBy(s => s.Value, StringComparer.Ordinal)
                .Select(g => new SegmentReport(g.Key, Totals.Of(Sum(g.SelectMany(s => s.Days.Values)))))
                .OrderByDescending(s => s.Totals.Visitors)
                .ThenBy(s => s.Value, StringComparer.Ordinal)
                .ToList();
            return new MomentReport(Wire.Name(m.Moment), Totals.Of(Sum(m.Series.SelectMany(s => s.Days.Values))), segments);
        }).ToList();
        var daily = perMoment
            .SelectMany(m => m.Series.SelectMany(s => s.Days.Select(d => (Moment: Wire.Name(m.Moment), Day: d.Key, d.Value.Visitors))))
            .GroupBy(d => d.Day)
            .OrderBy(g => g.Key)
            .Select(g => new DailyVisitors(g.Key, perMoment.ToDictionary(m => Wire.Name(m.Moment), m => g.Where(d => d.Moment == Wire.Name(m.Moment)).Sum(d => d.Visitors), StringComparer.Ordinal)))
            .ToList();
        return new MomentsReport(from, to, options.Value.Currency, by, reports, daily);
    }

    /// <summary>
    /// Each offer over a date range. An offer outside experiments counts under a name fixed by its moment and id; in
    /// an experiment it counts under the arm's names, which the experiment's index lists per phase.
    /// </summary>
    public async Task<OffersReport> OffersAsync(IReadOnlyList<OfferDocument> offers, IReadOnlyList<ExperimentDocument> experiments, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(experiments);
        var armNames = (await Task.WhenAll(experiments.SelectMany(e => Enumerable.Range(1, e.Phase ?? 1).Select(phase => reader.NamesAsync(StatsKeys.ExperimentScope(e.Key!, phase), cancellationToken)))).ConfigureAwait(false))
            .SelectMany(n => n)
            .ToList();
        var reports = await Task.WhenAll(offers.Select(async offer =>
        {
            var names = (offer.Moments ?? [])
                .Select(m => Wire.TryParse<Moment>(m, out var moment) ? new StatsGroup(moment, null, null, null, offer.Id!).Name : null)
                .OfType<string>()
                .Concat(armNames.Where(n => n.EndsWith("|" + offer.Id, StringComparison.Ordinal)))
                .Distinct(StringComparer.Ordinal);
            var counters = await Task.WhenAll(names.Select(n => reader.SumAsync(n, from, to, cancellationToken))).ConfigureAwait(false);
            return new OfferReport(offer.Id!, Totals.Of(Sum(counters)));
        })).ConfigureAwait(false);
        return new OffersReport(from, to, options.Value.Currency, reports);
    }

    /// <summary>Treated against held-out visitors over a date range, overall and per moment.</summary>
    public async Task<HoldoutReport> HoldoutAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var scopes = Wire.All<Moment>().Prepend(StatsKeys.AllMoments).ToList();
        var orders = (await reader.SumAsync(StatsKeys.AllOrders, from, to, cancellationToken).ConfigureAwait(false)).Orders;
        var results = await Task.WhenAll(scopes.Select(async scope =>
        {
            var treated = reader.SumAsync(StatsKeys.Programme(decisions.Value.HoldoutPhase, false, scope), from, to, cancellationToken);
            var holdout = reader.SumAsync(StatsKeys.Programme(decisions.Value.HoldoutPhase, true, scope), from, to, cancellationToken);
            var shown = reader.SumAsync(StatsKeys.Shown(scope), from, to, cancellationToken);
            var (t, h, s) = (await treated.ConfigureAwait(false), await holdout.ConfigureAwait(false), await shown.ConfigureAwait(false));
            var (heldOutRevenue, treatedRevenue) = (RevenueOf(h), RevenueOf(t));
            var lift = MeanComparison.Compare(heldOutRevenue, treatedRevenue, options.Value);
            return new HoldoutScope(scope, Totals.Of(t), Totals.Of(h), ComparisonReport.Of("treated", Metric.RevenuePerVisitor, lift, MeanComparison.Mixture(heldOutRevenue, treatedRevenue, options.Value)),
                orders, Math.Min(s.Orders, orders));
        })).ConfigureAwait(false);
        return new HoldoutReport(from, to, options.Value.Currency, decisions.Value.HoldoutPercent, decisions.Value.HoldoutPhase,
            "treated visitors (everyone who asked for an offer and is not held out, whether shown one or not) against the global holdout; order value per visitor, net of refunds, capped per visitor; fixed-horizon and always-valid intervals",
            results);
    }

    private static IReadOnlyList<KeyValuePair<string, double>> WeightsOf(ExperimentDocument experiment, int phase)
    {
        var variants = experiment.Variants ?? [];
        if (experiment.Phases?.FirstOrDefault(p => p.Phase == phase) is { } recorded)
        {
            // Control first, as the experiment lists it; the phase's own weights decide the rest.
            var control = variants.Count > 0 ? variants[0].Key : null;
            return [.. recorded.Weights.OrderBy(w => w.Key == control ? 0 : 1)];
        }

        return [.. variants.Select(v => new KeyValuePair<string, double>(v.Key!, v.Weight ?? 0))];
    }

    private static readonly IReadOnlyDictionary<DateOnly, Counters> Empty = new Dictionary<DateOnly, Counters>();

    // Each arm's checkout completion per day: its visitors shown an offer, and how many of them ordered (capped at 1 each).
    private async Task<Dictionary<string, IReadOnlyDictionary<DateOnly, Counters>>> CompletionAsync(
        string key, int phase, IReadOnlyList<KeyValuePair<string, double>> weights, CancellationToken cancellationToken)
    {
        var days = await Task.WhenAll(weights.Select(w => reader.DailyAsync(StatsKeys.Completion(key, phase, w.Key), DateOnly.MinValue, DateOnly.MaxValue, cancellationToken))).ConfigureAwait(false);
        return weights.Select((w, i) => (w.Key, Days: days[i])).ToDictionary(w => w.Key, w => w.Days, StringComparer.Ordinal);
    }

    private static Arm ArmOf(string key, double weight, Counters c, Counters? completion = null) =>
        new(key, weight, Sample.Binary(c.Visitors, Math.Min(c.AcceptingVisitors, c.Visitors)), RevenueOf(c),
            completion?.AsCompletion() ?? default,
            new Known(
                new Covariate(c.CovariateSum, c.CovariateSquares, c.CovariateProducts),
                new Covariate(c.EarlierOrdersSum, c.EarlierOrdersSquares, c.EarlierOrdersProducts),
                c.CovariateCross));

    private static Sample RevenueOf(Counters c) => new(c.Visitors, c.CappedRevenueMinor, c.CappedRevenueSquares);

    private static Counters Sum(IEnumerable<Counters> counters) => counters.Aggregate(Counters.Zero, (a, b) => a.Plus(b));

    private static VerdictReport VerdictOf(Verdict verdict) => new(Wire.Name(verdict.Kind), verdict.Variant, verdict.Text);

    // A flagged arm's traffic is said in the verdict itself, where a merchant reads before acting.
    private static VerdictReport VerdictOf(Verdict verdict, TrafficReport traffic) =>
        traffic.Flagged ? VerdictOf(verdict) with { Text = $"{verdict.Text} {traffic.Text}" } : VerdictOf(verdict);
}
