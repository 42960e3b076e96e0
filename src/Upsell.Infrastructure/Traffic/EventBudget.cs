using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Upsell.Infrastructure.Traffic;

/// <summary>
/// The events each decision token may still send to this instance (<see cref="TrafficOptions.EventsPerDecision"/>):
/// a token counts at most one event of each type anyway, so past its budget an event only costs queue and storage
/// work, and is dropped at the door. Kept in memory, per instance; it forgets everything when it holds
/// <see cref="MaxTokens"/> tokens, so no flood of fresh tokens makes it grow without bound.
/// </summary>
public sealed class EventBudget(IOptions<TrafficOptions> traffic)
{
    /// <summary>The most tokens remembered at once.</summary>
    public const int MaxTokens = 200_000;

    private readonly ConcurrentDictionary<string, int> _spent = new(StringComparer.Ordinal);

    /// <summary>Whether the token may send one more event; spends it when so.</summary>
    public bool TrySpend(string countKey)
    {
        if (_spent.Count >= MaxTokens)
        {
            _spent.Clear();
        }

        return _spent.AddOrUpdate(countKey, 1, (_, spent) => spent + 1) <= traffic.Value.EventsPerDecision;
    }
}
