using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Upsell.Infrastructure.Affinity;

/// <summary>
/// Where co-purchase counts live. A product's pair counts are split over <c>Shards</c> partitions by order
/// ("CAM-X100|03"), and so are the order counts ("~orders|03"), so no product, however popular, is one hot
/// partition. A SKU becomes a key as it is, unless it holds a character keys cannot ('/', '\', '#', '?', control
/// characters) or starts with a character the special rows use ('~', '!', '='): then "=" and its UTF-8 in base64url.
/// </summary>
public static class AffinityKeys
{
    /// <summary>The row of an order's marker, which makes it count once in a partition.</summary>
    public const string MarkerPrefix = "!";

    /// <summary>The row of the total of orders counted, in an order-count partition.</summary>
    public const string TotalRow = "~total";

    private const string OrdersName = "~orders";

    public static string Key(string sku)
    {
        ArgumentNullException.ThrowIfNull(sku);
        var safe = sku.Length > 0 && sku[0] is not ('~' or '!' or '=') && !sku.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        return safe ? sku : "=" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sku));
    }

    public static string Sku(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith('=') ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(key.AsSpan(1))) : key;
    }

    public static string Marker(string orderId) => MarkerPrefix + orderId;

    /// <summary>The shard an order's counts go to: the same for every part of one order.</summary>
    public static int ShardOf(string orderId, int shards) => (int)(Domain.Experiments.GrowthBookHash.Fnv1a32(orderId) % (uint)shards);

    public static string Pairs(string sku, int shard) => $"{Key(sku)}|{shard.ToString("D2", CultureInfo.InvariantCulture)}";

    public static string Orders(int shard) => $"{OrdersName}|{shard.ToString("D2", CultureInfo.InvariantCulture)}";
}
