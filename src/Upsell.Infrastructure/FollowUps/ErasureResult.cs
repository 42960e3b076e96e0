namespace Upsell.Infrastructure.FollowUps;

/// <summary>What an erasure deleted: follow-ups, stored orders, and the address's own rows.</summary>
public sealed record ErasureResult(int FollowUps, int Orders, int AddressRecords);
