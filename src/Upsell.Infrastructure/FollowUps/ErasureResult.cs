namespace Upsell.Infrastructure.FollowUps;

/// <summary>What an erasure deleted: follow-ups, stored orders, the address's own rows, and its visitors' state.</summary>
public sealed record ErasureResult(int FollowUps, int Orders, int AddressRecords, int VisitorRecords)
{
    /// <summary>An erasure that found nothing.</summary>
    public static ErasureResult None { get; } = new(0, 0, 0, 0);

    /// <summary>Two erasures' counts together (an address and the orders a platform names).</summary>
    public ErasureResult Plus(ErasureResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ErasureResult(FollowUps + other.FollowUps, Orders + other.Orders, AddressRecords + other.AddressRecords, VisitorRecords + other.VisitorRecords);
    }
}
