using System.Text.Json.Serialization;

namespace Upsell.Application.Intake;

/// <summary>
/// The body of <c>POST /api/orders</c>, signed by the commerce backend. Amounts are net of tax. A <see cref="Test"/>
/// order is kept but counts nowhere and gets no follow-up. <see cref="TaxIncluded"/> is set by a platform connector
/// whose shop prices include tax, so its refunds can take the tax out too; <see cref="FromPlatform"/> by a platform
/// connector, whose orders are kept however they look (no lines, any quantity); the API reads neither.
/// </summary>
public sealed record OrderRequest(
    string? OrderId,
    DateTimeOffset? PlacedAt,
    string? Currency,
    long? Total,
    IReadOnlyList<OrderLineRequest>? Lines,
    OrderCustomerRequest? Customer,
    bool? Test = null,
    [property: JsonIgnore] bool TaxIncluded = false,
    [property: JsonIgnore] bool FromPlatform = false);
