namespace Upsell.Domain.Decisions;

/// <summary>How closely an offer fits the cart; ranks before priority.</summary>
public enum Relevance
{
    /// <summary>No trigger: fits any cart.</summary>
    Generic = 0,
    /// <summary>A trigger category is in the cart.</summary>
    Category = 1,
    /// <summary>A trigger SKU is in the cart.</summary>
    Sku = 2,
}
