namespace Upsell.Infrastructure.FollowUps;

/// <summary>The result of sending one email: the outcome, SendGrid's message id, a retry time, and why.</summary>
public readonly record struct MailResult(MailOutcome Outcome, string? MessageId = null, DateTimeOffset? RetryAt = null, string? Detail = null);
