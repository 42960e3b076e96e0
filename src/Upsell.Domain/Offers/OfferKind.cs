namespace Upsell.Domain.Offers;

/// <summary>What an offer sells.</summary>
public enum OfferKind
{
    /// <summary>A related accessory.</summary>
    Accessory,
    /// <summary>A bundle of products.</summary>
    Bundle,
    /// <summary>An extended warranty.</summary>
    Warranty,
    /// <summary>A protection plan.</summary>
    ProtectionPlan,
    /// <summary>Faster delivery.</summary>
    ExpeditedShipping,
    /// <summary>Shipping insurance.</summary>
    Insurance,
    /// <summary>A better version of what is in the cart.</summary>
    Upgrade,
    /// <summary>A subscription or its extension.</summary>
    Subscription,
    /// <summary>An onboarding bundle for new buyers.</summary>
    Onboarding,
    /// <summary>A discount on an add-on.</summary>
    Discount,
}
