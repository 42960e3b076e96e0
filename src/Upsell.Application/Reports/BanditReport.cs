using System.Text.Json.Serialization;
using Upsell.Domain.Bandits;
using Upsell.Infrastructure.Bandits;

namespace Upsell.Application.Reports;

/// <summary>
/// A bandit phase as the report shows it: whether the burn-in is over, each arm's
/// period-weighted estimate with its chance of being best and expected loss, and every reallocation with its weights.
/// </summary>
public sealed record BanditReport(
    bool BurnedIn,
    int BurnInVisitors,
    double FloorWeight,
    IReadOnlyList<BanditArmReport> Arms,
    IReadOnlyList<ReallocationReport> Reallocations)
{
    public static BanditReport Of(BanditState state, BanditOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        // Against an arm nobody has seen, a chance of being best and an expected loss are the prior's, not data.
        var compared = state.Analysis.Arms.All(a => a.Estimate.Pooled.Count > 0);
        return new(
            state.Analysis.BurnedIn,
            options.BurnInVisitors,
            options.FloorWeight,
            [.. state.Analysis.Arms.Select(a => new BanditArmReport(
                a.Key, a.Weight, a.Estimate.Pooled.Count, a.Estimate.Mean, Bounds.Of(a.CredibleInterval), a.Estimate.EffectiveSize,
                compared ? a.ChanceToBeBest : null, compared ? a.ExpectedLoss : null))],
            [.. state.Reallocations.Select(r => new ReallocationReport(r.At, r.Weights))]);
    }
}

/// <summary>
/// One bandit arm: its weight now, its visitors, its period-weighted estimate on the primary metric with a 95%
/// interval and effective sample size, its chance of being the best arm and the expected loss of choosing it; those
/// two are null ("not enough data") while any arm of the phase has no visitors.
/// </summary>
public sealed record BanditArmReport(
    string Key,
    double Weight,
    long Visitors,
    double Estimate,
    Bounds Interval,
    double EffectiveVisitors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? ChanceToBeBest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? ExpectedLoss);

/// <summary>A reallocation: when, and the weights new visitors got from then on.</summary>
public sealed record ReallocationReport(DateTimeOffset At, IReadOnlyDictionary<string, double> Weights);
