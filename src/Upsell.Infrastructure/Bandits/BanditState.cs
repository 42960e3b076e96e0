using Upsell.Domain.Bandits;

namespace Upsell.Infrastructure.Bandits;

/// <summary>A bandit phase as it stands: the analysis, each arm's totals now, and the reallocations so far.</summary>
public sealed record BanditState(BanditAnalysis Analysis, IReadOnlyDictionary<string, ArmTotals> Totals, IReadOnlyList<Reallocation> Reallocations);
