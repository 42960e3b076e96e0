using System.Text.Json;

namespace Upsell.Tests;

/// <summary>One row of contracts/platform-amounts.json: a platform's decimal amount and its minor units, or null when refused.</summary>
public sealed record PlatformAmount(string Amount, string Currency, long? Minor);

/// <summary>The shared platform amount cases, read by the conversion tests and by the connector tests.</summary>
public static class PlatformAmounts
{
    public static IReadOnlyList<PlatformAmount> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "contracts", "platform-amounts.json")));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new PlatformAmount(
            c.GetProperty("amount").GetString()!,
            c.GetProperty("currency").GetString()!,
            c.GetProperty("minor").ValueKind == JsonValueKind.Null ? null : c.GetProperty("minor").GetInt64()))];
    }
}
