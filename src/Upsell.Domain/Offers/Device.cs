namespace Upsell.Domain.Offers;

/// <summary>The shopper's device class.</summary>
public enum Device
{
    /// <summary>A desktop or laptop browser.</summary>
    Desktop,
    /// <summary>A phone.</summary>
    Mobile,
    /// <summary>A tablet.</summary>
    Tablet,
}
