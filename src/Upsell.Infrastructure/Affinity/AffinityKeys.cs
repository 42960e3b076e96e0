using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Upsell.Infrastructure.Affinity;

/// <summary>
/// Where co-purchase counts live: one partition per shard of orders ("03"), each holding, for the orders of its
/// shard, the pair counts ("CAM-X100|BAG-1", both ways round), each product's order count ("~n|CAM-X100"), the total
/// ("~total") and the orders' markers ("!order-1|0"). An order writes one partition, so no product, however popular,
/// is a hot partition, and a product's counts are a row range in each shard. A SKU becomes a key as it is, unless
/// it holds a character keys cannot ('/', '\', '#', '?', control characters) or the separator '|', or starts with a
/// character the special rows use ('~', '!', '='): then "=" and its UTF-8 in base64url.
/// </summary>
public static class AffinityKeys
{
    /// <summary>The rows of orders' markers, which make each part of an order count once.</summary>
    public const string MarkerPrefix = "!";

    /// <summary>The row of the total of orders counted in a shard.</summary>
    public const string TotalRow = "~total";

    /// <summary>The rows of products' order counts.</summary>
    public const string OrdersPrefix = "~n|";

    public static string Key(string sku)
    {
        ArgumentNullException.ThrowIfNull(sku);
        var safe = sku.Length > 0 && sku[0] is not ('~' or '!' or '=') && !sku.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c));
        return safe ? sku : "=" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sku));
    }

    public static string Sku(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith('=') ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(key.AsSpan(1))) : key;
    }

    /// <summary>The marker of one part of an order (an order with many products takes several batches).</summary>
    public static string Marker(string orderId, int part) => $"{MarkerPrefix}{orderId}|{part.ToString(CultureInfo.InvariantCulture)}";

    public static string Partition(int shard) => shard.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The row counting the orders holding both a and b, in a's range.</summary>
    public static string Pair(string a, string b) => $"{Key(a)}|{Key(b)}";

    /// <summary>The first row of a's pair range; the range ends before <see cref="PairsEnd"/>.</summary>
    public static string PairsStart(string a) => Key(a) + "|";

    public static string PairsEnd(string a) => Key(a) + "}";

    /// <summary>The row counting the orders holding a.</summary>
    public static string Orders(string a) => OrdersPrefix + Key(a);
}
