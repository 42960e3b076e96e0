namespace Upsell.Application.Intake;

/// <summary>
/// One order line as the commerce backend sends it; prices in minor units. A line that came from an accepted offer
/// carries the offer's decision token, which attributes its revenue to the offer. <see cref="LineId"/> is optional:
/// the platform's id of the line, which the connectors use to match refunds to lines; <see cref="ProductId"/> the
/// platform's id of the product (Shopify's variant id), by which a line is the offered product when its SKU is not
/// (<see cref="Domain.Orders.OfferedProduct"/>).
/// </summary>
public sealed record OrderLineRequest(string? Sku, string? Name, string? Category, long? UnitPrice, int? Quantity, string? UpsellToken, string? LineId = null, string? ProductId = null);
