namespace Upsell.Infrastructure.FollowUps;

/// <summary>What an erasure deleted: follow-ups, stored orders, the address's own rows, and its visitors' suppressions.</summary>
public sealed record ErasureResult(int FollowUps, int Orders, int AddressRecords, int VisitorRecords);
