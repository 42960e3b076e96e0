namespace Upsell.Domain.FollowUps;

/// <summary>
/// A composed follow-up email: subject, plain-text part and HTML part, and the words they were written from.
/// </summary>
public sealed record FollowUpEmail(string Subject, string Text, string Html, FollowUpTemplateData Data);
