namespace Upsell.Functions.Offers;

/// <summary>The body of <c>POST /api/offers/{moment}</c> and <c>POST /api/offers/exit-intent</c>.</summary>
public sealed record OfferRequest(
    string? SessionId,
    string? VisitorId,
    IReadOnlyList<CartLineRequest>? Cart,
    string? Device,
    string? Country,
    string? Locale,
    CustomerRequest? Customer,
    string? Signal,
    IReadOnlyList<PageOfferRequest>? OnPage = null);

/// <summary>An offer the page already shows: its SKU or platform id (one at least), unit price and currency.</summary>
public sealed record PageOfferRequest(string? Sku, string? ExternalId, long? UnitPrice, string? Currency);
