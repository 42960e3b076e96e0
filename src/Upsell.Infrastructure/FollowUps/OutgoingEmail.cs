using Upsell.Domain.FollowUps;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>
/// A composed follow-up email with its recipient and unsubscribe links, ready to send, and its offer's id and signed
/// decision token, which SendGrid hands back with every event of the email.
/// </summary>
public sealed record OutgoingEmail(string FollowUpId, string To, FollowUpEmail Content, string UnsubscribeUrl, string UnsubscribeMailto, string? OfferId = null, string? DecisionToken = null)
{
    /// <summary>RFC 8058: mail clients POST this body to the https link to unsubscribe in one click.</summary>
    public const string ListUnsubscribePost = "List-Unsubscribe=One-Click";

    /// <summary>The List-Unsubscribe header: the https link for one click, the mailto for clients without it.</summary>
    public string ListUnsubscribe => $"<{UnsubscribeUrl}>, <{UnsubscribeMailto}>";
}
