namespace Upsell.Domain.Offers;

/// <summary>A point in the shopper's journey where an offer may be shown.</summary>
public enum Moment
{
    /// <summary>After add-to-cart, in the cart.</summary>
    Cart,
    /// <summary>The shipping page.</summary>
    Shipping,
    /// <summary>The payment page.</summary>
    Payment,
    /// <summary>During form entry.</summary>
    Form,
    /// <summary>A leaving signal on any checkout page.</summary>
    ExitIntent,
    /// <summary>The order confirmation page.</summary>
    Confirmation,
    /// <summary>The follow-up email 24–72 h after the order.</summary>
    PostPurchase,
}
