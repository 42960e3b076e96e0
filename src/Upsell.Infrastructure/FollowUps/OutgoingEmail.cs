using Upsell.Domain.FollowUps;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>A composed follow-up email with its recipient and unsubscribe links, ready to send.</summary>
public sealed record OutgoingEmail(string FollowUpId, string To, FollowUpEmail Content, string UnsubscribeUrl, string UnsubscribeMailto);
