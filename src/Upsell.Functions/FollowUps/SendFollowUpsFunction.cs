using Microsoft.Azure.Functions.Worker;
using Upsell.Application.FollowUps;

namespace Upsell.Functions.FollowUps;

/// <summary>Every few minutes (<c>Upsell:FollowUps:Schedule</c>): sends the follow-up emails that are due.</summary>
public sealed class SendFollowUpsFunction(FollowUpSender sender)
{
    [Function(nameof(SendFollowUps))]
    public Task SendFollowUps([TimerTrigger("%Upsell:FollowUps:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sender.RunAsync(cancellationToken);
}
