using Microsoft.Azure.Functions.Worker;
using Upsell.Application.Bandits;

namespace Upsell.Functions.Bandits;

/// <summary>Hourly by default (<c>Upsell:Bandits:Schedule</c>): moves every running bandit's weights towards its better arms.</summary>
public sealed class ReallocateBanditsFunction(BanditService bandits)
{
    [Function(nameof(ReallocateBandits))]
    public Task ReallocateBandits([TimerTrigger("%Upsell:Bandits:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        bandits.ReallocateAsync(cancellationToken);
}
