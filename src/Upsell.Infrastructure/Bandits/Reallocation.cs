
namespace Upsell.Infrastructure.Bandits;

/// <summary>
/// One bandit reallocation: when, the weights new visitors got from then on, and each arm's totals at that moment,
/// which close the period before it.
/// </summary>
public sealed record Reallocation(int Phase, DateTimeOffset At, IReadOnlyDictionary<string, double> Weights, IReadOnlyDictionary<string, ArmTotals> Totals);
