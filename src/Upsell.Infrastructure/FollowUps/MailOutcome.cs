namespace Upsell.Infrastructure.FollowUps;

/// <summary>What became of one attempt to send an email.</summary>
public enum MailOutcome
{
    /// <summary>Taken for delivery (SendGrid 2xx, or written to the outbox).</summary>
    Accepted,
    /// <summary>SendGrid 429: try again after its reset time.</summary>
    RateLimited,
    /// <summary>SendGrid 5xx, or a request that never left: nothing was sent, try again later.</summary>
    RetryLater,
    /// <summary>SendGrid refused this email (4xx): trying again will not help.</summary>
    Rejected,
    /// <summary>No answer (a timeout, a dropped connection): it may have been sent, so it is not sent again.</summary>
    Unknown,
}
