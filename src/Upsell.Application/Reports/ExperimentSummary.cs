
namespace Upsell.Application.Reports;

/// <summary>
/// One line of the experiment list: what it tests, where it stands, the verdict on its current phase, and why its
/// winner may not be shipped (the checkout guardrail), if it may not.
/// </summary>
public sealed record ExperimentSummary(string Key, string Moment, string Status, string? Hypothesis, string PrimaryMetric, int Phase, long Visitors, VerdictReport Verdict, ComparisonReport? Best, string? ShipRefusal = null);
