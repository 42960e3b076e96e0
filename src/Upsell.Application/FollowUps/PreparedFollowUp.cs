using Upsell.Domain.Tokens;
using Upsell.Infrastructure.FollowUps;

namespace Upsell.Application.FollowUps;

/// <summary>A follow-up made ready: the email and the decision behind its offer, or why it is not sent.</summary>
public sealed record PreparedFollowUp(OutgoingEmail? Email, DecisionToken? Decision, string? SkipReason)
{
    public static PreparedFollowUp Skip(string reason) => new(null, null, reason);
}
