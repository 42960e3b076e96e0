
namespace Upsell.Application.Operations;

/// <summary>Follow-up emails by status; <see cref="Failed"/> and <see cref="Unknown"/> are what an operator acts on.</summary>
public sealed record FollowUpCounts(int Pending, int Claimed, int Sent, int Skipped, int Failed, int Unknown);
