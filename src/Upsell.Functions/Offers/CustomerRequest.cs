namespace Upsell.Functions.Offers;

/// <summary>The shopper's segment as the storefront knows it.</summary>
public sealed record CustomerRequest(bool? FirstTime, int? OrderCount);
