using System.Collections.Frozen;

namespace Upsell.Domain.Offers;

/// <summary>Who and which carts an offer is meant for. Empty sets mean "any".</summary>
public sealed record OfferTargeting
{
    /// <summary>Targeting that matches every shopper.</summary>
    public static readonly OfferTargeting Everyone = new();

    /// <summary>SKUs of which one must be in the cart (an exact trigger, the most relevant kind).</summary>
    public FrozenSet<string> TriggerSkus { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Categories of which one must be in the cart, when no trigger SKU is.</summary>
    public FrozenSet<string> TriggerCategories { get; init; } = FrozenSet<string>.Empty;

    /// <summary>SKUs that rule the offer out when in the cart.</summary>
    public FrozenSet<string> ExcludedSkus { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Categories that rule the offer out when in the cart.</summary>
    public FrozenSet<string> ExcludedCategories { get; init; } = FrozenSet<string>.Empty;

    /// <summary>The least cart value, in minor units, inclusive.</summary>
    public long? MinCartValue { get; init; }

    /// <summary>The greatest cart value, in minor units, inclusive.</summary>
    public long? MaxCartValue { get; init; }

    /// <summary>The offer's price may be at most this percentage of the cart value.</summary>
    public int? MaxPricePercentOfCart { get; init; }

    /// <summary>Devices the offer is shown on.</summary>
    public FrozenSet<Device> Devices { get; init; } = FrozenSet<Device>.Empty;

    /// <summary>ISO 3166 alpha-2 countries the offer is shown in.</summary>
    public FrozenSet<string> Countries { get; init; } = FrozenSet<string>.Empty;

    /// <summary>First-time buyers, returning buyers or both.</summary>
    public Audience Audience { get; init; } = Audience.Any;

    /// <summary>The least number of previous orders.</summary>
    public int? MinOrderCount { get; init; }

    /// <summary>Whether the offer needs something particular in the cart.</summary>
    public bool HasTrigger => TriggerSkus.Count > 0 || TriggerCategories.Count > 0;
}
