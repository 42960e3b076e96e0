namespace Upsell.Domain.Offers;

/// <summary>
/// An offer the page already shows (the storefront says so when it asks again on the same page): its product, by
/// SKU or platform id, and the price it is offered at. Nothing on one page may offer that product at another price.
/// </summary>
public sealed record PageOffer(string? Sku, string? ExternalId, Money.Money Price);
