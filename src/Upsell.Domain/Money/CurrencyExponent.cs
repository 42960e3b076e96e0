using System.Collections.Frozen;

namespace Upsell.Domain.Money;

/// <summary>
/// The ISO 4217 minor-unit exponent of a currency: how many decimal places its minor unit has. Most currencies have
/// 2; the table holds the ones that do not, from the ISO 4217 list.
/// </summary>
public static class CurrencyExponent
{
    private static readonly FrozenDictionary<string, int> NotTwo = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0,
        ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The exponent: 2 for EUR, 0 for JPY, 3 for KWD.</summary>
    public static int Of(string currency) => NotTwo.TryGetValue(currency, out var exponent) ? exponent : 2;
}
