using System.Globalization;

namespace Upsell.Domain.Experiments;

/// <summary>GrowthBook's deterministic hashing (FNV-1a 32-bit), so assignments match the GrowthBook SDKs.</summary>
public static class GrowthBookHash
{
    private const uint OffsetBasis = 0x811C9DC5;
    private const uint Prime = 0x01000193;

    /// <summary>FNV-1a 32-bit over the UTF-16 code units, as the JavaScript SDK hashes.</summary>
    public static uint Fnv1a32(string value)
    {
        var hash = OffsetBasis;
        foreach (var c in value)
        {
            hash ^= c;
            hash *= Prime;
        }

        return hash;
    }

    /// <summary>GrowthBook's v2 hash: <c>fnv(fnv(seed + value) + "") % 10000 / 10000</c>, in [0, 1).</summary>
    public static double V2(string seed, string value)
    {
        var inner = Fnv1a32(string.Concat(seed, value));
        var outer = Fnv1a32(inner.ToString(CultureInfo.InvariantCulture));
        return outer % 10000 / 10000.0;
    }

    /// <summary>Whether a visitor falls in the first <paramref name="percent"/> of the hash space for a salt.</summary>
    public static bool InFirstPercent(string salt, string visitorId, double percent) =>
        percent > 0 && V2(salt, visitorId) < percent / 100.0;
}
