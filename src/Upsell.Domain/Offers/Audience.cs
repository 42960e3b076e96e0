namespace Upsell.Domain.Offers;

/// <summary>Which buyers an offer is meant for.</summary>
public enum Audience
{
    /// <summary>Everyone.</summary>
    Any,
    /// <summary>Buyers without a previous order.</summary>
    FirstTime,
    /// <summary>Buyers with at least one previous order.</summary>
    Returning,
}
