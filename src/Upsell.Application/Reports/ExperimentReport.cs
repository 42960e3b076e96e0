using Upsell.Domain.Catalog;

namespace Upsell.Application.Reports;

/// <summary>
/// One experiment phase: its playbook, coverage and allocation, each arm, each variant against control (a fixed
/// test) or the bandit's estimates and reallocations (<see cref="Bandit"/>, a bandit), the SRM check and the verdict;
/// at a moment before the order, each variant's checkout completion (<see cref="Guardrail"/>) and, when the guardrail
/// refuses the winner, why it may not be shipped (<see cref="ShipRefusal"/>); traffic quality beside the verdict
/// (<see cref="Traffic"/>), whose flag also refuses shipping until the merchant has looked.
/// </summary>
public sealed record ExperimentReport(
    string Key,
    string Moment,
    string Status,
    string? Hypothesis,
    string PrimaryMetric,
    DecisionDocument? Decision,
    int Phase,
    IReadOnlyList<PhaseDocument> Phases,
    double Coverage,
    string Allocation,
    string Basis,
    VerdictReport Verdict,
    SampleRatioReport SampleRatio,
    IReadOnlyList<ArmReport> Arms,
    IReadOnlyList<ComparisonReport> Comparisons,
    IReadOnlyList<DailyVisitors> Daily,
    BanditReport? Bandit,
    IReadOnlyList<GuardrailReport> Guardrail,
    string? ShipRefusal,
    TrafficReport Traffic);
