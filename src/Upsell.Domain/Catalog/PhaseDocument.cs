namespace Upsell.Domain.Catalog;

/// <summary>Read-only: one phase of an experiment, from when it started, with the weights it split visitors by.</summary>
public sealed record PhaseDocument(int Phase, DateTimeOffset StartedAt, IReadOnlyDictionary<string, double> Weights);
