namespace Upsell.Infrastructure.Reports;

/// <summary>One line of the experiment list: what it tests, where it stands and the verdict on its current phase.</summary>
public sealed record ExperimentSummary(string Key, string Moment, string Status, string? Hypothesis, string PrimaryMetric, int Phase, long Visitors, VerdictReport Verdict, ComparisonReport? Best);
