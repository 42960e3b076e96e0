namespace Upsell.Domain.Catalog;

/// <summary>
/// Read-only: one phase of an experiment, from when it started, with the weights it split visitors by at its start
/// and how (<see cref="Allocation"/>: "fixed", or "bandit" when those weights then moved; "fixed" when left out).
/// </summary>
public sealed record PhaseDocument(int Phase, DateTimeOffset StartedAt, IReadOnlyDictionary<string, double> Weights, string? Allocation = null);
