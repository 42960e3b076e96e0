using Upsell.Application.Intake;
using Upsell.Domain.Validation;

namespace Upsell.Functions.Connectors;

/// <summary>One platform order line in our shape. Revenue is the line's total after its discounts, exactly.</summary>
public static class PlatformLine
{
    /// <summary>
    /// The line. A platform line without a SKU (a custom item, a gift card) is named by its variant or line id so
    /// the order still counts. When the discounted total does not divide by the quantity, the line is recorded as
    /// one unit of its total: revenue stays exact, which is what attribution and reports read.
    /// </summary>
    public static OrderLineRequest Of(string? sku, string? fallbackSku, string? name, string? category, long? total, int? quantity, string? token, string? lineId, string? productId)
    {
        var units = quantity is > 0 ? quantity.Value : 1;
        var even = total is { } t && t % units == 0;
        return new OrderLineRequest(
            PlatformJson.Clean(sku, Limits.NameLength) ?? PlatformJson.Clean(fallbackSku, Limits.NameLength),
            PlatformJson.Clean(name, Limits.LineNameLength) ?? PlatformJson.Clean(sku ?? fallbackSku, Limits.LineNameLength),
            PlatformJson.Clean(category, Limits.NameLength),
            total is null ? null : even ? total / units : total,
            quantity is null ? null : even ? units : 1,
            token,
            PlatformJson.Clean(lineId, Limits.NameLength),
            PlatformJson.Clean(productId, Limits.NameLength));
    }

    /// <summary>
    /// The lines as we keep them: at most <see cref="Limits.Lines"/>. Past that, the lines that carry
    /// an upsell token and the first of the rest are kept as they are, and the others become one line, "N more
    /// items", whose total is theirs exactly, so the order's revenue and every upsell stay exact.
    /// </summary>
    public static List<OrderLineRequest> Fit(List<OrderLineRequest> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count <= Limits.Lines)
        {
            return lines;
        }

        // A shopper can put a token on any Shopify cart line, so even the token lines are kept only up to the limit.
        var tokens = Math.Min(lines.Count(l => l.UpsellToken is not null), Limits.Lines - 1);
        var (tokenRoom, room) = (tokens, Limits.Lines - 1 - tokens);
        var kept = new List<OrderLineRequest>(Limits.Lines);
        var rest = new List<OrderLineRequest>();
        foreach (var line in lines)
        {
            var keep = line.UpsellToken is not null ? tokenRoom-- > 0 : room-- > 0;
            (keep ? kept : rest).Add(line);
        }

        var total = rest.Sum(l => (l.UnitPrice ?? 0) * (l.Quantity ?? 1));
        kept.Add(new OrderLineRequest(MoreItemsSku, $"{rest.Count} more items", null, total, 1, null, null));
        return kept;
    }

    /// <summary>The SKU of the line that stands for an order's lines past the limit.</summary>
    public const string MoreItemsSku = "more-items";
}
