using Upsell.Domain.Offers;

namespace Upsell.Domain.Outcomes;

/// <summary>
/// Who a decision was for, as the moment reports break it down: device, first-time or returning buyer, and country
/// ("-" when unknown, as both are for a follow-up email). Its text ("mobile.first-time.DE") travels in the decision
/// token.
/// </summary>
public readonly record struct Segment(Device? Device, bool FirstTime, string Country)
{
    /// <summary>The breakdowns a moment report offers.</summary>
    public static IReadOnlyList<string> Dimensions { get; } = ["device", "buyer", "country"];

    /// <summary>The segment of a shopper.</summary>
    public static Segment Of(ShopperContext shopper)
    {
        ArgumentNullException.ThrowIfNull(shopper);
        return new(shopper.Device, shopper.OrderCount == 0, shopper.Country is { Length: 2 } c && c.All(char.IsAsciiLetter) ? c.ToUpperInvariant() : "-");
    }

    /// <summary>The segment of a follow-up email's recipient, whose device and country are not known.</summary>
    public static Segment OfEmail(int ordersBefore) => new(null, ordersBefore == 0, "-");

    /// <summary>Reads the token text; false for anything else.</summary>
    public static bool TryParse(string? text, out Segment segment)
    {
        segment = default;
        var parts = text?.Split('.') ?? [];
        Device parsed = default;
        if (parts.Length != 3 || !(parts[0] == "-" || Wire.TryParse(parts[0], out parsed)) || parts[1] is not ("first-time" or "returning")
            || !(parts[2] == "-" || (parts[2].Length == 2 && parts[2].All(char.IsAsciiLetterUpper))))
        {
            return false;
        }

        segment = new Segment(parts[0] == "-" ? null : parsed, parts[1] == "first-time", parts[2]);
        return true;
    }

    /// <summary>This segment's value in one of the <see cref="Dimensions"/>.</summary>
    public string ValueOf(string dimension) => dimension switch
    {
        "device" => Device is { } device ? Wire.Name(device) : "-",
        "buyer" => FirstTime ? "first-time" : "returning",
        "country" => Country,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not a segment dimension."),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{(Device is { } device ? Wire.Name(device) : "-")}.{(FirstTime ? "first-time" : "returning")}.{Country}";
}
