using System.Globalization;
using System.Text.Json;
using Upsell.Domain.Money;
using Upsell.Domain.Validation;

namespace Upsell.Functions.Connectors;

/// <summary>
/// Reading a platform's JSON leniently: a field may be missing, null, a string or a number, as the platforms send
/// them. Amounts are the exception: a malformed amount is an error naming the platform's field.
/// </summary>
public static class PlatformJson
{
    /// <summary>A property, or null when it is missing or JSON null.</summary>
    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string, or a number's exact text (ids are numbers on Shopify and WooCommerce); null otherwise or when blank.</summary>
    public static string? Text(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.String } s when !string.IsNullOrWhiteSpace(s.GetString()) => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static bool Flag(this JsonElement element, string name) => element.Get(name) is { ValueKind: JsonValueKind.True };

    public static int? Count(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var value) ? value : null;

    /// <summary>A timestamp; one without an offset (WooCommerce's *_gmt fields) is UTC.</summary>
    public static DateTimeOffset? Time(this JsonElement element, string name) =>
        element.Text(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>
    /// An amount as minor units of the currency, from a decimal string ("19.99") or a JSON number's own digits,
    /// never through floating point; a missing or malformed one adds an error naming <paramref name="field"/>.
    /// </summary>
    public static long? Amount(this JsonElement element, string name, string currency, string field, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var (minor, error) = DecimalAmount.ToMinor(element.Text(name), currency);
        if (error is not null)
        {
            errors.Add(new FieldError(field, error));
        }

        return minor;
    }

    /// <summary>The value of a {name, value} or {key, value} entry in a list (Shopify's properties, WooCommerce's meta_data).</summary>
    public static string? Entry(this JsonElement element, string list, string key, string keyName = "name") =>
        element.Get(list) switch
        {
            { ValueKind: JsonValueKind.Array } entries => entries.EnumerateArray().Where(e => e.Text(keyName) == key).Select(e => e.Text("value")).FirstOrDefault(),
            { ValueKind: JsonValueKind.Object } map => map.Text(key),
            _ => null,
        };

    /// <summary>
    /// Platform text made fit to keep, so an odd title never refuses an order: control characters (a newline in a
    /// title, a tab in a SKU) become spaces, the ends are trimmed, and a long text is cut to the length (never inside
    /// a character); null when nothing printable is left.
    /// </summary>
    public static string? Clean(string? text, int length)
    {
        if (text is null)
        {
            return null;
        }

        var cleaned = string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
        if (cleaned.Length > length)
        {
            var cut = char.IsHighSurrogate(cleaned[length - 1]) ? length - 1 : length;
            cleaned = cleaned[..cut].TrimEnd();
        }

        return cleaned.Length == 0 ? null : cleaned;
    }
}
