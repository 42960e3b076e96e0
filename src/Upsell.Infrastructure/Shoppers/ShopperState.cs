using Azure;
using Upsell.Domain.Offers;

namespace Upsell.Infrastructure.Shoppers;

/// <summary>A shopper's history as read, with the session row's ETag for the conditional write that follows.</summary>
public sealed record ShopperState(ShopperHistory History, ETag? SessionETag);
