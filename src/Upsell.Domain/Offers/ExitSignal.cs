namespace Upsell.Domain.Offers;

/// <summary>What the storefront saw that made it think the shopper is leaving.</summary>
public enum ExitSignal
{
    /// <summary>Desktop: the pointer left through the top edge after the dwell.</summary>
    TopEdge,
    /// <summary>Mobile: a fast scroll-up near the top of the page.</summary>
    ScrollUp,
    /// <summary>The page went hidden and came back.</summary>
    TabReturn,
}
