using Microsoft.Azure.Functions.Worker;
using Upsell.Infrastructure.Outcomes;

namespace Upsell.Functions.Reports;

/// <summary>Every minute by default (<c>Upsell:Reports:Schedule</c>): folds the days counted into since the last run into the rows reports read.</summary>
public sealed class RollUpStatsFunction(StatsRollup rollup)
{
    [Function(nameof(RollUpStats))]
    public Task RollUpStats([TimerTrigger("%Upsell:Reports:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        rollup.RunAsync(cancellationToken);
}
