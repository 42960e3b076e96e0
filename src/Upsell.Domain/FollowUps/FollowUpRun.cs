namespace Upsell.Domain.FollowUps;

/// <summary>What one timer run did with the open follow-ups it read.</summary>
public sealed record FollowUpRun(int Read, int Sent, int Skipped, int Waiting, int Retrying, int Failed, int Unknown, int Busy, int Errors);
