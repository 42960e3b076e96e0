namespace Upsell.Domain.Decisions;

/// <summary>How eligible offers are ordered at a moment.</summary>
public enum Ranking
{
    /// <summary>The merchant's rules: SKU trigger, category trigger, generic, then priority and id.</summary>
    Rules,

    /// <summary>Offers the shop's orders say go with the cart first, by score; then the rest by the rules.</summary>
    Learned,
}
