using System.Text.RegularExpressions;

namespace Upsell.Domain.Validation;

/// <summary>Shared field rules for everything that arrives over HTTP: ids, names, lists.</summary>
public static partial class Fields
{
    /// <summary>Whether a value is a usable id: letters, digits, '.', '_', '-' and ':', starting with a letter or digit.</summary>
    public static bool IsId(string? value) => value is { Length: > 0 and <= Limits.IdLength } && IdPattern().IsMatch(value);

    /// <summary>Whether a value is a usable SKU or category: printable, no control characters, not blank.</summary>
    public static bool IsName(string? value) =>
        value is { Length: > 0 and <= Limits.NameLength } && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl);

    /// <summary>Whether a value is an upper-case ISO 3166 alpha-2 country code.</summary>
    public static bool IsCountry(string? value) => value is { Length: 2 } && CountryPattern().IsMatch(value);

    /// <summary>Adds an error when the id is missing or malformed.</summary>
    public static void RequireId(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new FieldError(field, "is required"));
        }
        else if (!IsId(value))
        {
            errors.Add(new FieldError(field, $"must be 1 to {Limits.IdLength} letters, digits, '.', '_', '-' or ':', starting with a letter or digit"));
        }
    }

    /// <summary>What a SKU, category or platform line id must be, as an error says it.</summary>
    public static string NameRule { get; } = $"must be 1 to {Limits.NameLength} printable characters";

    /// <summary>Adds an error when a SKU or category is not a usable name; an optional one may be absent.</summary>
    public static void RequireName(List<FieldError> errors, string field, string? value, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if ((required || value is not null) && !IsName(value))
        {
            errors.Add(new FieldError(field, NameRule));
        }
    }

    /// <summary>
    /// Adds an error when a text is missing, too long, or holds a control character: a line break or an escape in
    /// shopper-facing copy ends up in email headers, logs and other people's screens, never as intended.
    /// </summary>
    public static void RequireText(List<FieldError> errors, string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new FieldError(field, "is required"));
            }
        }
        else if (value.Length > maxLength)
        {
            errors.Add(new FieldError(field, $"must be at most {maxLength} characters"));
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(new FieldError(field, "must be printable: no control characters, line breaks included"));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryPattern();
}
