using Upsell.Domain.Catalog;

namespace Upsell.Infrastructure.Reports;

/// <summary>One experiment phase: its playbook, each arm, each variant against control, the SRM check and the verdict.</summary>
public sealed record ExperimentReport(
    string Key,
    string Moment,
    string Status,
    string? Hypothesis,
    string PrimaryMetric,
    DecisionDocument? Decision,
    int Phase,
    IReadOnlyList<PhaseDocument> Phases,
    string Basis,
    VerdictReport Verdict,
    SampleRatioReport SampleRatio,
    IReadOnlyList<ArmReport> Arms,
    IReadOnlyList<ComparisonReport> Comparisons,
    IReadOnlyList<DailyVisitors> Daily);
