namespace Upsell.Domain.Offers;

/// <summary>Everything the storefront tells us about the shopper at a moment, already validated.</summary>
public sealed record ShopperContext
{
    /// <summary>Where in the journey the shopper is.</summary>
    public required Moment Moment { get; init; }

    /// <summary>The browsing session.</summary>
    public required string SessionId { get; init; }

    /// <summary>The stable visitor id that experiments and the holdout hash.</summary>
    public required string VisitorId { get; init; }

    /// <summary>The cart, all lines in one currency.</summary>
    public IReadOnlyList<CartLine> Cart { get; init; } = [];

    /// <summary>The device class.</summary>
    public Device Device { get; init; } = Device.Desktop;

    /// <summary>ISO 3166 alpha-2 country, upper case.</summary>
    public string? Country { get; init; }

    /// <summary>The shopper's locale, for copy and money formatting.</summary>
    public string? Locale { get; init; }

    /// <summary>How many orders the shopper placed before; 0 is a first-time buyer.</summary>
    public int OrderCount { get; init; }

    /// <summary>For exit intent: what the storefront saw.</summary>
    public ExitSignal? ExitSignal { get; init; }

    /// <summary>The offers the page already shows.</summary>
    public IReadOnlyList<PageOffer> OnPage { get; init; } = [];

    /// <summary>Products the shopper sent back (the refunded lines of the order a follow-up is for): never their offer.</summary>
    public IReadOnlyList<string> ReturnedSkus { get; init; } = [];
}
